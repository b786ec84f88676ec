/**
 * Members arriving in bulk with their past (the demo province, the benchmark, later spreadsheets):
 * each record is checked like an admission — national id structure, the organization's rule — and
 * becomes a member with the events of its history after its admission (which the member keeps
 * itself: history.ts), ready for the repository's bulk write.
 */
import type { NationalIdCipher } from '../../privacy/national-id-vault.ts';
import { DomainError } from '../errors.ts';
import { checkEligibility, type EligibilityRules } from './eligibility.ts';
import { admissionOf } from './history.ts';
import { canFollow } from './lifecycle.ts';
import type { AdmitMember, Member, MemberEvent, MemberStatus } from './member.ts';
import { protectNationalId } from './protect-national-id.ts';

export interface ImportedStatusChange {
  readonly status: MemberStatus;
  readonly effectiveDate: string;
  readonly reason: string;
  readonly awayPlace?: string;
}

export type MemberRecord = Omit<AdmitMember, 'status' | 'awayPlace'> & {
  /** What happened since admission, oldest first; the member starts active. */
  readonly history: readonly ImportedStatusChange[];
};

export interface ImportContext {
  readonly rules: EligibilityRules;
  readonly cipher: NationalIdCipher;
  readonly recordedBy: { userId: string; username: string };
  /** ISO timestamp written as the record's creation and the events' recording time. */
  readonly at: string;
}

export function importedMember(
  record: MemberRecord,
  id: string,
  placement: Pick<Member, 'branchId' | 'branchKind' | 'unitId' | 'unitIds' | 'communeId'>,
  ctx: ImportContext,
): { member: Member; events: MemberEvent[] } {
  checkEligibility(ctx.rules, record, record.joinedAt);
  const { history, nationalId, branchId: _, ...fields } = record;
  const event = (n: number, fields: Omit<MemberEvent, 'id' | 'recordedAt' | 'recordedBy'>): MemberEvent => ({
    id: `${id}-${n}`,
    recordedAt: ctx.at,
    recordedBy: ctx.recordedBy,
    ...fields,
  });
  const events: MemberEvent[] = [];
  let status: MemberStatus = 'active';
  let since = record.joinedAt;
  for (const change of history) {
    if (!canFollow(status, change.status) || change.effectiveDate < since)
      throw new DomainError('INVALID_STATUS_TRANSITION', { from: status, to: change.status });
    status = change.status;
    since = change.effectiveDate;
    events.push(
      event(events.length + 1, {
        type: change.status === 'transferred_out' ? 'transferred_out' : 'status_changed',
        status,
        effectiveDate: since,
        reason: change.reason,
        awayPlace: change.awayPlace ?? null,
        fromBranchId: change.status === 'transferred_out' ? placement.branchId : null,
        toBranchId: null,
      }),
    );
  }
  const last = history.at(-1);
  const member: Member = {
    id,
    ...fields,
    nationalId: nationalId ? protectNationalId(ctx.cipher, nationalId, record) : null,
    ...placement,
    status,
    statusSince: since,
    awayPlace: status === 'away' ? (last?.awayPlace ?? null) : null,
    transferredTo:
      status === 'transferred_out' ? { tenantId: null, unitId: null, description: last?.reason ?? '' } : null,
    admission: admissionOf({
      type: 'admitted',
      status: 'active',
      reason: null,
      awayPlace: null,
      toBranchId: placement.branchId,
      recordedBy: ctx.recordedBy,
    }),
    createdAt: ctx.at,
    updatedAt: ctx.at,
    version: 1,
  };
  return { member, events };
}
