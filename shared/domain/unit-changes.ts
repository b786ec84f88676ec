/**
 * Changing the unit tree: adding a unit under a parent, renaming, recoding or closing one. Each
 * change is checked against the tree's rules and written with its audit record in one transaction.
 */
import { requireTreeWriter, requireUnitEditor, requireUnitInScope } from './access/tree-access.ts';
import type { ChangeContext } from './audit.ts';
import { vietnamToday } from './dates.ts';
import { DomainError } from './errors.ts';
import { applyUnitPatch, hamletId, hamletNumber, newUnit, successorToCheck } from './unit-rules.ts';
import { recordTreeAudit, type TreeWorkspace } from './unit-workspace.ts';
import type { CreateUnit, FullUnit, UpdateUnit } from './units.ts';

/** Draws before giving up; only hand-numbered hamlets racing with the sequence make a draw miss. */
const MAX_HAMLET_DRAWS = 20;

export async function createUnit(
  ws: TreeWorkspace,
  ctx: ChangeContext,
  input: CreateUnit,
): Promise<FullUnit> {
  requireTreeWriter(ctx.principal);
  const parent = await requireUnit(ws, input.parentId, 'parentId');
  requireUnitInScope(ctx.principal, parent);
  const draft = newUnit(parent, input, vietnamToday(ctx.now));
  if (draft.id !== null) return insert(ws, ctx, { ...draft, id: draft.id });
  for (let draw = 0; draw < MAX_HAMLET_DRAWS; draw++) {
    const n = await ws.units.nextHamletNumber(parent.id);
    try {
      return await insert(ws, ctx, { ...draft, id: hamletId(parent.id, n) });
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'UNIT_EXISTS')) throw error;
    }
    // Hamlets numbered by hand, imported or seeded took numbers the sequence has not drawn yet.
    const highest = Math.max(
      0,
      ...(await ws.units.childIds(parent.id)).map((id) => hamletNumber(parent.id, id) ?? 0),
    );
    if (highest > n) await ws.units.skipHamletNumbers(parent.id, highest - n);
  }
  throw new Error(`No free hamlet number under ${parent.id} after ${MAX_HAMLET_DRAWS} draws`);
}

async function insert(ws: TreeWorkspace, ctx: ChangeContext, unit: FullUnit): Promise<FullUnit> {
  const tx = ws.units.transaction();
  ws.units.create(tx, unit);
  recordTreeAudit(ws, tx, ctx, {
    entityType: 'unit',
    action: 'create',
    entityId: unit.id,
    before: null,
    after: unit,
  });
  await tx.commit();
  return unit;
}

/**
 * Applies a change to a unit. `expectedVersion` (from If-Match) must be the current version;
 * without it, the version read here guards the write all the same.
 */
export async function updateUnit(
  ws: TreeWorkspace,
  ctx: ChangeContext,
  id: string,
  patch: UpdateUnit,
  expectedVersion?: number,
): Promise<FullUnit> {
  requireTreeWriter(ctx.principal);
  const before = await ws.units.get(id);
  if (!before) throw new DomainError('UNIT_NOT_FOUND', { id });
  requireUnitEditor(ctx.principal, before);
  if (expectedVersion !== undefined && expectedVersion !== before.version)
    throw new DomainError('PRECONDITION_FAILED');
  const successorId = successorToCheck(before, patch);
  const successor = successorId === null ? undefined : await requireUnit(ws, successorId, 'successorId');
  if (successor) requireUnitInScope(ctx.principal, successor);
  const after = applyUnitPatch(before, patch, successor, vietnamToday(ctx.now));
  if (sameExceptVersion(before, after)) return before;
  const tx = ws.units.transaction();
  ws.units.save(tx, before, after);
  recordTreeAudit(ws, tx, ctx, { entityType: 'unit', action: 'update', entityId: id, before, after });
  await tx.commit();
  return after;
}

async function requireUnit(ws: TreeWorkspace, id: string, field: string): Promise<FullUnit> {
  const unit = await ws.units.get(id);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id }, [{ path: `body.${field}`, code: 'not_found' }]);
  return unit;
}

/** A change that changes nothing is not written, so it leaves no audit record and keeps the ETag. */
export function sameExceptVersion<T extends { version: number }>(before: T, after: T): boolean {
  return JSON.stringify({ ...before, version: 0 }) === JSON.stringify({ ...after, version: 0 });
}
