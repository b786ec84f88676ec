/**
 * Record changes → aggregate counters and the Front's person records, exactly once: what the
 * stream function does with a shard's batch, and what the bulk loader does with the members it
 * writes (shared/figures/bulk-load.ts).
 *
 * A batch is an ordered run of records from one source — a stream shard, or a load numbering its
 * members — and one progress item per source says what is applied (StreamLedger): a watermark,
 * every record at or below it done, and the records above it applied by a batch in progress.
 * Every transaction moves that item on the condition that its version is the one read, beside the
 * counters: a batch handed again finds its records at or below the watermark and changes nothing,
 * a batch cut differently applies exactly what is new, and two runs of one source at once cannot
 * both apply a record.
 *
 * The changes to apply are grouped by place (the units they count in, then the tenant) before
 * they are cut into transactions of up to 100 operations: neighbours share their hamlets',
 * communes' and the province's items, each written once per transaction. A member's changes keep
 * their order (they sort by its first one), which the Front's distinct people
 * (shared/figures/persons.ts) need: a change reads the person records it names and writes them
 * back on the condition that nobody wrote them since, beside the `unique_persons` counters they
 * move. One source's transactions all move its progress item, so they run one after another, the
 * next one's person records read while one commits.
 */
import { quietly } from '../concurrency.ts';
import type { logger } from '../config/logger.ts';
import {
  MAX_TRANSACTION_OPERATIONS,
  type ShardProgress,
  StreamLedger,
} from '../store/repositories/aggregates.ts';
import type { Table } from '../store/table.ts';
import type { UnitDeltas } from './deltas.ts';
import {
  frontUnitsOf,
  type MembershipChange,
  type PersonRecord,
  personId,
  personsOf,
  planPersons,
} from './persons.ts';

/** One record's effect on the aggregates of its tenant, and on its Front's distinct persons. */
export interface RecordChange {
  readonly eventId: string;
  readonly sequenceNumber: string;
  /** The changed item's key: a member's changes are applied in their order. */
  readonly item: string;
  readonly tenant: string;
  readonly deltas: UnitDeltas;
  /** A member's change as the Front's distinct-person count sees it; null when it moves none. */
  readonly membership: MembershipChange | null;
}

/** One source's records of a batch, in order. */
export interface ChangeBatch {
  /** The source: a stream shard's id, or a load's. */
  readonly id: string;
  readonly records: readonly BatchRecord[];
}

export interface BatchRecord {
  readonly sequence: string;
  /** The sequence number as a number: they are compared, and too long for a double. */
  readonly at: bigint;
  /** Whether the record moves anything: one that does not never holds the watermark back. */
  readonly counted: boolean;
}

export interface ChangeApplierOptions {
  readonly log: Pick<typeof logger, 'debug' | 'error'>;
  /** Pause between attempts on a transaction that met a concurrent one. */
  readonly retryDelayMs?: number;
  /** Operations a transaction may hold: DynamoDB's limit, or fewer to cut small batches into several. */
  readonly transactionOperations?: number;
  /** How long a source's progress is kept: a stream's records live 24 hours; a load's, for good. */
  readonly keepProgressSeconds?: number | null;
}

export interface ChangeApplier {
  readonly ledger: StreamLedger;
  /**
   * Applies the batch's changes not yet applied, from `progress` (the source's, as read). Answers
   * the first record left unapplied — after a lasting refusal, the rest is left for the batch
   * to be handed again from there — or undefined when all are applied.
   */
  apply(
    batch: ChangeBatch,
    changes: readonly RecordChange[],
    progress: ShardProgress,
  ): Promise<string | undefined>;
}

export function createChangeApplier(table: Table, options: ChangeApplierOptions): ChangeApplier {
  const { log } = options;
  const ledger = new StreamLedger(table);
  const retryDelayMs = options.retryDelayMs ?? 50;

  /** The person records the changes' memberships name, as stored. */
  const readPersons = async (changes: readonly RecordChange[]) => {
    const memberships = membershipsOf(changes);
    return memberships.length > 0 ? await ledger.persons.read(memberships.flatMap(personsOf)) : new Map();
  };

  /**
   * Applies one transaction's changes with the person records their Front counts come from, as
   * read for this attempt (read ahead for the first), moving the source's progress. When it is
   * cancelled, the progress is read again and the changes another run applied meanwhile dropped;
   * when there was none, a person was written since it was read (or, on AWS, another transaction
   * held an item), and the rest is read and tried again after a pause. Answers the progress it
   * leaves, and whether every change is applied.
   */
  const applyChunk = async (
    batch: ChangeBatch,
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
        batch.records,
        pending.map((change) => change.sequenceNumber),
      );
      if (await ledger.apply(batch.id, progress, next, sum.updates(), writes, options.keepProgressSeconds))
        return { progress: { ...next, version: (progress.version ?? 0) + 1 }, applied: true };
      const reread = await ledger.progress(batch.id);
      if (reread.version !== progress.version) {
        log.debug('changes applied meanwhile by another run', { source: batch.id });
        progress = reread;
      } else await sleep(retryDelayMs * 2 ** attempt);
    }
    return { progress, applied: false };
  };

  const apply: ChangeApplier['apply'] = async (batch, changes, from) => {
    let progress = from;
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
      // the first record not applied, so the batch is handed again from there.
      const result = await applyChunk(batch, chunk, progress, stored).catch((error: unknown) => {
        log.error('aggregate transaction refused', { source: batch.id, error });
        return { progress, applied: false };
      });
      progress = result.progress;
      if (!result.applied) {
        // A member's later changes may sit in the next transactions: none is tried after this one.
        const done = doneBy(progress);
        const first = batch.records.find((r) => !done(r.sequence, r.at));
        log.error('changes not applied', { source: batch.id, sequenceNumber: first?.sequence });
        return first?.sequence ?? '';
      }
    }
    return undefined;
  };

  return { ledger, apply };
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

/** Whether the source's progress says a record is applied (a test, built once per progress). */
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
 * transaction's changes share their aggregate items. A member's changes sort where its first one
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

/**
 * Groups changes, in order, into transactions of at most `limit` operations: the source's
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
