/**
 * Who may see and change members: personal records are for the organization's own officers
 * within their scope; the Front and the platform operators never see them.
 */
import { DomainError } from '../errors.ts';
import type { Member } from '../members/member.ts';
import type { IncomingTransfer } from '../members/transfers.ts';
import type { Organization } from '../organizations.ts';
import type { Principal, Role } from '../roles.ts';
import { isApiKey } from './api-key-access.ts';
import { requireOrganization } from './tenant-access.ts';

const READERS: readonly Role[] = ['org_admin', 'unit_officer', 'branch_officer', 'viewer'];
const WRITERS: readonly Role[] = ['org_admin', 'unit_officer', 'branch_officer'];
/** Ethnicity, religion and Party membership are sensitive (Decree 356/2025): only who decides on them. */
const SENSITIVE_READERS: readonly Role[] = ['org_admin', 'unit_officer'];

/**
 * Answers the caller's organization, whose members they may read; an API key only where the
 * operation accepts `members:read` (`keyScope`), as requireOrganization decides.
 */
export function requireMemberReader(principal: Principal, keyScope?: 'members:read'): Organization {
  const organization = requireOrganization(principal, keyScope);
  if (!READERS.includes(principal.role) && !isApiKey(principal)) throw new DomainError('FORBIDDEN');
  return organization;
}

/** Answers the caller's organization, whose members they may change; a key as requireMemberReader says. */
export function requireMemberWriter(principal: Principal, keyScope?: 'members:write'): Organization {
  const organization = requireOrganization(principal, keyScope);
  if (!WRITERS.includes(principal.role) && !isApiKey(principal)) throw new DomainError('FORBIDDEN');
  return organization;
}

export function seesSensitiveFields(principal: Principal): boolean {
  return SENSITIVE_READERS.includes(principal.role);
}

/** Records only sensitive fields speak of (who was introduced to the Party) are the sensitive readers'. */
export function requireSensitiveReader(principal: Principal): Organization {
  const organization = requireMemberReader(principal);
  if (!seesSensitiveFields(principal)) throw new DomainError('SENSITIVE_FIELDS_FORBIDDEN');
  return organization;
}

/** Reading a full national id number is the sensitive readers' right, and is audited. */
export function requireNationalIdReader(principal: Principal): void {
  requireOrganization(principal);
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

/**
 * Which incoming transfers a caller handles: an officer those addressed within their unit
 * subtree; who spans the whole organization every one, the unaddressed included. A branch is
 * narrower than any unit a transfer is addressed to, so a branch officer handles none.
 */
export type TransferReach = { readonly all: true } | { readonly withinUnitId: string } | null;

export function incomingTransferReach(principal: Principal): TransferReach {
  const scope = principal.scope;
  if (!scope) return principal.role === 'branch_officer' ? null : { all: true };
  return 'unitId' in scope ? { withinUnitId: scope.unitId } : null;
}

export function isTransferInReach(principal: Principal, transfer: IncomingTransfer): boolean {
  const reach = incomingTransferReach(principal);
  if (!reach) return false;
  return 'all' in reach || transfer.destinationUnitIds.includes(reach.withinUnitId);
}
