/**
 * What member use cases work with: the tenant's repositories, its national-id cipher and the
 * change context. Built per request by the API (or by a script), so use cases stay free of HTTP.
 */

import { randomUUID } from 'node:crypto';
import type { NationalIdCipher, NationalIdVault } from '../../privacy/national-id-vault.ts';
import type { AuditRepository } from '../../store/repositories/audit.ts';
import type { BranchRepository } from '../../store/repositories/branches.ts';
import type { IdempotencyRepository } from '../../store/repositories/idempotency.ts';
import type { MemberRepository } from '../../store/repositories/members.ts';
import type { SettingsRepository } from '../../store/repositories/settings.ts';
import type { TransferRepository } from '../../store/repositories/transfers.ts';
import type { UnitRepository } from '../../store/repositories/units.ts';
import type { Transaction } from '../../store/transaction.ts';
import { type AuditAction, auditRecordOf, type ChangeContext } from '../audit.ts';
import type { Branch } from '../branches.ts';
import { DomainError } from '../errors.ts';
import type { IdempotentCall } from '../idempotency.ts';
import type { TenantId } from '../tenant-id.ts';
import type { Unit } from '../units.ts';
import type { Member, MemberEvent } from './member.ts';

export interface MemberWorkspace {
  readonly tenant: TenantId;
  readonly members: MemberRepository;
  readonly branches: BranchRepository;
  readonly units: UnitRepository;
  readonly audit: AuditRepository;
  readonly idempotency: IdempotencyRepository;
  readonly settings: SettingsRepository;
  readonly transfers: TransferRepository;
  readonly vault: NationalIdVault;
  cipher(): Promise<NationalIdCipher>;
}

/** Where a member of a branch sits in the tree. */
export function placementOf(
  branch: Branch,
  unit: Unit,
): Pick<Member, 'branchId' | 'branchKind' | 'unitId' | 'unitIds' | 'communeId'> {
  const communeId = unit.level === 'commune' ? unit.id : unit.level === 'hamlet' ? unit.parentId : null;
  return {
    branchId: branch.id,
    branchKind: branch.kind,
    unitId: unit.id,
    unitIds: [...unit.ancestorIds, unit.id],
    communeId,
  };
}

/** A branch members may join or be moved to: it exists and is not being dissolved. */
export async function openBranch(
  ws: MemberWorkspace,
  branchId: string,
): Promise<{ branch: Branch; unit: Unit }> {
  const branch = await ws.branches.get(branchId);
  if (!branch) throw new DomainError('BRANCH_NOT_FOUND', { id: branchId });
  if (branch.status !== 'active') throw new DomainError('BRANCH_CLOSED', { id: branchId });
  const unit = await ws.units.get(branch.unitId);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id: branch.unitId });
  return { branch, unit };
}

export function newEvent(
  ctx: ChangeContext,
  fields: Omit<MemberEvent, 'id' | 'recordedAt' | 'recordedBy'>,
): MemberEvent {
  return {
    id: randomUUID(),
    recordedAt: ctx.now.toISOString(),
    recordedBy: { userId: ctx.principal.userId, username: ctx.principal.username },
    ...fields,
  };
}

/** What an audit record keeps of a member: never the sealed number or its hash, only the mask. */
export function auditSnapshot(member: Member): Record<string, unknown> {
  return { ...member, nationalId: member.nationalId?.masked ?? null };
}

export function recordAudit(
  ws: MemberWorkspace,
  tx: Transaction,
  ctx: ChangeContext,
  action: AuditAction,
  entityId: string,
  before: Member | null,
  after: Member | null,
): void {
  ws.audit.record(
    tx,
    auditRecordOf(ctx, {
      entityType: 'member',
      action,
      entityId,
      before: before && auditSnapshot(before),
      after: after && auditSnapshot(after),
    }),
  );
}

export function recordIdempotency<T>(
  ws: MemberWorkspace,
  tx: Transaction,
  ctx: ChangeContext,
  call: IdempotentCall<T> | undefined,
  result: T,
): void {
  if (!call) return;
  ws.idempotency.record(
    tx,
    ctx.principal.userId,
    call.key,
    { fingerprint: call.fingerprint, ...call.render(result) },
    ctx.now,
  );
}
