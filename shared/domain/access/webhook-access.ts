/**
 * Who manages webhook endpoints: an organization's admin, for its own events; the Front's staff
 * (front_admin), for figures only (aggregate events: a target set, a snapshot taken) since the
 * Front never reads a person; an API key holding `webhooks:manage`, as the tenant it belongs to.
 */
import type { Principal } from '../roles.ts';
import { requireRoleOrScope } from './api-key-access.ts';
import { seesSensitiveFields } from './member-access.ts';
import { requireOrganization } from './tenant-access.ts';

export interface WebhookManager {
  /** The Front's endpoints take aggregate events only. */
  readonly front: boolean;
  /** Whether endpoints this manager makes may receive sensitive fields (Party membership). */
  readonly sensitive: boolean;
}

export function requireWebhookManager(principal: Principal): WebhookManager {
  requireRoleOrScope(principal, 'webhooks:manage', 'org_admin', 'front_admin');
  const front = principal.tenantId.endsWith(':front');
  if (!front) requireOrganization(principal, 'webhooks:manage');
  return { front, sensitive: !front && seesSensitiveFields(principal) };
}
