/**
 * Admitting a member (kết nạp): into an open branch within the officer's scope, if the
 * organization's eligibility rule allows, with a national id nobody else in the organization holds.
 * Accepting an incoming transfer admits the person the same way.
 */
import { randomUUID } from 'node:crypto';
import { isBranchInScope } from '../../auth/authorize.ts';
import { requireMemberWriter, seesSensitiveFields } from '../../auth/member-access.ts';
import type { ChangeContext } from '../audit.ts';
import { vietnamToday } from '../dates.ts';
import { DomainError } from '../errors.ts';
import type { IdempotentCall } from '../idempotency.ts';
import { checkEligibility, DEFAULT_ELIGIBILITY } from './eligibility.ts';
import type { AdmitMember, Member } from './member.ts';
import {
  type MemberWorkspace,
  newEvent,
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
  requireMemberWriter(ctx.principal);
  if (!seesSensitiveFields(ctx.principal) && (input.ethnicity || input.religion || input.partyMember))
    throw new DomainError('SENSITIVE_FIELDS_FORBIDDEN');
  const { branch, unit } = await openBranch(ws, input.branchId);
  if (!isBranchInScope(ctx.principal, branch, unit)) throw new DomainError('FORBIDDEN');
  checkDates(input, vietnamToday(ctx.now));
  if (input.status === 'away' && !input.awayPlace)
    throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'body.awayPlace', code: 'required_when_away' }]);
  checkEligibility(
    (await ws.settings.eligibility()) ?? DEFAULT_ELIGIBILITY[ws.organization],
    input,
    input.joinedAt,
  );
  const cipher = await ws.cipher();
  const { branchId: _, status, awayPlace, nationalId, ...fields } = input;
  const now = ctx.now.toISOString();
  const member: Member = {
    id: randomUUID(),
    ...fields,
    nationalId: nationalId ? protectNationalId(cipher, nationalId, input) : null,
    ...placementOf(branch, unit),
    status,
    statusSince: input.joinedAt,
    awayPlace: status === 'away' ? awayPlace : null,
    transferredTo: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const tx = ws.members.transaction();
  ws.members.create(
    tx,
    member,
    newEvent(ctx, {
      type: 'admitted',
      status,
      effectiveDate: input.joinedAt,
      reason: null,
      awayPlace: member.awayPlace,
      fromBranchId: null,
      toBranchId: branch.id,
    }),
  );
  recordAudit(ws, tx, ctx, 'create', member.id, null, member);
  recordIdempotency(ws, tx, ctx, call, member);
  await tx.commit();
  return member;
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
  requireMemberWriter(ctx.principal);
  const transfer = await ws.transfers.get(transferId);
  if (!transfer) throw new DomainError('TRANSFER_NOT_FOUND', { id: transferId });
  if (transfer.status !== 'pending') throw new DomainError('TRANSFER_ALREADY_ACCEPTED');
  const { branch, unit } = await openBranch(ws, into.branchId);
  if (!isBranchInScope(ctx.principal, branch, unit)) throw new DomainError('FORBIDDEN');
  const joinedAt = into.joinedAt ?? vietnamToday(ctx.now);
  checkDates({ birthDate: transfer.person.birthDate, joinedAt }, vietnamToday(ctx.now));
  checkEligibility(
    (await ws.settings.eligibility()) ?? DEFAULT_ELIGIBILITY[ws.organization],
    transfer.person,
    joinedAt,
  );
  const member = memberFromTransfer(transfer, await ws.cipher(), joinedAt, ctx.now.toISOString());
  const placed: Member = { ...member, ...placementOf(branch, unit) };
  const tx = ws.members.transaction();
  // First in the transaction, so a concurrent second acceptance is told so, not that the number is taken.
  ws.transfers.accept(tx, transfer, placed.id);
  ws.members.create(
    tx,
    placed,
    newEvent(ctx, {
      type: 'transferred_in',
      status: 'active',
      effectiveDate: joinedAt,
      reason: transfer.reason,
      awayPlace: null,
      fromBranchId: null,
      toBranchId: branch.id,
    }),
  );
  recordAudit(ws, tx, ctx, 'transfer_in', placed.id, null, placed);
  recordIdempotency(ws, tx, ctx, call, placed);
  await tx.commit();
  return placed;
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
