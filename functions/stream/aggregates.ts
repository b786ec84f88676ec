/**
 * Stream records of members, branches, branch ratings and branch reviews → aggregate counters,
 * exactly once.
 *
 * Each record's change (new contribution minus old, shared/figures/deltas.ts) is summed with the
 * others of its batch per aggregate item, and written in transactions that also put one marker
 * per record (`attribute_not_exists`). Streams deliver at least once; a record delivered again
 * finds its marker and its transaction is cancelled whole. The markers of that transaction's
 * records are then read, the records already applied dropped, and the rest applied again in one
 * transaction: a replayed batch changes nothing, and a batch cut differently on redelivery
 * (bisection, a partial failure) applies exactly what is new.
 *
 * The same transactions keep the Front's distinct people (shared/figures/persons.ts): a member's
 * change reads the person records it names, and writes them back on the condition that nobody
 * wrote them since, beside the `unique_persons` counters they move.
 *
 * Hot items: a thousand admissions in one commune write the province's item once per
 * transaction, not a thousand times. Items are not sharded: one transaction carries up to ~95
 * records, so even a bulk import touches the province's item a few times a second per shard,
 * far below DynamoDB's 1,000 writes a second on one item.
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
  personId,
  personsOf,
  planPersons,
} from '#shared/figures/persons.ts';
import { readLegacyUnit } from '#shared/store/legacy-units.ts';
import { MAX_TRANSACTION_OPERATIONS, StreamLedger } from '#shared/store/repositories/aggregates.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import { decodeStreamImage, type StreamImage } from '#shared/store/stream-records.ts';
import type { Table } from '#shared/store/table.ts';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

/** The entities whose changes move figures; everything else on the stream passes by. */
export const COUNTED_ENTITIES: readonly string[] = ['member', 'branch', 'branch_rating', 'branch_review'];

/** Unit reads a batch may have in flight together. */
const UNIT_READS_AT_ONCE = 16;

/** One stream record's effect on the aggregates of its tenant, and on its Front's distinct persons. */
export interface RecordChange {
  readonly eventId: string;
  readonly sequenceNumber: string;
  readonly tenant: string;
  readonly deltas: UnitDeltas;
  /** A member's change as the Front's distinct-person count sees it; null when it moves none. */
  readonly membership: MembershipChange | null;
}

type Log = Pick<typeof defaultLogger, 'debug' | 'warn' | 'error'>;

export interface StreamHandlerOptions {
  readonly log?: Log;
  /** Pause between attempts on a record whose transaction met a concurrent one. */
  readonly retryDelayMs?: number;
}

export function createStreamHandler(table: Table, options: StreamHandlerOptions = {}): StreamHandler {
  const log = options.log ?? defaultLogger;
  const ledger = new StreamLedger(table);
  const unitPath = unitPaths(table);
  const retryDelayMs = options.retryDelayMs ?? 50;

  /**
   * Applies a group of records in one transaction, with the person records their Front counts
   * come from, as read for this attempt. When it is cancelled, the records already applied
   * (their markers exist) are dropped and the rest tried again; when none was, another
   * transaction held one of the items (real DynamoDB) or wrote one of the persons, and the same
   * group is read and tried again after a pause. Throws with the records still pending when
   * they keep conflicting.
   */
  const applyGroup = async (group: readonly RecordChange[]) => {
    let pending = group;
    for (let attempt = 0; attempt < 6 && pending.length > 0; attempt++) {
      const memberships = pending.flatMap((change) => (change.membership ? [change.membership] : []));
      const stored =
        memberships.length > 0 ? await ledger.persons.read(memberships.flatMap(personsOf)) : new Map();
      const { deltas: sum, writes } = planPersons(memberships, stored);
      for (const change of pending) sum.add(change.tenant, change.deltas);
      if (
        await ledger.applyOnce(
          pending.map((change) => change.eventId),
          sum.updates(),
          writes,
        )
      )
        return;
      const applied = await Promise.all(pending.map((change) => ledger.isApplied(change.eventId)));
      const rest = pending.filter((_, n) => !applied[n]);
      if (rest.length < pending.length)
        log.debug('stream records applied before', { records: pending.length - rest.length });
      else await sleep(retryDelayMs * 2 ** attempt);
      pending = rest;
    }
    if (pending.length > 0) throw new PendingRecordsError(pending);
  };

  return async (event) => {
    const records = dedupe(event.Records);
    const failure = (record: DynamoDBRecord): DynamoDBBatchResponse => ({
      batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? record.eventID ?? '' }],
    });

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
    const stoppedAt = stop < 0 ? undefined : read[stop];
    const changes = (stop < 0 ? read : read.slice(0, stop)).flatMap(({ record, change }) =>
      change ? [{ record, change }] : [],
    );

    for (const chunk of chunkChanges(changes.map((c) => c.change))) {
      try {
        await applyGroup(chunk);
      } catch (error) {
        // Lambda retries from the first record reported; those before it in the batch are applied.
        const first = error instanceof PendingRecordsError ? error.pending[0] : chunk[0];
        log.error('stream records not applied', { eventId: first?.eventId, error });
        const failed = changes.find((c) => c.change === first);
        return failed ? failure(failed.record) : { batchItemFailures: [] };
      }
    }

    if (stoppedAt) {
      log.error('stream record cannot be counted', {
        eventId: stoppedAt.record.eventID,
        error: stoppedAt.error,
      });
      return failure(stoppedAt.record);
    }
    return { batchItemFailures: [] };
  };
}

/**
 * A record's change to the aggregates, or null when it moves no counter (another kind of item,
 * an edit of a name). Async because a branch's path up the tree is read from its unit.
 */
export async function changeOf(
  record: DynamoDBRecord,
  unitPath: (tenant: string, unitId: string) => Promise<readonly string[]>,
): Promise<RecordChange | null> {
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
  return { eventId, sequenceNumber, tenant, deltas, membership };
}

/**
 * Groups record changes, in order, into transactions of at most `limit` operations: a marker per
 * record plus one write per aggregate item and person record the group touches.
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
    if (chunk.length > 0 && chunk.length + 1 + together.size > limit) {
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

class PendingRecordsError extends Error {
  constructor(readonly pending: readonly RecordChange[]) {
    super(`${pending.length} stream records kept conflicting with other transactions`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
