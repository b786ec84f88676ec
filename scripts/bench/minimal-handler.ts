/**
 * The cold-start yardstick (cold-start.ts): the least an API function on Lambda can be, Hono
 * behind API Gateway reading one item through the DynamoDB document client.
 */
// biome-ignore lint/style/noRestrictedImports: the yardstick is the raw SDK, without our store.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
// biome-ignore lint/style/noRestrictedImports: the yardstick is the raw SDK, without our store.
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

const app = new Hono().get('/items/:id', async (c) => {
  const { Item } = await client.send(new GetCommand({ TableName: 'items', Key: { PK: c.req.param('id') } }));
  return Item ? c.json(Item) : c.notFound();
});

export const handler = handle(app);
