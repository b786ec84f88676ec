/**
 * Reading the province's map. It holds nothing personal and scopes are drawn on it, so every
 * member of the province (any organization's user, the Front) reads the whole of it: an officer
 * needs the units around their own to find them. The platform belongs to no province: refused.
 */
import type { Page } from '../store/table.ts';
import { requireMapEditor, requireProvinceMember } from './access/map-access.ts';
import type { AuditRecord } from './audit.ts';
import { DomainError } from './errors.ts';
import type { Principal } from './roles.ts';
import type { TreeWorkspace } from './unit-workspace.ts';
import type { FullUnit } from './units.ts';

export interface UnitListQuery {
  readonly parentId?: string | undefined;
  readonly validOn?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export function listUnits(
  ws: TreeWorkspace,
  principal: Principal,
  query: UnitListQuery,
): Promise<Page<FullUnit>> {
  requireProvinceMember(principal);
  return ws.units.children(query.parentId, query.limit, query.cursor, query.validOn);
}

export async function readUnit(ws: TreeWorkspace, principal: Principal, id: string): Promise<FullUnit> {
  requireProvinceMember(principal);
  const unit = await ws.units.get(id);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id });
  return unit;
}

/** Who changed a unit of the map, newest first: for map editors, whose work it is to keep it. */
export function unitAuditTrail(
  ws: TreeWorkspace,
  principal: Principal,
  id: string,
  page: { readonly limit: number; readonly cursor?: string | undefined },
): Promise<Page<AuditRecord>> {
  requireMapEditor(principal);
  return ws.units.audit.ofEntity(id, page.limit, page.cursor);
}
