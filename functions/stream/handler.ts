/**
 * The stream function: the table's changes (NEW_AND_OLD_IMAGES) in, aggregate counters out,
 * exactly once (functions/stream/aggregates.ts). On AWS a DynamoDB Streams event source calls
 * `handler` with batches and retries from the first failed record it reports; on one machine
 * the local poller (functions/local/stream-poller.ts) calls the same `createStreamHandler`.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { readEnv } from '#shared/config/env.ts';
import { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import { Table } from '#shared/store/table.ts';
import { createStreamHandler, type StreamHandler } from './aggregates.ts';

export { createStreamHandler, type StreamHandler } from './aggregates.ts';

let handle: StreamHandler | undefined;

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  if (!handle) {
    const env = readEnv();
    const client = createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION });
    handle = createStreamHandler(new Table(client, env.TABLE_NAME));
  }
  return handle(event);
}
