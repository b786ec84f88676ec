/**
 * Who does what with branch ratings. The self-assessment is the commune's: the organization's
 * admin, or a unit officer whose scope covers the branch (a commune's officer, a hamlet's for
 * its hamlet). Approving and returning are the level above the commune's: the organization's
 * admin (the province), or a unit officer whose scope lies strictly above the branch's commune
 * (a district's, in older trees). Everyone who reads the branch reads its rating.
 */
import { requireRole } from '../access/tree-access.ts';
import { DomainError } from '../errors.ts';
import type { Principal, Role } from '../roles.ts';
import type { FullUnit } from '../units.ts';

const RATING_READERS: readonly Role[] = ['org_admin', 'unit_officer', 'branch_officer', 'viewer'];

/** The branch was read through readBranch, which already refuses what lies outside the caller's scope. */
export function requireRatingReader(principal: Principal): void {
  requireRole(principal, ...RATING_READERS);
}

/** Entering and submitting the self-assessment of a branch in scope (readBranch checked the scope). */
export function requireSelfAssessor(principal: Principal): void {
  requireRole(principal, 'org_admin', 'unit_officer');
}

/**
 * The units strictly above the one that assesses the branch: its commune, or its own unit for a
 * branch above communes (the province's agency branches, which only the admin approves).
 */
export function unitsAboveAssessor(unit: Pick<FullUnit, 'level' | 'parentId' | 'ancestorIds'>): string[] {
  return unit.level === 'hamlet' ? unit.ancestorIds.filter((id) => id !== unit.parentId) : unit.ancestorIds;
}

export function requireApprover(principal: Principal, unit: FullUnit): void {
  if (principal.role === 'org_admin') return;
  const scope = principal.scope;
  const above =
    principal.role === 'unit_officer' &&
    scope !== null &&
    'unitId' in scope &&
    unitsAboveAssessor(unit).includes(scope.unitId);
  if (!above) throw new DomainError('FORBIDDEN');
}
