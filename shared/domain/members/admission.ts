/**
 * Admitting a member (kết nạp): into an open branch within the officer's scope, if the
 * organization's eligibility rule allows, with a national id nobody else in the organization holds.
 * Accepting an incoming transfer admits the person the same way.
 */
import { randomUUID } from 'node:crypto';
import type { NationalIdCipher } from '../../privacy/national-id-vault.ts';
import type { Transaction } from '../../store/transaction.ts';
import { isTransferInReach, requireMemberWriter, seesSensitiveFields } from '../access/member-access.ts';
import { isBranchInScope } from '../access/tree-access.ts';
import type { AuditAction, ChangeContext } from '../audit.ts';
import { vietnamToday } from '../dates.ts';
import { DomainError } from '../errors.ts';
import type { IdempotentCall } from '../idempotency.ts';
import { checkEligibility, type EligibilityRules } from './eligibility.ts';
import { eligibilityRules } from './eligibility-settings.ts';
import { type AdmissionEvent, admissionOf } from './history.ts';
import type { AdmitMember, Member } from './member.ts';
import {
  type MemberWorkspace,
  openBranch,
  placementOf,
  recordAudit,
  recordIdempotency,
} from './member-workspace.ts';
import { protectNationalId } from './protect-national-id.ts';
import type { IncomingTransfer } from './transfers.ts';

export async function admitMember(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  input: AdmitMember,
  call?: IdempotentCall<Member>,
): Promise<Member> {
  const organization = requireMemberWriter(ctx.principal, 'members:write');
  if (!seesSensitiveFields(ctx.principal) && (input.ethnicity || input.religion || input.partyMember))
    throw new DomainError('SENSITIVE_FIELDS_FORBIDDEN');
  const placement = await admissionBranch(ws, ctx, input.branchId);
  checkAdmission(input, await eligibilityRules(ws, organization), vietnamToday(ctx.now));
  const member = newMember(input, placement, await ws.cipher(), ctx.now, randomUUID());
  const tx = ws.members.transaction();
  const admitted = {
    type: 'admitted',
    status: member.status,
    reason: null,
    awayPlace: member.awayPlace,
  } as const;
  return commitAdmission(ws, ctx, tx, member, admitted, 'create', call);
}

/** A member as an admission makes them, before how they came in is added: an import makes them alike. */
export function newMember(
  input: AdmitMember,
  placement: ReturnType<typeof placementOf>,
  cipher: NationalIdCipher,
  now: Date,
  id: string,
): Member {
  const { branchId: _, status, awayPlace, nationalId, ...fields } = input;
  const at = now.toISOString();
  return {
    id,
    ...fields,
    nationalId: nationalId ? protectNationalId(cipher, nationalId, input) : null,
    ...placement,
    status,
    statusSince: input.joinedAt,
    awayPlace: status === 'away' ? awayPlace : null,
    transferredTo: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** Writes a new member, who keeps how they came in (history.ts), with audit and idempotency records, in `tx`. */
async function commitAdmission(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  tx: Transaction,
  member: Member,
  event: Omit<AdmissionEvent, 'toBranchId' | 'recordedBy'>,
  action: AuditAction,
  call: IdempotentCall<Member> | undefined,
): Promise<Member> {
  const recordedBy = { userId: ctx.principal.userId, username: ctx.principal.username };
  const admitted: Member = {
    ...member,
    admission: admissionOf({ ...event, toBranchId: member.branchId, recordedBy }),
  };
  ws.members.create(tx, admitted);
  ws.branches.requireOpen(tx, member.branchId);
  recordAudit(ws, tx, ctx, action, member.id, null, admitted);
  recordIdempotency(ws, tx, ctx, call, admitted);
  await tx.commit();
  return admitted;
}

/** An open branch the caller may admit into. */
async function admissionBranch(ws: MemberWorkspace, ctx: ChangeContext, branchId: string) {
  const { branch, unit } = await openBranch(ws, branchId);
  if (!isBranchInScope(ctx.principal, branch, unit)) throw new DomainError('FORBIDDEN');
  return placementOf(branch, unit);
}

/**
 * The rules an admission meets beside its schema: dates in order, where an away member works, the
 * organization's eligibility. Throws the DomainError of the first broken; the import checks each
 * row of a file by it too.
 */
export function checkAdmission(input: AdmitMember, rules: EligibilityRules, today: string): void {
  checkDates(input, today);
  if (input.status === 'away' && !input.awayPlace)
    throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'body.awayPlace', code: 'required_when_away' }]);
  checkEligibility(rules, input, input.joinedAt);
}

function checkDates(input: { birthDate: string; joinedAt: string }, today: string): void {
  if (input.joinedAt > today)
    throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'body.joinedAt', code: 'out_of_range' }]);
  if (input.birthDate >= input.joinedAt)
    throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'body.birthDate', code: 'out_of_range' }]);
}

/** The receiving organization admits a person transferred to it, into one of its branches. */
export async function acceptTransfer(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  transferId: string,
  into: { branchId: string; joinedAt?: string | undefined },
  call?: IdempotentCall<Member>,
): Promise<Member> {
  const organization = requireMemberWriter(ctx.principal);
  const transfer = await ws.transfers.get(transferId);
  // One not addressed to the caller's part of the tree is not theirs to know of: told as missing.
  if (!transfer || !isTransferInReach(ctx.principal, transfer))
    throw new DomainError('TRANSFER_NOT_FOUND', { id: transferId });
  if (transfer.status !== 'pending') throw new DomainError('TRANSFER_ALREADY_ACCEPTED');
  const placement = await admissionBranch(ws, ctx, into.branchId);
  const joinedAt = into.joinedAt ?? vietnamToday(ctx.now);
  checkDates({ birthDate: transfer.person.birthDate, joinedAt }, vietnamToday(ctx.now));
  checkEligibility(await eligibilityRules(ws, organization), transfer.person, joinedAt);
  const member = memberFromTransfer(transfer, await ws.cipher(), joinedAt, ctx.now.toISOString());
  const placed: Member = { ...member, ...placement };
  const tx = ws.members.transaction();
  // First in the transaction, so a concurrent second acceptance is told so, not that the number is taken.
  ws.transfers.accept(tx, transfer, placed.id);
  const arrived = {
    type: 'transferred_in',
    status: 'active',
    reason: transfer.reason,
    awayPlace: null,
  } as const;
  return commitAdmission(ws, ctx, tx, placed, arrived, 'transfer_in', call);
}

function memberFromTransfer(
  transfer: IncomingTransfer,
  cipher: { open(sealed: string): string; hash(id: string): string },
  joinedAt: string,
  now: string,
): Omit<Member, 'branchId' | 'unitId' | 'unitIds' | 'communeId'> {
  const nationalId = transfer.sealedNationalId ? cipher.open(transfer.sealedNationalId) : null;
  const { nationalIdMasked, ...person } = transfer.person;
  return {
    id: randomUUID(),
    ...person,
    nationalId:
      nationalId && nationalIdMasked
        ? {
            sealed: transfer.sealedNationalId as string,
            hash: cipher.hash(nationalId),
            masked: nationalIdMasked,
          }
        : null,
    ethnicity: null,
    religion: null,
    partyMember: false,
    joinedAt,
    cardNumber: null,
    notes: null,
    status: 'active',
    statusSince: joinedAt,
    awayPlace: null,
    transferredTo: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}
