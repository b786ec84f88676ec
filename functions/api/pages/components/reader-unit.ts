/**
 * Where the tree opens for a reader: their own unit when their scope is one, their branch's unit
 * for a branch officer, and otherwise the province (the top of the map they read).
 */
import type { Context } from 'hono';
import { readBranch } from '#shared/domain/branch-changes.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/roles.ts';
import { listUnits } from '#shared/domain/unit-queries.ts';
import type { AppEnv } from '../../app-env.ts';
import { treeWorkspace } from '../../http/workspaces.ts';

/** Ids are at most 64 characters, as the API takes them; a longer one names no unit. */
export function unitIdFrom(id: string): string {
  if (id.length === 0 || id.length > 64) throw new DomainError('UNIT_NOT_FOUND', { id: '' });
  return id;
}

/** The unit the reader's scope is, when it is one (not a branch, not the whole organization). */
export function scopeUnitId(principal: Principal): string | undefined {
  const scope = principal.scope;
  return scope && 'unitId' in scope ? scope.unitId : undefined;
}

/** The province: the top of the map, in force on `validOn` when one is given. */
export async function provinceUnitId(c: Context<AppEnv>, validOn?: string): Promise<string> {
  const top = await listUnits(treeWorkspace(c), c.get('principal'), { limit: 1, validOn });
  const province = top.items[0];
  if (!province) throw new DomainError('UNIT_NOT_FOUND', { id: '' });
  return province.id;
}

export async function readerUnitId(c: Context<AppEnv>): Promise<string> {
  const principal = c.get('principal');
  const own = scopeUnitId(principal);
  if (own) return own;
  const scope = principal.scope;
  if (scope && 'branchId' in scope)
    return (await readBranch(treeWorkspace(c), principal, scope.branchId)).unit.id;
  return provinceUnitId(c);
}
