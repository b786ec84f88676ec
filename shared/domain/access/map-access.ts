/**
 * Who may read and edit a province's administrative map. The map is one per province and holds
 * no personal data: every organization of the province and its Front read it; the Front's
 * provincial staff (front_admin) edit it, and so does an organization's admin granted map_editor
 * by the platform operator. The platform itself belongs to no province and reads no map.
 */
import { DomainError } from '../errors.ts';
import type { Principal } from '../roles.ts';
import { PLATFORM_TENANT, provinceOf } from '../tenant-id.ts';
import { isApiKey } from './api-key-access.ts';

export function canEditMap(principal: Principal): boolean {
  if (principal.tenantId === PLATFORM_TENANT) return false;
  if (principal.role === 'front_admin') return principal.tenantId.endsWith(':front');
  return principal.role === 'org_admin' && principal.permissions.includes('map_editor');
}

export function requireMapEditor(principal: Principal): void {
  if (!canEditMap(principal)) throw new DomainError('FORBIDDEN');
}

/**
 * The province whose map the caller reads: any tenant of a province, never the platform, nor an
 * API key (no scope names the map).
 */
export function requireProvinceMember(principal: Principal): string {
  if (principal.tenantId === PLATFORM_TENANT || isApiKey(principal)) throw new DomainError('FORBIDDEN');
  return provinceOf(principal.tenantId);
}
