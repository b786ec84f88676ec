/**
 * A member's history: how they came in, kept on the member itself (MemberAdmission), then every
 * change recorded since as an event of its own.
 */
import type { Member, MemberAdmission, MemberEvent } from './member.ts';

export type AdmissionEvent = Pick<MemberEvent, 'status' | 'reason' | 'awayPlace' | 'recordedBy'> & {
  readonly type: 'admitted' | 'transferred_in';
  readonly toBranchId: string;
};

/** What a member keeps of their admission: what the member does not already say, usual values left out. */
export function admissionOf(event: AdmissionEvent): MemberAdmission {
  return {
    by: event.recordedBy,
    branchId: event.toBranchId,
    ...(event.type !== 'admitted' && { type: event.type }),
    ...(event.status !== 'active' && { status: event.status }),
    ...(event.awayPlace !== null && { awayPlace: event.awayPlace }),
    ...(event.reason !== null && { reason: event.reason }),
  };
}

/** The admission as the event it stands for; null on members stored with that event as an item. */
export function admissionEvent(member: Member): MemberEvent | null {
  const admission = member.admission;
  if (!admission) return null;
  return {
    // A member's own id names their admission: no other event of theirs is named so.
    id: member.id,
    type: admission.type ?? 'admitted',
    status: admission.status ?? 'active',
    effectiveDate: member.joinedAt,
    reason: admission.reason ?? null,
    awayPlace: admission.awayPlace ?? null,
    fromBranchId: null,
    toBranchId: admission.branchId,
    recordedAt: member.createdAt,
    recordedBy: admission.by,
  };
}

/** Every event of a member, oldest first: the admission, then `recorded` (the stored events, in order). */
export function historyOf(member: Member, recorded: readonly MemberEvent[]): MemberEvent[] {
  const admission = admissionEvent(member);
  return admission ? [admission, ...recorded] : [...recorded];
}
