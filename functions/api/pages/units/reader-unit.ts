/**
 * Where the tree opens for a reader: their own unit when their scope is one, their branch's unit
 * for a branch officer, and otherwise the province (the top of the map they read).
 */
import type { Context } from 'hono';
import { readBranch } from '#shared/domain/branch-changes.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { listUnits } from '#shared/domain/unit-queries.ts';
import type { AppEnv } from '../../app-env.ts';
import { treeWorkspace } from '../../http/workspaces.ts';

/** Ids are at most 64 characters, as the API takes them; a longer one names no unit. */
export function unitIdFrom(id: string): string {
  if (id.length === 0 || id.length > 64) throw new DomainError('UNIT_NOT_FOUND', { id: '' });
  return id;
}

export async function readerUnitId(c: Context<AppEnv>): Promise<string> {
  const principal = c.get('principal');
  const scope = principal.scope;
  if (scope && 'unitId' in scope) return scope.unitId;
  if (scope && 'branchId' in scope)
    return (await readBranch(treeWorkspace(c), principal, scope.branchId)).unit.id;
  const top = await listUnits(treeWorkspace(c), principal, { limit: 1 });
  const province = top.items[0];
  if (!province) throw new DomainError('UNIT_NOT_FOUND', { id: '' });
  return province.id;
}
