/**
 * Authorization rules, apart from HTTP: which roles may call what, and whether a unit or a
 * branch lies inside the caller's scope.
 */
import type { Branch } from '../branches.ts';
import { DomainError } from '../errors.ts';
import type { Principal, Role } from '../roles.ts';
import type { Unit } from '../units.ts';

export function requireRole(principal: Principal, ...roles: Role[]): void {
  if (!roles.includes(principal.role)) throw new DomainError('FORBIDDEN');
}

/** A unit officer's scope is a subtree: the unit itself and everything below it. */
export function isUnitInScope(principal: Principal, unit: Unit): boolean {
  const scope = principal.scope;
  if (!scope || !('unitId' in scope)) return principal.role !== 'branch_officer';
  return unit.id === scope.unitId || unit.ancestorIds.includes(scope.unitId);
}

export function isBranchInScope(principal: Principal, branch: Branch, unitOfBranch: Unit): boolean {
  const scope = principal.scope;
  if (scope && 'branchId' in scope) return branch.id === scope.branchId;
  return isUnitInScope(principal, unitOfBranch);
}

const TREE_WRITERS: readonly Role[] = ['org_admin', 'unit_officer'];

/** Units and branches are set up by organization admins, and by unit officers within their subtree. */
export function requireTreeWriter(principal: Principal): void {
  requireRole(principal, ...TREE_WRITERS);
}

export function requireUnitInScope(principal: Principal, unit: Unit): void {
  if (!isUnitInScope(principal, unit)) throw new DomainError('FORBIDDEN');
}

/** Groups are a branch's own organization: its branch officer may add them, as may who set the branch up. */
export function requireGroupWriter(principal: Principal, branch: Branch, unitOfBranch: Unit): void {
  const allowed = principal.role === 'branch_officer' || TREE_WRITERS.includes(principal.role);
  if (!allowed || !isBranchInScope(principal, branch, unitOfBranch)) throw new DomainError('FORBIDDEN');
}
