/** Reading the audit trail: the organization admin's, by record or by the person who acted. */
import type { AuditRepository } from '../store/repositories/audit.ts';
import type { Page } from '../store/table.ts';
import { requireRole } from './access/tree-access.ts';
import type { AuditRecord } from './audit.ts';
import type { Principal } from './roles.ts';

/** Exactly one of entityId and actor. */
export type AuditTrailQuery = (
  | { readonly entityId: string; readonly actor?: undefined }
  | { readonly entityId?: undefined; readonly actor: string }
) & { readonly limit: number; readonly cursor?: string | undefined };

export function auditTrail(
  audit: AuditRepository,
  principal: Principal,
  query: AuditTrailQuery,
): Promise<Page<AuditRecord>> {
  requireRole(principal, 'org_admin');
  const { limit, cursor } = query;
  return query.entityId !== undefined
    ? audit.ofEntity(query.entityId, limit, cursor)
    : audit.byActor(query.actor, limit, cursor);
}
