/**
 * Reading branches: those of a unit, and the groups of one branch, within the caller's scope.
 */
import type { Page } from '../store/table.ts';
import { requireProvinceMember } from './access/map-access.ts';
import { isBranchInScope, isUnitInScope } from './access/tree-access.ts';
import { readBranch } from './branch-changes.ts';
import type { BranchGroup } from './branch-groups.ts';
import type { BranchKind, FullBranch } from './branches.ts';
import { DomainError } from './errors.ts';
import type { Principal } from './roles.ts';
import type { TreeWorkspace } from './unit-workspace.ts';

export interface BranchListQuery {
  readonly unitId: string;
  readonly kind?: BranchKind | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export async function listBranches(
  ws: TreeWorkspace,
  principal: Principal,
  query: BranchListQuery,
): Promise<Page<FullBranch>> {
  // The unit is looked up on the caller's province's map: the platform has none.
  requireProvinceMember(principal);
  const unit = await ws.units.get(query.unitId);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id: query.unitId });
  const branchOfficer = principal.scope !== null && 'branchId' in principal.scope;
  if (!branchOfficer && !isUnitInScope(principal, unit)) throw new DomainError('FORBIDDEN');
  const page = await ws.branches.ofUnit(query.unitId, query.kind, query.limit, query.cursor);
  if (!branchOfficer) return page;
  // A branch officer may list the unit of their branch, and sees that branch only.
  const own = page.items.filter((branch) => isBranchInScope(principal, branch, unit));
  return { items: own, nextCursor: page.nextCursor };
}

export async function listGroups(
  ws: TreeWorkspace,
  principal: Principal,
  branchId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<BranchGroup>> {
  await readBranch(ws, principal, branchId);
  return ws.branches.groups(branchId, page.limit, page.cursor);
}
