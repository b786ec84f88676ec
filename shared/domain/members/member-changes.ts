/**
 * Changing a member: editing fields, changing status, moving to another branch, transferring
 * out of the organization. Each is read → check → one transaction (the member, its index entries,
 * its history event, the audit record, the idempotency record), applied only if the member is
 * unchanged since it was read.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from '../../store/transaction.ts';
import { requireMemberInScope, requireMemberWriter, seesSensitiveFields } from '../access/member-access.ts';
import { requireOrganization } from '../access/tenant-access.ts';
import { isBranchInScope } from '../access/tree-access.ts';
import type { AuditAction, ChangeContext } from '../audit.ts';
import { vietnamToday } from '../dates.ts';
import { DomainError } from '../errors.ts';
import type { IdempotentCall } from '../idempotency.ts';
import { toTenantId } from '../tenant-id.ts';
import { applyStatusChange, canFollow, checkEffectiveDate, requireCurrent } from './lifecycle.ts';
import {
  type Member,
  type MemberEvent,
  SENSITIVE_FIELDS,
  type StatusChange,
  type TransferDestination,
  type UpdateMember,
} from './member.ts';
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

interface Outcome {
  readonly after: Omit<Member, 'version' | 'updatedAt'>;
  readonly event: MemberEvent | null;
  readonly extra?: (tx: Transaction) => void;
}

/** Concurrent changes without an If-Match are retried on a fresh read this many times. */
const RETRIES = 3;

/**
 * A change of one member: read, checked by `decide`, written with its audit record in one
 * transaction, applied only if the member is unchanged since it was read.
 */
export async function changeMember(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  id: string,
  expectedVersion: number | undefined,
  action: AuditAction,
  call: IdempotentCall<Member> | undefined,
  decide: (before: Member) => Promise<Outcome>,
): Promise<Member> {
  requireMemberWriter(ctx.principal, 'members:write');
  for (let attempt = 0; ; attempt++) {
    const before = await ws.members.get(id);
    if (!before) throw new DomainError('MEMBER_NOT_FOUND', { id });
    requireMemberInScope(ctx.principal, before);
    if (expectedVersion !== undefined && before.version !== expectedVersion)
      throw new DomainError('PRECONDITION_FAILED');
    const { after: draft, event, extra } = await decide(before);
    const after: Member = { ...draft, updatedAt: ctx.now.toISOString(), version: before.version + 1 };
    const tx = ws.members.transaction();
    ws.members.save(tx, { before, after, event });
    extra?.(tx);
    recordAudit(ws, tx, ctx, action, id, before, after);
    recordIdempotency(ws, tx, ctx, call, after);
    try {
      await tx.commit();
      return after;
    } catch (error) {
      const stale = error instanceof DomainError && error.code === 'PRECONDITION_FAILED';
      if (!stale || expectedVersion !== undefined || attempt >= RETRIES) throw error;
    }
  }
}

export function updateMember(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  id: string,
  patch: UpdateMember,
  expectedVersion: number | undefined,
): Promise<Member> {
  requireMemberWriter(ctx.principal, 'members:write');
  // An edit replaces fields wholesale: it must name the version it was made against.
  if (expectedVersion === undefined) throw new DomainError('PRECONDITION_REQUIRED');
  if (!seesSensitiveFields(ctx.principal) && SENSITIVE_FIELDS.some((field) => patch[field] !== undefined))
    throw new DomainError('SENSITIVE_FIELDS_FORBIDDEN');
  return changeMember(ws, ctx, id, expectedVersion, 'update', undefined, async (before) => {
    requireCurrent(before);
    const { nationalId, ...fields } = patch;
    const merged = { ...before, ...definedOnly(fields) };
    if (merged.joinedAt > vietnamToday(ctx.now) || merged.birthDate >= merged.joinedAt)
      throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'body.joinedAt', code: 'out_of_range' }]);
    const holderChanged = merged.gender !== before.gender || merged.birthDate !== before.birthDate;
    let protectedId = before.nationalId;
    if (nationalId !== undefined || (holderChanged && before.nationalId)) {
      const cipher = await ws.cipher();
      const plain =
        nationalId === undefined ? cipher.open((before.nationalId as { sealed: string }).sealed) : nationalId;
      protectedId = plain === null ? null : protectNationalId(cipher, plain, merged);
    }
    return { after: { ...merged, nationalId: protectedId }, event: null };
  });
}

function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function changeStatus(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  id: string,
  statusChange: StatusChange,
  expectedVersion?: number,
  call?: IdempotentCall<Member>,
): Promise<Member> {
  return changeMember(ws, ctx, id, expectedVersion, 'status', call, async (before) => {
    const organization = requireOrganization(ctx.principal, 'members:write');
    const fields = applyStatusChange(before, statusChange, organization, vietnamToday(ctx.now));
    return {
      after: { ...before, ...fields },
      event: newEvent(ctx, {
        type: 'status_changed',
        status: fields.status,
        effectiveDate: statusChange.effectiveDate,
        reason: statusChange.reason,
        awayPlace: fields.awayPlace,
        fromBranchId: null,
        toBranchId: null,
      }),
    };
  });
}

export function transferMember(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  id: string,
  move: { toBranchId: string; reason?: string | null; effectiveDate?: string | undefined },
  expectedVersion?: number,
  call?: IdempotentCall<Member>,
): Promise<Member> {
  return changeMember(ws, ctx, id, expectedVersion, 'transfer', call, async (before) => {
    requireCurrent(before);
    if (move.toBranchId === before.branchId) throw new DomainError('SAME_BRANCH');
    const { branch, unit } = await openBranch(ws, move.toBranchId);
    if (!isBranchInScope(ctx.principal, branch, unit)) throw new DomainError('FORBIDDEN');
    const today = vietnamToday(ctx.now);
    const effectiveDate = move.effectiveDate ?? today;
    if (effectiveDate < before.joinedAt || effectiveDate > today)
      throw new DomainError('EFFECTIVE_DATE_OUT_OF_RANGE', { from: before.joinedAt, to: today }, [
        { path: 'body.effectiveDate', code: 'out_of_range' },
      ]);
    return {
      after: { ...before, ...placementOf(branch, unit) },
      extra: (tx: Transaction) => ws.branches.requireOpen(tx, branch.id),
      event: newEvent(ctx, {
        type: 'transferred',
        status: before.status,
        effectiveDate,
        reason: move.reason ?? null,
        awayPlace: before.awayPlace,
        fromBranchId: before.branchId,
        toBranchId: branch.id,
      }),
    };
  });
}

export function transferOut(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  id: string,
  out: { destination: TransferDestination; reason: string; effectiveDate: string },
  expectedVersion?: number,
  call?: IdempotentCall<Member>,
): Promise<Member> {
  return changeMember(ws, ctx, id, expectedVersion, 'transfer_out', call, async (before) => {
    if (out.destination.unitId !== null && out.destination.tenantId === null)
      throw new DomainError('VALIDATION_FAILED', {}, [
        { path: 'body.destination.unitId', code: 'unit_without_tenant' },
      ]);
    if (!canFollow(before.status, 'transferred_out'))
      throw new DomainError('INVALID_STATUS_TRANSITION', { from: before.status, to: 'transferred_out' });
    checkEffectiveDate(before, out.effectiveDate, vietnamToday(ctx.now));
    const incoming = out.destination.tenantId
      ? await incomingTransfer(ws, ctx, before, out, out.destination.tenantId, out.destination.unitId)
      : undefined;
    return {
      after: {
        ...before,
        status: 'transferred_out',
        statusSince: out.effectiveDate,
        awayPlace: null,
        transferredTo: out.destination,
      },
      event: newEvent(ctx, {
        type: 'transferred_out',
        status: 'transferred_out',
        effectiveDate: out.effectiveDate,
        reason: out.reason,
        awayPlace: null,
        fromBranchId: before.branchId,
        toBranchId: null,
      }),
      ...(incoming && {
        extra: (tx: Transaction) => ws.transfers.send(tx, incoming.receiver, incoming.transfer),
      }),
    };
  });
}

/** The record the receiving tenant gets: its own sealing of the number, no sensitive fields. */
async function incomingTransfer(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  member: Member,
  out: { reason: string; effectiveDate: string },
  destination: string,
  unitId: string | null,
) {
  const receiver = toTenantId(destination);
  const badDestination = (code: string, field = 'tenantId') =>
    new DomainError('VALIDATION_FAILED', {}, [{ path: `body.destination.${field}`, code }]);
  if (receiver === ws.tenant) throw badDestination('same_tenant');
  if (!(await ws.transfers.tenantExists(receiver))) throw badDestination('unknown_tenant');
  const unit = unitId === null ? undefined : await ws.transfers.receivingUnit(receiver, unitId);
  if (unitId !== null && !unit) throw badDestination('unknown_unit', 'unitId');
  let sealedNationalId: string | null = null;
  if (member.nationalId) {
    const [own, theirs] = await Promise.all([ws.cipher(), ws.vault.cipherFor(receiver)]);
    sealedNationalId = theirs.seal(own.open(member.nationalId.sealed));
  }
  const transfer: IncomingTransfer = {
    id: randomUUID(),
    status: 'pending',
    from: { tenantId: ws.tenant, memberId: member.id },
    destinationUnitId: unit?.id ?? null,
    destinationUnitIds: unit ? [...unit.ancestorIds, unit.id] : [],
    reason: out.reason,
    effectiveDate: out.effectiveDate,
    person: {
      fullName: member.fullName,
      gender: member.gender,
      birthDate: member.birthDate,
      nationalIdMasked: member.nationalId?.masked ?? null,
      phone: member.phone,
      education: member.education,
      occupation: member.occupation,
      address: member.address,
      veteranService: member.veteranService,
    },
    createdAt: ctx.now.toISOString(),
    acceptedMemberId: null,
    sealedNationalId,
  };
  return { receiver, transfer };
}
