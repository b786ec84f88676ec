/**
 * The stream function: the table's changes (NEW_AND_OLD_IMAGES) in, aggregate counters out,
 * exactly once (functions/stream/aggregates.ts). On AWS a DynamoDB Streams event source calls
 * `handler` with batches and retries from the first failed record it reports; on one machine
 * the local poller (functions/local/stream-poller.ts) calls the same `createStreamHandler`.
 */

import type { DynamoDBBatchResponse } from 'aws-lambda';
import { readEnv } from '#shared/config/env.ts';
import { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import { Table } from '#shared/store/table.ts';
import { createStreamHandler, type StreamEvent, type StreamHandler } from './aggregates.ts';

export { createStreamHandler, type StreamEvent, type StreamHandler } from './aggregates.ts';

let handle: StreamHandler | undefined;

/** A tumbling window's invocations must answer a state (infra/api-stack.ts); this function keeps none. */
export async function handler(event: StreamEvent): Promise<DynamoDBBatchResponse & { state: object }> {
  if (!handle) {
    const env = readEnv();
    const client = createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION });
    handle = createStreamHandler(new Table(client, env.TABLE_NAME));
  }
  return { ...(await handle(event)), state: {} };
}
