/**
 * Stream records of members, branches, branch ratings and branch reviews → aggregate counters,
 * exactly once.
 *
 * Each record's change (new contribution minus old, shared/figures/deltas.ts) is summed with the
 * others of its batch per aggregate item. A batch comes from one shard, whose records arrive in
 * order, so one item per shard says what is applied (StreamLedger): a watermark, every record at
 * or below it done, and the records above it that a batch in progress has applied. Every
 * transaction moves that item on the condition that its version is the one read, beside the
 * counters: a replayed batch finds its records at or below the watermark and changes nothing, a
 * batch cut differently on redelivery (bisection, a partial failure) applies exactly what is new,
 * and two deliveries of one shard at once cannot both apply a record.
 *
 * The records to apply are grouped by place (the units they count in, then the tenant) before
 * they are cut into transactions of up to 100 operations: neighbours share their hamlets',
 * communes' and the province's items, each written once per transaction, so the fuller the batch
 * the fewer operations a member costs (the event source gathers large batches: infra/). A
 * member's records keep their order (they sort by the member's first record), which the Front's
 * distinct people (shared/figures/persons.ts) need: a member's change reads the person records it
 * names, and writes them back on the condition that nobody wrote them since, beside the
 * `unique_persons` counters they move. One shard's transactions all move its progress item, so
 * they run one after another, the next one's person records read while one commits; shards run
 * side by side (on AWS, one function per shard).
 *
 * Before this design each record had a marker (`attribute_not_exists`); for a shard with no
 * progress yet, those markers still say which of its records were applied, so records applied
 * before a deploy are not applied again after it.
 *
 * Hot items: a thousand admissions in one commune write the province's item once per
 * transaction, not a thousand times. Items are not sharded: even a bulk import touches the
 * province's item a few times a second per shard, far below DynamoDB's 1,000 writes a second on
 * one item.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mapConcurrently } from '#shared/concurrency.ts';
import { logger as defaultLogger } from '#shared/config/logger.ts';
import { toTenantId } from '#shared/domain/tenant-id.ts';
import {
  branchContribution,
  branchRatingContribution,
  branchReviewContribution,
  type Contribution,
  countedBranch,
  countedBranchRating,
  countedBranchReview,
  countedMember,
  deltaOf,
  memberContribution,
  type UnitDeltas,
} from '#shared/figures/deltas.ts';
import {
  frontUnitsOf,
  type MembershipChange,
  membershipChange,
  type PersonRecord,
  personId,
  personsOf,
  planPersons,
} from '#shared/figures/persons.ts';
import { readLegacyUnit } from '#shared/store/legacy-units.ts';
import {
  MAX_TRANSACTION_OPERATIONS,
  type ShardProgress,
  StreamLedger,
} from '#shared/store/repositories/aggregates.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import { decodeStreamImage, type StreamImage, streamEntityOf } from '#shared/store/stream-records.ts';
import type { Table } from '#shared/store/table.ts';

/**
 * A batch of one shard. Lambda names the shard only when the event source has a tumbling window
 * (infra/api-stack.ts declares one for this); the local poller always does.
 */
export interface StreamEvent extends DynamoDBStreamEvent {
  readonly shardId?: string;
}

export type StreamHandler = (event: StreamEvent) => Promise<DynamoDBBatchResponse>;

/** The entities whose changes move figures; everything else on the stream passes by. */
export const COUNTED_ENTITIES: readonly string[] = ['member', 'branch', 'branch_rating', 'branch_review'];

/** Unit reads a batch may have in flight together. */
const UNIT_READS_AT_ONCE = 16;

/** One stream record's effect on the aggregates of its tenant, and on its Front's distinct persons. */
export interface RecordChange {
  readonly eventId: string;
  readonly sequenceNumber: string;
  /** The changed item's key: a member's records are applied in their order. */
  readonly item: string;
  readonly tenant: string;
  readonly deltas: UnitDeltas;
  /** A member's change as the Front's distinct-person count sees it; null when it moves none. */
  readonly membership: MembershipChange | null;
}

type Log = Pick<typeof defaultLogger, 'debug' | 'warn' | 'error'>;

export interface StreamHandlerOptions {
  readonly log?: Log;
  /** Pause between attempts on a transaction that met a concurrent one. */
  readonly retryDelayMs?: number;
  /** Operations a transaction may hold: DynamoDB's limit, or fewer to cut small batches into several. */
  readonly transactionOperations?: number;
}

export function createStreamHandler(table: Table, options: StreamHandlerOptions = {}): StreamHandler {
  const log = options.log ?? defaultLogger;
  const ledger = new StreamLedger(table);
  const unitPath = unitPaths(table);
  const retryDelayMs = options.retryDelayMs ?? 50;

  /** The person records the records' memberships name, as stored. */
  const readPersons = async (changes: readonly RecordChange[]) => {
    const memberships = membershipsOf(changes);
    return memberships.length > 0 ? await ledger.persons.read(memberships.flatMap(personsOf)) : new Map();
  };

  /**
   * Applies one transaction's records with the person records their Front counts come from, as
   * read for this attempt (read ahead for the first), moving the shard's progress. When it is cancelled, the progress is
   * read again and the records another delivery applied meanwhile dropped; when there was none,
   * a person was written since it was read (or, on AWS, another transaction held an item), and
   * the rest is read and tried again after a pause. Answers the progress it leaves, and whether
   * every record is applied.
   */
  const applyChunk = async (
    shard: Shard,
    chunk: readonly RecordChange[],
    from: ShardProgress,
    prefetched: Promise<Map<string, PersonRecord>> | undefined,
  ): Promise<{ progress: ShardProgress; applied: boolean }> => {
    let progress = from;
    let pending = chunk;
    for (let attempt = 0; attempt < 6; attempt++) {
      const done = doneBy(progress);
      pending = pending.filter((change) => !done(change.sequenceNumber));
      if (pending.length === 0) return { progress, applied: true };
      const memberships = membershipsOf(pending);
      const stored =
        (attempt === 0 && prefetched ? await prefetched : undefined) ?? (await readPersons(pending));
      const { deltas: sum, writes } = planPersons(memberships, stored);
      for (const change of pending) sum.add(change.tenant, change.deltas);
      const next = advance(
        progress,
        shard.records,
        pending.map((change) => change.sequenceNumber),
      );
      if (await ledger.apply(shard.id, progress, next, sum.updates(), writes))
        return { progress: { ...next, version: (progress.version ?? 0) + 1 }, applied: true };
      const reread = await ledger.progress(shard.id);
      if (reread.version !== progress.version) {
        log.debug('stream shard moved on by another delivery', { shardId: shard.id });
        progress = reread;
      } else await sleep(retryDelayMs * 2 ** attempt);
    }
    return { progress, applied: false };
  };

  return async (event) => {
    const records = dedupe(event.Records);
    const answer = (failed?: string): DynamoDBBatchResponse => ({
      batchItemFailures: failed === undefined ? [] : [{ itemIdentifier: failed }],
    });
    // A tumbling window ends with an invocation that may carry no records.
    if (records.length === 0) return answer();
    if (!event.shardId)
      throw new Error('a stream batch without its shardId: the event source needs a tumbling window');

    // Records in order; one that cannot be read stops the batch there, after what came before it
    // is applied, so Lambda (or the poller) retries from it. Read side by side: a batch of new
    // branches reads many units.
    const read = await mapConcurrently(records, UNIT_READS_AT_ONCE, (record) =>
      changeOf(record, unitPath).then(
        (change) => ({ record, change, error: undefined }),
        (error: unknown) => ({ record, change: null, error: error ?? new Error('unknown') }),
      ),
    );
    const stop = read.findIndex((r) => r.error !== undefined);
    const readable = stop < 0 ? read : read.slice(0, stop);
    const changes = readable.flatMap(({ change }) => (change ? [change] : []));
    const shard: Shard = {
      id: event.shardId,
      records: readable.map(({ record, change }) => {
        const sequence = sequenceOf(record);
        return { sequence, at: BigInt(sequence), counted: change !== null };
      }),
    };

    let progress = await ledger.progress(shard.id);
    if (progress.version === null && changes.length > 0) {
      const marked = await ledger.appliedBefore(changes.map((change) => change.eventId));
      progress = {
        ...progress,
        applied: changes.filter((c) => marked.has(c.eventId)).map((c) => c.sequenceNumber),
      };
    }

    const done = doneBy(progress);
    const chunks = chunkChanges(
      byPlace(changes.filter((c) => !done(c.sequenceNumber))),
      options.transactionOperations,
    );
    let prefetched = chunks[0] && quietly(readPersons(chunks[0]));
    for (const [n, chunk] of chunks.entries()) {
      const stored = prefetched;
      // The next transaction's persons are read while this one commits, unless it names one of
      // this one's (its read would be stale, and its transaction cancelled).
      const following = chunks[n + 1];
      prefetched = following && !sharePersons(chunk, following) ? quietly(readPersons(following)) : undefined;
      // Refused even after the store's retries (a lasting conflict, throttling): reported from
      // the first record not applied, so Lambda (or the poller) delivers the batch again from there.
      const result = await applyChunk(shard, chunk, progress, stored).catch((error: unknown) => {
        log.error('stream transaction refused', { shardId: shard.id, error });
        return { progress, applied: false };
      });
      progress = result.progress;
      if (!result.applied) {
        // A member's later records may sit in the next transactions: none is tried after this one.
        const done = doneBy(progress);
        const first = shard.records.find((r) => !done(r.sequence, r.at));
        log.error('stream records not applied', { shardId: shard.id, sequenceNumber: first?.sequence });
        return answer(first?.sequence);
      }
    }

    const stoppedAt = stop < 0 ? undefined : read[stop];
    if (stoppedAt) {
      log.error('stream record cannot be counted', {
        eventId: stoppedAt.record.eventID,
        error: stoppedAt.error,
      });
      return answer(stoppedAt.record.dynamodb?.SequenceNumber ?? stoppedAt.record.eventID ?? '');
    }
    return answer();
  };
}

/** One shard's records of a batch, in order, up to the first that cannot be read. */
interface Shard {
  readonly id: string;
  readonly records: readonly BatchRecord[];
}

interface BatchRecord {
  readonly sequence: string;
  /** The sequence number as a number: they are compared, and too long for a double. */
  readonly at: bigint;
  readonly counted: boolean;
}

function membershipsOf(changes: readonly RecordChange[]): MembershipChange[] {
  return changes.flatMap((change) => (change.membership ? [change.membership] : []));
}

function sharePersons(a: readonly RecordChange[], b: readonly RecordChange[]): boolean {
  const named = new Set(membershipsOf(a).flatMap(personsOf).map(personId));
  return membershipsOf(b)
    .flatMap(personsOf)
    .some((ref) => named.has(personId(ref)));
}

/** A read begun ahead: its failure is met where it is awaited, not as an unhandled rejection. */
function quietly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Whether the shard's progress says a record is applied (a test, built once per progress). */
function doneBy(progress: ShardProgress): (sequence: string, at?: bigint) => boolean {
  const watermark = progress.sequence === null ? null : BigInt(progress.sequence);
  // Compared as numbers: the ledger keeps them without the leading zeros they may come with.
  const applied = new Set(progress.applied.map((s) => BigInt(s)));
  return (sequence, at = BigInt(sequence)) => (watermark !== null && at <= watermark) || applied.has(at);
}

/**
 * The progress once these records are applied too: the watermark moves over every record of the
 * batch, from its start, that is done (or moves no counter); records applied above it are listed.
 */
export function advance(
  progress: ShardProgress,
  batch: readonly BatchRecord[],
  applying: readonly string[],
): Omit<ShardProgress, 'version'> {
  const done = doneBy({ ...progress, applied: [...progress.applied, ...applying] });
  let sequence = progress.sequence;
  let watermark = sequence === null ? null : BigInt(sequence);
  for (const record of batch) {
    if (record.counted && !done(record.sequence, record.at)) break;
    if (watermark === null || record.at > watermark) {
      sequence = record.sequence;
      watermark = record.at;
    }
  }
  const above = [...new Set([...progress.applied, ...applying])].filter(
    (s) => watermark === null || BigInt(s) > watermark,
  );
  return { sequence, applied: above };
}

/**
 * The changes grouped by place — the units they count in, then their tenant — so that a
 * transaction's records share their aggregate items. A member's records sort where its first one
 * does, in their order (the sort is stable): its person records see them in turn.
 */
export function byPlace(changes: readonly RecordChange[]): RecordChange[] {
  const placeOf = new Map<string, string>();
  for (const change of changes)
    if (!placeOf.has(change.item)) placeOf.set(change.item, `${placeUnits(change)}\u0000${change.tenant}`);
  const place = (change: RecordChange) => placeOf.get(change.item) ?? '';
  return [...changes].sort((a, b) => (place(a) < place(b) ? -1 : place(a) > place(b) ? 1 : 0));
}

function placeUnits(change: RecordChange): string {
  const units =
    change.deltas.size > 0
      ? [...change.deltas.keys()]
      : change.membership
        ? frontUnitsOf(change.membership)
        : [];
  return units.join('/');
}

function sequenceOf(record: DynamoDBRecord): string {
  const sequence = record.dynamodb?.SequenceNumber;
  if (!sequence) throw new Error('a stream record without SequenceNumber');
  return sequence;
}

/**
 * A record's change to the aggregates, or null when it moves no counter (another kind of item,
 * an edit of a name). Async because a branch's path up the tree is read from its unit.
 */
export async function changeOf(
  record: DynamoDBRecord,
  unitPath: (tenant: string, unitId: string) => Promise<readonly string[]>,
): Promise<RecordChange | null> {
  const named = (image: Readonly<Record<string, unknown>> | undefined) =>
    COUNTED_ENTITIES.includes(streamEntityOf(image) ?? '');
  if (!named(record.dynamodb?.NewImage) && !named(record.dynamodb?.OldImage)) return null;
  const before = decodeStreamImage(record.dynamodb?.OldImage);
  const after = decodeStreamImage(record.dynamodb?.NewImage);
  const counted = (image: StreamImage | undefined) =>
    image && COUNTED_ENTITIES.includes(image.entity) ? image : undefined;
  const old = counted(before);
  const current = counted(after);
  if (!old && !current) return null;
  const tenant = (current ?? old)?.tenant ?? '';
  if (old && current && old.tenant !== tenant) throw new Error('an item changed tenant');
  toTenantId(tenant);
  const membership =
    (old ?? current)?.entity === 'member' ? membershipChange(tenant, old?.data, current?.data) : null;
  const contribution = async (image: StreamImage | undefined): Promise<Contribution | null> => {
    if (!image) return null;
    if (image.entity === 'member') return memberContribution(countedMember(image.data));
    // Ratings and reviews carry their units: no unit to read.
    if (image.entity === 'branch_rating') return branchRatingContribution(countedBranchRating(image.data));
    if (image.entity === 'branch_review') return branchReviewContribution(countedBranchReview(image.data));
    const branch = countedBranch(image.data);
    // A dissolved branch counts nowhere: no need to read its unit.
    if (branch.status === 'dissolved') return null;
    return branchContribution(branch, await unitPath(tenant, branch.unitId));
  };
  const deltas = deltaOf(await contribution(old), await contribution(current));
  if (deltas.size === 0 && !membership) return null;
  const eventId = record.eventID;
  const sequenceNumber = record.dynamodb?.SequenceNumber;
  if (!eventId || !sequenceNumber) throw new Error('a stream record without eventID or SequenceNumber');
  return { eventId, sequenceNumber, item: JSON.stringify(record.dynamodb?.Keys), tenant, deltas, membership };
}

/**
 * Groups record changes, in order, into transactions of at most `limit` operations: the shard's
 * progress plus one write per aggregate item and person record the group touches.
 */
export function chunkChanges(
  changes: readonly RecordChange[],
  limit = MAX_TRANSACTION_OPERATIONS,
): RecordChange[][] {
  const chunks: RecordChange[][] = [];
  let chunk: RecordChange[] = [];
  let items = new Set<string>();
  for (const change of changes) {
    const touched = itemsTouched(change);
    const together = new Set([...items, ...touched]);
    if (chunk.length > 0 && 1 + together.size > limit) {
      chunks.push(chunk);
      chunk = [];
      items = new Set(touched);
    } else {
      items = together;
    }
    chunk.push(change);
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** The aggregate items and person records a change may write, as distinct strings. */
function itemsTouched(change: RecordChange): string[] {
  const touched = [...change.deltas.keys()].map((unitId) => `${change.tenant}\u0000${unitId}`);
  const membership = change.membership;
  if (!membership) return touched;
  return [
    ...touched,
    ...frontUnitsOf(membership).map((unitId) => `${membership.front}\u0000${unitId}`),
    ...personsOf(membership).map((ref) => `person\u0000${personId(ref)}`),
  ];
}

/** A stream may hand the same record twice in one batch after a re-batching: keep the first. */
function dedupe(records: readonly DynamoDBRecord[]): DynamoDBRecord[] {
  const seen = new Set<string>();
  return records.filter((record) => {
    const id = record.eventID;
    if (!id) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * A unit's path from the top of the tree down to it. Units never move (a reorganization closes
 * a unit and opens a successor), so a path once read stays true and is cached for the process.
 */
function unitPaths(table: Table): (tenant: string, unitId: string) => Promise<readonly string[]> {
  // Promises, so records of one batch asking for the same unit at once read it once.
  const cache = new Map<string, Promise<readonly string[]>>();
  return (tenant, unitId) => {
    const id = `${tenant}\u0000${unitId}`;
    const cached = cache.get(id);
    if (cached) return cached;
    const tenantTable = table.forTenant(toTenantId(tenant));
    // A hamlet id the map lacks is one the map migration renumbered: the branch's old image still
    // names it, and the organization's own old tree, left in place, says where it was counted.
    const path = new UnitRepository(tenantTable)
      .get(unitId)
      .then(async (unit) => unit ?? (await readLegacyUnit(tenantTable, unitId)))
      .then((unit) => {
        if (!unit) throw new Error(`unit ${unitId} of tenant ${tenant} not found`);
        return [...unit.ancestorIds, unit.id];
      });
    // A unit not found yet may be written later (a retry will see it): only answers are kept.
    path.catch(() => cache.delete(id));
    if (cache.size > 50_000) cache.clear();
    cache.set(id, path);
    return path;
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
