/**
 * Where figures are kept, and the bookkeeping that applies each change to them exactly once.
 *
 * - aggregate `<tenant>#AGG#<unitId>` / `CURRENT`: flat counters (shared/figures/counters.ts),
 *   changed only by `ADD`, so the first change creates the item;
 * - applied marker `platform#STREAM_APPLIED#<eventID>` / `STREAM_APPLIED`: written with
 *   `attribute_not_exists` in the same transaction as the counters a stream record changes, so
 *   a record delivered again cannot change them twice. Kept two days, beyond the stream's 24 h;
 * - person records (persons.ts), written in the same transactions;
 * - poller checkpoint `platform#STREAM_CHECKPOINT#<streamArn>` / `<shardId>`: how far the local
 *   poller has read each shard (Lambda keeps its own position on AWS).
 */

import { PLATFORM_TENANT, toTenantId } from '../../domain/tenant-id.ts';
import { type Counters, isCounter } from '../../figures/counters.ts';
import type { AggregateUpdate } from '../../figures/deltas.ts';
import type { PersonWrite } from '../../figures/persons.ts';
import { ConditionFailedError } from '../store-errors.ts';
import type { Key, Table, TenantTable } from '../table.ts';
import { PersonRepository } from './persons.ts';

export const AGGREGATE_ENTITY = 'aggregate';
export const APPLIED_MARKER_ENTITY = 'stream_applied';
export const CHECKPOINT_ENTITY = 'stream_checkpoint';

/** DynamoDB's limit on the operations of one TransactWriteItems. */
export const MAX_TRANSACTION_OPERATIONS = 100;

const MARKER_LIFETIME_SECONDS = 2 * 24 * 60 * 60;

export const aggregateKey = (unitId: string): Key => ({ pk: `AGG#${unitId}`, sk: 'CURRENT' });
const markerKey = (eventId: string): Key => ({ pk: `STREAM_APPLIED#${eventId}`, sk: 'STREAM_APPLIED' });
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

  /**
   * One transaction: a marker per record (each must be new), the summed counter changes and the
   * person records they come from. true: all applied. false: nothing applied, because a record
   * was applied before or another transaction touched the same items meanwhile (or wrote a
   * person since it was read); the caller tells these apart per record.
   */
  async applyOnce(
    eventIds: readonly string[],
    updates: readonly AggregateUpdate[],
    persons: readonly PersonWrite[] = [],
    now = new Date(),
  ): Promise<boolean> {
    const expiresAt = Math.floor(now.getTime() / 1000) + MARKER_LIFETIME_SECONDS;
    const operations = [
      ...eventIds.map((eventId) =>
        this.platform.putOperation(
          {
            entity: APPLIED_MARKER_ENTITY,
            key: markerKey(eventId),
            data: { appliedAt: now.toISOString() },
            expiresAt,
          },
          { exists: false },
        ),
      ),
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

  async isApplied(eventId: string): Promise<boolean> {
    return (await this.platform.get(markerKey(eventId))) !== undefined;
  }
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
      ...(checkpoint.finished && { expiresAt: Math.floor(now.getTime() / 1000) + MARKER_LIFETIME_SECONDS }),
    });
  }
}
