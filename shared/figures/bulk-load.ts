/**
 * The bulk load path's counting: a loader that writes many members at once (the demo, the
 * article's build, the benchmark; the Excel import to come) counts them itself, exactly once,
 * instead of leaving thousands of first records to the stream.
 *
 * The loader numbers its members from 1 and writes them in order, each member item marked with
 * the load's id; after each run of members it applies their counter changes and person records
 * through the change applier, with the load as the source and a member's number as its sequence
 * number. A run written again after a crash is counted only if it was not before, and the stream
 * passes the marked members' first records by (functions/stream/aggregates.ts); their later
 * changes reach the stream like any member's.
 */
import type { Member } from '../domain/members/member.ts';
import type { TenantId } from '../domain/tenant-id.ts';
import { COUNTED_BY_LOAD } from '../store/repositories/members.ts';
import type { StreamImage } from '../store/stream-records.ts';
import type { ChangeApplier, ChangeBatch, RecordChange } from './apply-changes.ts';
import { countedMember, deltaOf, memberContribution } from './deltas.ts';
import { membershipChange } from './persons.ts';

/** Whether a member's image is of an item a load wrote and counts itself. */
export function countedByLoad(image: StreamImage): boolean {
  return image.entity === 'member' && typeof image.data[COUNTED_BY_LOAD] === 'string';
}

export interface LoadedMember {
  /** Its number in the load, from 1: the order the load writes and counts in. */
  readonly n: number;
  readonly member: Member;
}

/**
 * Counts members of one tenant's load that are written, in order, exactly once. Throws when the
 * store refuses for good: what was counted stays counted, and the same call later counts the rest.
 */
export async function countLoadedMembers(
  applier: ChangeApplier,
  tenant: TenantId,
  loadId: string,
  members: readonly LoadedMember[],
): Promise<void> {
  const batch: ChangeBatch = {
    id: `LOAD#${tenant}#${loadId}`,
    records: members.map(({ n }) => ({ sequence: String(n), at: BigInt(n), counted: true })),
  };
  const changes = members.map(
    ({ n, member }): RecordChange => ({
      eventId: `${batch.id}#${n}`,
      sequenceNumber: String(n),
      item: member.id,
      tenant,
      deltas: deltaOf(null, memberContribution(countedMember(member))),
      membership: membershipChange(tenant, undefined, member),
    }),
  );
  const notCounted = await applier.apply(batch, changes, await applier.ledger.progress(batch.id));
  if (notCounted !== undefined)
    throw new Error(`the load ${loadId} of ${tenant} could not count its member number ${notCounted}`);
}
