/**
 * Setting up and changing branches, and adding groups to them: each within the caller's scope,
 * in a unit where that kind of branch belongs, written with its audit record in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { isApiKey } from './access/api-key-access.ts';
import {
  isBranchInScope,
  requireGroupWriter,
  requireTreeWriter,
  requireUnitInScope,
} from './access/tree-access.ts';
import type { ChangeContext } from './audit.ts';
import type { BranchGroup, CreateBranchGroup } from './branch-groups.ts';
import {
  BRANCH_UNIT_LEVELS,
  type CreateBranch,
  checkKindFields,
  type FullBranch,
  type UpdateBranch,
} from './branches.ts';
import { vietnamToday } from './dates.ts';
import { DomainError } from './errors.ts';
import type { Principal } from './roles.ts';
import { sameExceptVersion } from './unit-changes.ts';
import { recordTreeAudit, type TreeWorkspace } from './unit-workspace.ts';
import { type FullUnit, isValidOn } from './units.ts';

export async function createBranch(
  ws: TreeWorkspace,
  ctx: ChangeContext,
  input: CreateBranch,
): Promise<FullBranch> {
  requireTreeWriter(ctx.principal);
  checkKindFields(input.kind, input, true);
  const unit = await ws.units.get(input.unitId);
  if (!unit)
    throw new DomainError('UNIT_NOT_FOUND', { id: input.unitId }, [
      { path: 'body.unitId', code: 'not_found' },
    ]);
  requireUnitInScope(ctx.principal, unit);
  const allowed = BRANCH_UNIT_LEVELS[input.kind];
  if (!allowed.includes(unit.level))
    throw branchRule('unit_level', {
      kind: input.kind,
      level: unit.level,
      unitId: unit.id,
      allowed: allowed.join(','),
    });
  if (!isValidOn(unit, vietnamToday(ctx.now)))
    throw branchRule('unit_closed', { unitId: unit.id, from: unit.validFrom, to: unit.validTo ?? '' });
  const now = ctx.now.toISOString();
  const branch: FullBranch = {
    id: randomUUID(),
    name: input.name,
    kind: input.kind,
    unitId: unit.id,
    economicModel: input.economicModel ?? null,
    agencyType: input.agencyType ?? null,
    status: 'active',
    createdAt: now,
    version: 1,
  };
  await commitNewBranch(ws, ctx, branch);
  return branch;
}

/** Writes a new branch with its audit record, in one transaction. */
export async function commitNewBranch(
  ws: TreeWorkspace,
  ctx: ChangeContext,
  branch: FullBranch,
): Promise<void> {
  const tx = ws.branches.transaction();
  ws.branches.create(tx, branch);
  recordTreeAudit(ws, tx, ctx, {
    entityType: 'branch',
    action: 'create',
    entityId: branch.id,
    before: null,
    after: branch,
  });
  await tx.commit();
}

export async function updateBranch(
  ws: TreeWorkspace,
  ctx: ChangeContext,
  id: string,
  patch: UpdateBranch,
  expectedVersion?: number,
): Promise<FullBranch> {
  requireTreeWriter(ctx.principal);
  const { branch: before, unit } = await readBranch(ws, ctx.principal, id);
  requireUnitInScope(ctx.principal, unit);
  if (expectedVersion !== undefined && expectedVersion !== before.version)
    throw new DomainError('PRECONDITION_FAILED');
  requireActive(before);
  checkKindFields(before.kind, patch, false);
  const after: FullBranch = {
    ...before,
    name: patch.name ?? before.name,
    economicModel: patch.economicModel ?? before.economicModel,
    agencyType: patch.agencyType ?? before.agencyType,
    version: before.version + 1,
  };
  if (sameExceptVersion(before, after)) return before;
  const tx = ws.branches.transaction();
  ws.branches.save(tx, before, after);
  recordTreeAudit(ws, tx, ctx, { entityType: 'branch', action: 'update', entityId: id, before, after });
  await tx.commit();
  return after;
}

export async function createGroup(
  ws: TreeWorkspace,
  ctx: ChangeContext,
  branchId: string,
  input: CreateBranchGroup,
): Promise<BranchGroup> {
  const { branch, unit } = await readBranch(ws, ctx.principal, branchId);
  requireGroupWriter(ctx.principal, branch, unit);
  requireActive(branch);
  const group: BranchGroup = {
    id: randomUUID(),
    branchId,
    name: input.name,
    economicModel: input.economicModel ?? null,
    createdAt: ctx.now.toISOString(),
  };
  const tx = ws.branches.transaction();
  ws.branches.addGroup(tx, group);
  recordTreeAudit(ws, tx, ctx, {
    entityType: 'group',
    action: 'create',
    entityId: group.id,
    before: null,
    after: group,
  });
  await tx.commit();
  return group;
}

/** A branch and its unit, readable by the caller; outside their scope is FORBIDDEN. */
export async function readBranch(
  ws: TreeWorkspace,
  principal: Principal,
  id: string,
): Promise<{ branch: FullBranch; unit: FullUnit }> {
  // No scope names branches: a key is refused before anything is read.
  if (isApiKey(principal)) throw new DomainError('FORBIDDEN');
  const branch = await ws.branches.get(id);
  if (!branch) throw new DomainError('BRANCH_NOT_FOUND', { id });
  const unit = await ws.units.get(branch.unitId);
  if (!unit || !isBranchInScope(principal, branch, unit)) throw new DomainError('FORBIDDEN');
  return { branch, unit };
}

function requireActive(branch: FullBranch): void {
  if (branch.status !== 'active') throw new DomainError('BRANCH_CLOSED', { id: branch.id });
}

function branchRule(rule: string, params: Record<string, string>): DomainError {
  return new DomainError('BRANCH_RULE_VIOLATED', { rule, ...params }, [{ path: 'body.unitId', code: rule }]);
}
