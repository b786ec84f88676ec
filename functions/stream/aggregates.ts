/**
 * Stream records of members, branches, branch ratings and branch reviews → aggregate counters,
 * exactly once.
 *
 * Each record's change (new contribution minus old, shared/figures/deltas.ts) is applied by the
 * change applier (shared/figures/apply-changes.ts), which a shard's batch reaches with the shard
 * as its source: a shard's records arrive in order, so one progress item per shard says what is
 * applied, and a batch handed again, or cut differently, applies exactly what is new. Shards run
 * side by side (on AWS, one function per shard).
 *
 * Before that design each record had a marker (`attribute_not_exists`); for a shard with no
 * progress yet, those markers still say which of its records were applied, so records applied
 * before a deploy are not applied again after it.
 *
 * A member the bulk loader wrote (shared/figures/bulk-load.ts) is counted by the loader: its
 * first record passes by here. Its later changes are counted as any member's.
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
  type ChangeApplierOptions,
  type ChangeBatch,
  createChangeApplier,
  type RecordChange,
} from '#shared/figures/apply-changes.ts';
import { countedByLoad } from '#shared/figures/bulk-load.ts';
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
} from '#shared/figures/deltas.ts';
import { membershipChange } from '#shared/figures/persons.ts';
import { readLegacyUnit } from '#shared/store/legacy-units.ts';
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

/** The applier's own options; a shard's progress is kept as long as its records (the default). */
export type StreamHandlerOptions = Partial<Omit<ChangeApplierOptions, 'keepProgressSeconds'>>;

export function createAggregateHandler(table: Table, options: StreamHandlerOptions = {}): StreamHandler {
  const log = options.log ?? defaultLogger;
  const applier = createChangeApplier(table, { ...options, log });
  const unitPath = unitPaths(table);

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
    const shard: ChangeBatch = {
      id: event.shardId,
      records: readable.map(({ record, change }) => {
        const sequence = sequenceOf(record);
        return { sequence, at: BigInt(sequence), counted: change !== null };
      }),
    };

    let progress = await applier.ledger.progress(shard.id);
    if (progress.version === null && changes.length > 0) {
      const marked = await applier.ledger.appliedBefore(changes.map((change) => change.eventId));
      progress = {
        ...progress,
        applied: changes.filter((c) => marked.has(c.eventId)).map((c) => c.sequenceNumber),
      };
    }
    const notApplied = await applier.apply(shard, changes, progress);
    if (notApplied !== undefined) return answer(notApplied);

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
  if (!old && current && countedByLoad(current)) return null;
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
