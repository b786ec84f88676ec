/**
 * Reading the unit tree. The map of units holds nothing personal and scopes are drawn on it, so
 * every principal reads its own tenant's whole map: an officer needs the units around their own
 * to find them, and the Front and the platform, which keep no tree, find an empty one.
 */
import type { Page } from '../store/table.ts';
import { DomainError } from './errors.ts';
import type { TreeWorkspace } from './unit-workspace.ts';
import type { FullUnit } from './units.ts';

export interface UnitListQuery {
  readonly parentId?: string | undefined;
  readonly validOn?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export function listUnits(ws: TreeWorkspace, query: UnitListQuery): Promise<Page<FullUnit>> {
  return ws.units.children(query.parentId, query.limit, query.cursor, query.validOn);
}

export async function readUnit(ws: TreeWorkspace, id: string): Promise<FullUnit> {
  const unit = await ws.units.get(id);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id });
  return unit;
}
