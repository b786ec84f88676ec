/**
 * The stream function: the table's changes (NEW_AND_OLD_IMAGES) in; aggregate counters, exactly
 * once (functions/stream/aggregates.ts), and webhook deliveries, once each
 * (functions/stream/outbox.ts), out. On AWS a DynamoDB Streams event source calls `handler` with
 * batches and retries from the first failed record it reports; on one machine the local poller
 * (functions/local/stream-poller.ts) calls the same `createStreamHandler`.
 */

import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { readEnv } from '#shared/config/env.ts';
import { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import { Table } from '#shared/store/table.ts';
import {
  COUNTED_ENTITIES,
  createAggregateHandler,
  type StreamEvent,
  type StreamHandler,
  type StreamHandlerOptions,
} from './aggregates.ts';
import { createOutbox, EVENT_ENTITIES } from './outbox.ts';

export type { StreamEvent, StreamHandler } from './aggregates.ts';

/** The entities whose changes wake the function on AWS (its event source's filter; a test keeps them equal). */
export const STREAM_ENTITIES: readonly string[] = [...new Set([...COUNTED_ENTITIES, ...EVENT_ENTITIES])];

/**
 * Aggregates first, then the outbox over the records the aggregates took: a batch retried from
 * the first record either failed is counted once (the aggregates' ledger) and queued once (the
 * outbox's deterministic ids).
 */
export function createStreamHandler(table: Table, options: StreamHandlerOptions = {}): StreamHandler {
  const aggregates = createAggregateHandler(table, options);
  const outbox = createOutbox(table, options.log);
  return async (event) => {
    const counted = await aggregates(event);
    const failed = counted.batchItemFailures[0]?.itemIdentifier;
    const queued = await outbox({ ...event, Records: recordsBefore(event.Records, failed) });
    return queued.batchItemFailures.length > 0 ? queued : counted;
  };
}

function recordsBefore(records: readonly DynamoDBRecord[], failed: string | undefined): DynamoDBRecord[] {
  if (failed === undefined) return [...records];
  const index = records.findIndex((r) => r.dynamodb?.SequenceNumber === failed || r.eventID === failed);
  return index < 0 ? [...records] : records.slice(0, index);
}

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
