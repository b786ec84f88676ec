/**
 * What a principal's kind of tenant allows at all: the four organizations keep members, a unit
 * tree and figures; the Front reads the aggregates of its own province; the platform onboards.
 */
import type { ApiKeyScope } from '../api-keys/scopes.ts';
import { DomainError } from '../errors.ts';
import { type Organization, organizationOf } from '../organizations.ts';
import type { Principal } from '../roles.ts';
import { provinceOf } from '../tenant-id.ts';
import { hasScope, isApiKey } from './api-key-access.ts';

/**
 * The caller's organization; the Front and the platform have no members, tree or figures of their
 * own. An API key is refused unless the operation names the scope it accepts (`keyScope`) and the
 * key holds it: every use case of an organization starts here, so keys are refused by default.
 */
export function requireOrganization(principal: Principal, keyScope?: ApiKeyScope): Organization {
  if (isApiKey(principal) && !(keyScope && hasScope(principal, keyScope))) throw new DomainError('FORBIDDEN');
  const organization = organizationOf(principal.tenantId);
  if (!organization) throw new DomainError('FORBIDDEN');
  return organization;
}

/** The Front's roles: both read its aggregates, never personal data; front_admin also edits the map. */
const FRONT_ROLES: readonly Principal['role'][] = ['front_viewer', 'front_admin'];

/** The province whose figures the Front's viewer or staff read: its own, never another's. */
export function requireFront(principal: Principal): string {
  if (!FRONT_ROLES.includes(principal.role) || !principal.tenantId.endsWith(':front'))
    throw new DomainError('FORBIDDEN');
  return provinceOf(principal.tenantId);
}
