/**
 * Authorization rules, apart from HTTP: which roles may call what, and whether a unit or a
 * branch lies inside the caller's scope.
 */
import type { Branch } from '../domain/branches.ts';
import { DomainError } from '../domain/errors.ts';
import type { Principal, Role } from '../domain/roles.ts';
import type { Unit } from '../domain/units.ts';

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
