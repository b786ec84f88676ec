/**
 * What an API key may do. A key acts as the role `api_key`, which no role list names, so every
 * operation refuses it unless it says which scope it accepts: default deny. An operation open to
 * keys calls `requireRoleOrScope(principal, '<scope>', ...roles)` (or checks `hasScope` beside its
 * own role rule); `requireScope` is the key's half alone.
 */
import type { ApiKeyScope } from '../api-keys/scopes.ts';
import { DomainError } from '../errors.ts';
import type { Principal, Role } from '../roles.ts';
import { requireRole } from './tree-access.ts';

export function isApiKey(principal: Principal): boolean {
  return principal.role === 'api_key';
}

/** True only for a key holding the scope; a person never has scopes. */
export function hasScope(principal: Principal, scope: ApiKeyScope): boolean {
  return isApiKey(principal) && (principal.apiKeyScopes ?? []).includes(scope);
}

/**
 * A key must hold the scope; a person is left to the caller's role rule (which refuses keys, as
 * no role list names `api_key`), so `requireScope(p, s); requireRole(p, …)` admits no key at all:
 * use `requireRoleOrScope` where keys are welcome.
 */
export function requireScope(principal: Principal, scope: ApiKeyScope): void {
  if (isApiKey(principal) && !hasScope(principal, scope)) throw new DomainError('FORBIDDEN');
}

/** Persons of one of the roles, or a key holding the scope (e.g. `'webhooks:manage', 'org_admin'`). */
export function requireRoleOrScope(principal: Principal, scope: ApiKeyScope, ...roles: Role[]): void {
  if (isApiKey(principal)) requireScope(principal, scope);
  else requireRole(principal, ...roles);
}
