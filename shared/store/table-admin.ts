/**
 * Creating the table where we run it ourselves (DynamoDB Local, tests). On AWS the CDK stack
 * creates it from the same definition.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableDefinition as def } from './table-definition.ts';

const indexInput = (index: (typeof def.indexes)[number]) => ({
  IndexName: index.name,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection:
    index.projection === 'ALL'
      ? { ProjectionType: 'ALL' as const }
      : { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.attributes] },
});

const keyAttributes = [
  def.partitionKey,
  def.sortKey,
  ...def.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
];

/** Creates the table unless it exists, and adds indexes a newer version defines; safe on every start. */
export async function ensureTable(client: DynamoDBDocumentClient, tableName: string): Promise<void> {
  const existing = await describeTable(client, tableName);
  if (existing) return addMissingIndexes(client, tableName, existing);
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: def.partitionKey, KeyType: 'HASH' },
          { AttributeName: def.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: def.indexes.map(indexInput),
        StreamSpecification: { StreamEnabled: true, StreamViewType: def.streamView },
      }),
    );
  } catch (error) {
    // Another process created it between our check and our call: that is the outcome we wanted.
    if (error instanceof ResourceInUseException) return;
    throw error;
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: def.timeToLiveAttribute, Enabled: true },
    }),
  );
}

// A data folder made by an older version lacks the newer indexes; DynamoDB adds one per call.
async function addMissingIndexes(
  client: DynamoDBDocumentClient,
  tableName: string,
  table: NonNullable<DescribeTableCommandOutput['Table']>,
): Promise<void> {
  const present = new Set((table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of def.indexes.filter((i) => !present.has(i.name))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        GlobalSecondaryIndexUpdates: [{ Create: indexInput(index) }],
      }),
    );
  }
}

async function describeTable(client: DynamoDBDocumentClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}
