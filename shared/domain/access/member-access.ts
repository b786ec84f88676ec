/**
 * Who may see and change members: personal records are for the organization's own officers
 * within their scope; the Front and the platform operators never see them.
 */
import { DomainError } from '../errors.ts';
import type { Member } from '../members/member.ts';
import type { Principal, Role } from '../roles.ts';

const READERS: readonly Role[] = ['org_admin', 'unit_officer', 'branch_officer', 'viewer'];
const WRITERS: readonly Role[] = ['org_admin', 'unit_officer', 'branch_officer'];
/** Ethnicity, religion and Party membership are sensitive (Decree 356/2025): only who decides on them. */
const SENSITIVE_READERS: readonly Role[] = ['org_admin', 'unit_officer'];

export function requireMemberReader(principal: Principal): void {
  if (!READERS.includes(principal.role)) throw new DomainError('FORBIDDEN');
}

export function requireMemberWriter(principal: Principal): void {
  if (!WRITERS.includes(principal.role)) throw new DomainError('FORBIDDEN');
}

export function seesSensitiveFields(principal: Principal): boolean {
  return SENSITIVE_READERS.includes(principal.role);
}

/** Reading a full national id number is the sensitive readers' right, and is audited. */
export function requireNationalIdReader(principal: Principal): void {
  if (!SENSITIVE_READERS.includes(principal.role)) throw new DomainError('FORBIDDEN');
}

export function isMemberInScope(principal: Principal, member: Pick<Member, 'branchId' | 'unitIds'>): boolean {
  const scope = principal.scope;
  if (!scope) return principal.role !== 'branch_officer';
  if ('branchId' in scope) return member.branchId === scope.branchId;
  return member.unitIds.includes(scope.unitId);
}

export function requireMemberInScope(principal: Principal, member: Member): void {
  if (!isMemberInScope(principal, member)) throw new DomainError('FORBIDDEN');
}
