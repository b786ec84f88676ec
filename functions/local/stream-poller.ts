/**
 * On one machine, what Lambda's DynamoDB Streams event source does on AWS: read the table's
 * stream (DescribeStream, GetShardIterator, GetRecords against DynamoDB Local) and hand batches
 * to the same stream handler, retrying from the first record it reports as failed.
 *
 * - Shards are followed as they close and open: a child shard is read once its parent is done.
 * - Each batch names its shard, as Lambda's does with a tumbling window: the handler keeps its
 *   progress per shard.
 * - Where each shard was read to is checkpointed in the table (platform tenant), so a restart
 *   resumes there; the handler's shard progress makes whatever is read twice count once.
 * - It polls every 250 ms while the stream is quiet and reads on at once while records keep
 *   coming, so a change reaches the aggregates well within 2 s.
 * - A record that keeps failing is retried `maxAttempts` times, then logged and passed over, as
 *   the event source's retry limit and dead-letter queue do on AWS; `npm run recount` repairs
 *   what it would have changed.
 */
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamEvent, StreamHandler } from '#functions/stream/handler.ts';
import { logger } from '#shared/config/logger.ts';
import { CHECKPOINT_ENTITY, StreamCheckpoints } from '#shared/store/repositories/aggregates.ts';
import { decodeStreamImage } from '#shared/store/stream-records.ts';
import type { Table } from '#shared/store/table.ts';

type Log = Pick<typeof logger, 'info' | 'warn' | 'error'>;

export interface StreamPollerOptions {
  /** DynamoDB Local's endpoint (or another one speaking the Streams API). */
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly table: Table;
  readonly handle: StreamHandler;
  /** Pause while the stream is quiet. @default 250 */
  readonly intervalMs?: number;
  /**
   * Records per handler call, read with as many GetRecords as it takes: fuller batches make
   * fuller transactions. @default 20000
   */
  readonly batchSize?: number;
  /** Deliveries of a failing record before it is passed over. @default 10 */
  readonly maxAttempts?: number;
  /** Told of every batch handed to the handler (tests replay them). */
  readonly onBatch?: (event: StreamEvent) => void;
  readonly log?: Log;
}

export interface StreamPoller {
  readonly streamArn: string;
  /**
   * Resolves once a pass over the stream that began after the call found nothing new: every
   * change made before the call has been handed to the handler.
   */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

interface ShardState {
  readonly shardId: string;
  readonly parentShardId: string | undefined;
  /** The last record handled (or passed over); null: read from the oldest record kept. */
  position: string | null;
  iterator: string | undefined;
  finished: boolean;
  failedSequence: string | undefined;
  failures: number;
}

export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const log = options.log ?? logger;
  const intervalMs = options.intervalMs ?? 250;
  const batchSize = options.batchSize ?? 20_000;
  const maxAttempts = options.maxAttempts ?? 10;
  const streams = new DynamoDBStreamsClient(
    options.endpoint
      ? {
          endpoint: options.endpoint,
          region: options.region,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : { region: options.region },
  );
  const listed = await streams.send(new ListStreamsCommand({ TableName: options.table.tableName }));
  const streamArn = listed.Streams?.[0]?.StreamArn;
  if (!streamArn) {
    streams.destroy();
    throw new Error(`The table ${options.table.tableName} has no stream`);
  }
  const checkpoints = new StreamCheckpoints(options.table, streamArn);
  const shards = new Map<string, ShardState>();
  for (const checkpoint of (await checkpoints.load()).values()) {
    shards.set(checkpoint.shardId, {
      shardId: checkpoint.shardId,
      parentShardId: undefined,
      position: checkpoint.sequenceNumber,
      iterator: undefined,
      finished: checkpoint.finished,
      failedSequence: undefined,
      failures: 0,
    });
  }

  let describedAt = Number.NEGATIVE_INFINITY;
  let shardsChanged = true;

  const describe = async () => {
    const listedShards: Shard[] = [];
    let start: string | undefined;
    do {
      const page = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      listedShards.push(...(page.StreamDescription?.Shards ?? []));
      start = page.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    const present = new Set<string>();
    for (const shard of listedShards) {
      if (!shard.ShardId) continue;
      present.add(shard.ShardId);
      const known = shards.get(shard.ShardId);
      shards.set(shard.ShardId, {
        shardId: shard.ShardId,
        parentShardId: shard.ParentShardId,
        position: known?.position ?? null,
        iterator: known?.iterator,
        finished: known?.finished ?? false,
        failedSequence: known?.failedSequence,
        failures: known?.failures ?? 0,
      });
    }
    // Shards past the stream's retention are gone; their checkpoints expire on their own.
    for (const id of [...shards.keys()]) if (!present.has(id)) shards.delete(id);
    describedAt = performance.now();
    shardsChanged = false;
  };

  const iteratorFor = async (shard: ShardState): Promise<string | undefined> => {
    const input = { StreamArn: streamArn, ShardId: shard.shardId };
    if (shard.position === null)
      return (
        await streams.send(new GetShardIteratorCommand({ ...input, ShardIteratorType: 'TRIM_HORIZON' }))
      ).ShardIterator;
    try {
      return (
        await streams.send(
          new GetShardIteratorCommand({
            ...input,
            ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
            SequenceNumber: shard.position,
          }),
        )
      ).ShardIterator;
    } catch (error) {
      if ((error as Error).name !== 'TrimmedDataAccessException') throw error;
      log.warn('stream records were trimmed before they were read; run npm run recount', {
        shardId: shard.shardId,
      });
      return (
        await streams.send(new GetShardIteratorCommand({ ...input, ShardIteratorType: 'TRIM_HORIZON' }))
      ).ShardIterator;
    }
  };

  /** One GetRecords on a shard and its handling; returns how many records it read. */
  const readShard = async (shard: ShardState): Promise<number> => {
    shard.iterator ??= await iteratorFor(shard);
    if (!shard.iterator) return finish(shard);
    // Pages of up to 1,000 records (GetRecords' limit) until the batch is full or the shard read
    // to its end for now, as Lambda gathers a batch.
    const records: _Record[] = [];
    let next: string | undefined = shard.iterator;
    try {
      do {
        const output: GetRecordsCommandOutput = await streams.send(
          new GetRecordsCommand({ ShardIterator: next, Limit: Math.min(1000, batchSize - records.length) }),
        );
        records.push(...(output.Records ?? []));
        next = output.NextShardIterator;
        if ((output.Records ?? []).length === 0) break;
      } while (next && records.length < batchSize);
    } catch (error) {
      if ((error as Error).name === 'ExpiredIteratorException') {
        shard.iterator = undefined;
        return 0;
      }
      throw error;
    }
    if (records.length > 0) {
      const event: StreamEvent = {
        Records: records.map((record) => lambdaRecord(record, streamArn)),
        shardId: shard.shardId,
      };
      const result = await options.handle(event);
      options.onBatch?.(event);
      const failed = result.batchItemFailures[0]?.itemIdentifier;
      const before = shard.position;
      if (failed !== undefined) {
        const index = records.findIndex((record) => record.dynamodb?.SequenceNumber === failed);
        shard.failures = shard.failedSequence === failed ? shard.failures + 1 : 1;
        shard.failedSequence = failed;
        if (shard.failures >= maxAttempts) {
          log.error('stream record passed over after repeated failures; run npm run recount', {
            shardId: shard.shardId,
            sequenceNumber: failed,
            attempts: shard.failures,
          });
          shard.position = failed;
          shard.failures = 0;
        } else {
          shard.position = index > 0 ? (records[index - 1]?.dynamodb?.SequenceNumber ?? before) : before;
          await pause(Math.min(5000, intervalMs * 2 ** shard.failures));
        }
        // Read on from the new position with a fresh iterator.
        shard.iterator = undefined;
      } else {
        shard.position = records.at(-1)?.dynamodb?.SequenceNumber ?? before;
        shard.failures = 0;
        shard.iterator = next;
      }
      // Saving a checkpoint is itself a change on the stream: a batch holding nothing but our own
      // checkpoints needs none, or the poller would feed itself forever.
      if (shard.position !== before && event.Records.some((record) => entityOf(record) !== CHECKPOINT_ENTITY))
        await checkpoints.save({ shardId: shard.shardId, sequenceNumber: shard.position, finished: false });
      if (failed !== undefined) return records.length;
    } else {
      shard.iterator = next;
    }
    if (!shard.iterator) return records.length + finish(shard);
    return records.length;
  };

  const finish = (shard: ShardState): number => {
    shard.finished = true;
    shardsChanged = true;
    void checkpoints
      .save({ shardId: shard.shardId, sequenceNumber: shard.position, finished: true })
      .catch((error: unknown) => log.warn('stream checkpoint not saved', { error }));
    return 0;
  };

  /** One pass over the open shards, parents before children. */
  const pass = async (): Promise<number> => {
    if (shardsChanged || performance.now() - describedAt > 5000) await describe();
    let read = 0;
    for (const shard of shards.values()) {
      if (shard.finished) continue;
      const parent = shard.parentShardId ? shards.get(shard.parentShardId) : undefined;
      if (parent && !parent.finished) continue;
      read += await readShard(shard);
    }
    return read;
  };

  let stopped = false;
  let wake: (() => void) | undefined;
  let passes = 0;
  let waiters: { after: number; resolve: () => void }[] = [];
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    let errors = 0;
    while (!stopped) {
      const number = ++passes;
      let read = 0;
      try {
        read = await pass();
        errors = 0;
      } catch (error) {
        if (stopped) break;
        errors++;
        log.warn('stream poll failed', { error });
        await pause(Math.min(5000, intervalMs * 2 ** errors));
        continue;
      }
      if (read === 0) {
        const ready = waiters.filter((w) => w.after < number);
        waiters = waiters.filter((w) => w.after >= number);
        for (const waiter of ready) waiter.resolve();
        await pause(intervalMs);
      }
    }
  })();

  return {
    streamArn,
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push({ after: passes, resolve });
      }),
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
      streams.destroy();
      for (const waiter of waiters) waiter.resolve();
    },
  };
}

/** A Streams API record in the shape Lambda's event source hands to the function. */
function lambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const data = record.dynamodb;
  const created = data?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      // The two packages type the same wire format separately.
      Keys: data?.Keys as never,
      NewImage: repairImage(data?.NewImage) as never,
      OldImage: repairImage(data?.OldImage) as never,
      SequenceNumber: data?.SequenceNumber,
      SizeBytes: data?.SizeBytes,
      StreamViewType: data?.StreamViewType,
      ApproximateCreationDateTime: created ? Math.floor(created.getTime() / 1000) : undefined,
    },
  };
}

type WireValue = Record<string, unknown>;

/**
 * The Streams client (3.1141.0) reads an empty map attribute, `{"M":{}}` on the wire, as `{}`,
 * which no decoder accepts (a dissolution plan with no individual moves has one). Lambda's
 * event carries the wire format as is; this puts the `M` back.
 */
function repairImage(image: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!image) return image;
  const repair = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const attribute = value as WireValue;
    if (Object.keys(attribute).length === 0) return { M: {} };
    if (attribute.M && typeof attribute.M === 'object')
      return { M: repairImage(attribute.M as Record<string, unknown>) };
    if (Array.isArray(attribute.L)) return { L: attribute.L.map(repair) };
    return attribute;
  };
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, repair(value)]));
}

function entityOf(record: DynamoDBRecord): string | undefined {
  try {
    return decodeStreamImage(record.dynamodb?.NewImage ?? record.dynamodb?.OldImage)?.entity;
  } catch {
    return undefined;
  }
}
