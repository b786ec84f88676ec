/**
 * Where figures are kept, and the bookkeeping that applies each change to them exactly once.
 *
 * - aggregate `<tenant>#AGG#<unitId>` / `CURRENT`: flat counters (shared/figures/counters.ts),
 *   changed only by `ADD`, so the first change creates the item;
 * - shard progress `platform#STREAM_SHARD#<shardId>` / `PROGRESS`: how far the stream function
 *   has applied one shard of the stream — `sequence`, every record at or below it done;
 *   `applied`, the records above it a batch in progress has applied already (encodeSequences);
 *   `version`, bumped by each transaction that applies records, on the condition that it is the
 *   version read. Written in
 *   the same transaction as the counters, so a record at or below the watermark (or listed) is
 *   never applied twice. Kept two days after its last write, beyond the stream's 24 h;
 * - applied marker `platform#STREAM_APPLIED#<eventID>` / `STREAM_APPLIED`: what the stream
 *   function wrote per record before shard progress existed; read only for a shard with no
 *   progress yet (see appliedBefore). They expire two days after they were written;
 * - person records (persons.ts), written in the same transactions;
 * - poller checkpoint `platform#STREAM_CHECKPOINT#<streamArn>` / `<shardId>`: how far the local
 *   poller has read each shard (Lambda keeps its own position on AWS).
 */

import { PLATFORM_TENANT, toTenantId } from '../../domain/tenant-id.ts';
import { type Counters, isCounter } from '../../figures/counters.ts';
import type { AggregateUpdate } from '../../figures/deltas.ts';
import type { PersonWrite } from '../../figures/persons.ts';
import { ConditionFailedError } from '../store-errors.ts';
import { type Key, keyString, type Table, type TenantTable } from '../table.ts';
import { PersonRepository } from './persons.ts';

export const AGGREGATE_ENTITY = 'aggregate';
export const SHARD_PROGRESS_ENTITY = 'stream_shard';
export const CHECKPOINT_ENTITY = 'stream_checkpoint';

/** DynamoDB's limit on the operations of one TransactWriteItems. */
export const MAX_TRANSACTION_OPERATIONS = 100;

const LIFETIME_SECONDS = 2 * 24 * 60 * 60;

export const aggregateKey = (unitId: string): Key => ({ pk: `AGG#${unitId}`, sk: 'CURRENT' });
const markerKey = (eventId: string): Key => ({ pk: `STREAM_APPLIED#${eventId}`, sk: 'STREAM_APPLIED' });
const progressKey = (shardId: string): Key => ({ pk: `STREAM_SHARD#${shardId}`, sk: 'PROGRESS' });
const checkpointPk = (streamArn: string) => `STREAM_CHECKPOINT#${streamArn}`;

/** One tenant's aggregate items, and the members they are recounted from. */
export class AggregateRepository {
  constructor(private readonly table: TenantTable) {}

  /** The counters stored for a unit (none when nothing was ever counted there). */
  async get(unitId: string): Promise<Counters> {
    const item = await this.table.get(aggregateKey(unitId));
    const counters: Counters = {};
    for (const [name, value] of Object.entries(item ?? {}))
      if (isCounter(name) && typeof value === 'number') counters[name] = value;
    return counters;
  }

  /** Adds to a unit's counters (negative values subtract); creates the item if need be. */
  async add(unitId: string, counters: Counters): Promise<void> {
    if (Object.keys(counters).length === 0) return;
    await this.table.update(aggregateKey(unitId), { entity: AGGREGATE_ENTITY, add: counters });
  }

  /**
   * Every member item of the tenant, current then former, through GSI3 (`MEMBERS#CURRENT`,
   * `MEMBERS#FORMER`): a Query per page, never a Scan. For recounting, so it reads all of them.
   */
  async *allMembers(pageSize = 1000): AsyncGenerator<Record<string, unknown>> {
    for (const group of ['CURRENT', 'FORMER']) {
      let cursor: string | undefined;
      do {
        const page = await this.table.query({
          index: 'GSI3',
          pk: `MEMBERS#${group}`,
          limit: pageSize,
          cursor,
        });
        yield* page.items;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
  }
}

/**
 * How far the stream function has applied one shard: every record at or below `sequence` is
 * done, and of those above it, the ones in `applied`. A shard's records arrive in order, so a
 * watermark says it for all of them with one item.
 */
export interface ShardProgress {
  /** Null: nothing of the shard applied yet. */
  readonly sequence: string | null;
  readonly applied: readonly string[];
  /** What a transaction conditions on; null when the shard has no progress stored. */
  readonly version: number | null;
}

/**
 * Applies counter changes from stream records at most once per record; retried deliveries make
 * it exactly once. Works across tenants: one batch of the stream mixes them.
 */
export class StreamLedger {
  private readonly platform: TenantTable;
  readonly persons: PersonRepository;

  constructor(private readonly table: Table) {
    this.platform = table.forTenant(PLATFORM_TENANT);
    this.persons = new PersonRepository(table);
  }

  /** The shard's progress (reads are consistent): the version read is what the next write expects. */
  async progress(shardId: string): Promise<ShardProgress> {
    const item = await this.platform.get<{ sequence?: string; applied?: string; version: number }>(
      progressKey(shardId),
    );
    if (!item) return { sequence: null, applied: [], version: null };
    return {
      sequence: item.sequence ?? null,
      applied: decodeSequences(item.applied ?? ''),
      version: item.version,
    };
  }

  /**
   * Of these records, those the per-record markers of the previous design say were applied.
   * Only asked for a shard without progress: a shard that has progress was applied by this
   * design from its first batch on, and a batch is never handled by two versions at once.
   */
  async appliedBefore(eventIds: readonly string[]): Promise<Set<string>> {
    const found = await this.platform.getMany(eventIds.map(markerKey), { consistent: true });
    return new Set(eventIds.filter((eventId) => found.has(keyString(markerKey(eventId)))));
  }

  /**
   * One transaction: the shard's progress moves from `from` (its version must be unchanged) to
   * `to`, with the summed counter changes and the person records they come from. true: all
   * applied. false: nothing applied, because another delivery of the shard moved its progress,
   * or a person was written since it was read (or, on AWS, another transaction held an item).
   */
  async apply(
    shardId: string,
    from: ShardProgress,
    to: Omit<ShardProgress, 'version'>,
    updates: readonly AggregateUpdate[],
    persons: readonly PersonWrite[] = [],
    /** How long the progress is kept: the stream's by default; null for good (a load's). */
    keepSeconds: number | null = LIFETIME_SECONDS,
    now = new Date(),
  ): Promise<boolean> {
    const operations = [
      this.platform.updateOperation(progressKey(shardId), {
        entity: SHARD_PROGRESS_ENTITY,
        set: {
          sequence: to.sequence,
          applied: encodeSequences(to.applied),
          version: (from.version ?? 0) + 1,
          appliedAt: now.toISOString(),
        },
        ...(keepSeconds === null ? {} : { expiresAt: Math.floor(now.getTime() / 1000) + keepSeconds }),
        condition: from.version === null ? { exists: false } : { equals: { version: from.version } },
      }),
      ...updates.map((update) =>
        this.table
          .forTenant(toTenantId(update.tenant))
          .updateOperation(aggregateKey(update.unitId), { entity: AGGREGATE_ENTITY, add: update.counters }),
      ),
      ...persons.map((write) => this.persons.writeOperation(write)),
    ];
    if (operations.length > MAX_TRANSACTION_OPERATIONS)
      throw new Error(`${operations.length} operations do not fit one transaction`);
    try {
      await this.table.transact(operations);
      return true;
    } catch (error) {
      if (error instanceof ConditionFailedError) return false;
      throw error;
    }
  }
}

/**
 * Sequence numbers, ascending, as the first in decimal and each next as its distance from the one
 * before in base 36 (`1200.e.1c`): the list is written by every transaction of a batch, and a
 * batch's records are close together, so a few characters each instead of ~21.
 */
export function encodeSequences(sequences: readonly string[]): string {
  const sorted = sequences.map((s) => BigInt(s)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted
    .map((at, n) => (n === 0 ? at.toString() : (at - (sorted[n - 1] as bigint)).toString(36)))
    .join('.');
}

export function decodeSequences(encoded: string): string[] {
  if (encoded === '') return [];
  const [first = '', ...distances] = encoded.split('.');
  let at = BigInt(first);
  const sequences = [at.toString()];
  for (const distance of distances) {
    at += [...distance].reduce((sum, digit) => sum * 36n + BigInt(Number.parseInt(digit, 36)), 0n);
    sequences.push(at.toString());
  }
  return sequences;
}

/** How far the local poller has read one shard. */
export interface ShardCheckpoint {
  readonly shardId: string;
  /** The last record handled; null when none yet. */
  readonly sequenceNumber: string | null;
  /** The shard is closed and every record of it handled. */
  readonly finished: boolean;
}

export class StreamCheckpoints {
  private readonly platform: TenantTable;

  constructor(
    table: Table,
    private readonly streamArn: string,
  ) {
    this.platform = table.forTenant(PLATFORM_TENANT);
  }

  async load(): Promise<Map<string, ShardCheckpoint>> {
    const checkpoints = new Map<string, ShardCheckpoint>();
    let cursor: string | undefined;
    do {
      const page = await this.platform.query<ShardCheckpoint>({
        pk: checkpointPk(this.streamArn),
        limit: 500,
        cursor,
      });
      for (const checkpoint of page.items) checkpoints.set(checkpoint.shardId, checkpoint);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return checkpoints;
  }

  async save(checkpoint: ShardCheckpoint, now = new Date()): Promise<void> {
    await this.platform.put({
      entity: CHECKPOINT_ENTITY,
      key: { pk: checkpointPk(this.streamArn), sk: checkpoint.shardId },
      data: { ...checkpoint, savedAt: now.toISOString() },
      // A finished shard leaves the stream within 24 h; its checkpoint is then of no use.
      ...(checkpoint.finished && { expiresAt: Math.floor(now.getTime() / 1000) + LIFETIME_SECONDS }),
    });
  }
}
