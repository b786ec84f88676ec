/**
 * Changing the province's map: adding a unit under a parent, renaming, recoding or closing one.
 * Only map editors do it (the Front's provincial staff, organization admins granted it), for the
 * whole province. Each change is checked against the tree's rules and written with its audit
 * record, in the map's own trail, in one transaction.
 */

import type { Transaction } from '../store/transaction.ts';
import { requireMapEditor } from './access/map-access.ts';
import { type AuditedChange, auditRecordOf, type ChangeContext } from './audit.ts';
import { vietnamToday } from './dates.ts';
import { DomainError } from './errors.ts';
import { applyUnitPatch, hamletId, hamletNumber, newUnit, successorToCheck } from './unit-rules.ts';
import type { TreeWorkspace } from './unit-workspace.ts';
import type { CreateUnit, FullUnit, UpdateUnit } from './units.ts';
import { foldVietnamese } from './vietnamese-text.ts';

/** Draws before giving up; only hand-numbered hamlets racing with the sequence make a draw miss. */
const MAX_HAMLET_DRAWS = 20;

export async function createUnit(
  ws: TreeWorkspace,
  ctx: ChangeContext,
  input: CreateUnit,
): Promise<FullUnit> {
  requireMapEditor(ctx.principal);
  const parent = await requireUnit(ws, input.parentId, 'parentId');
  const draft = newUnit(parent, input, vietnamToday(ctx.now));
  // Checked before drawing a number, so a duplicate costs none; the guard in the transaction
  // settles two editors adding the same name at once.
  if (draft.level === 'hamlet') await refuseTakenHamletName(ws, parent.id, draft.name);
  if (draft.id !== null) return insert(ws, ctx, { ...draft, id: draft.id });
  for (let draw = 0; draw < MAX_HAMLET_DRAWS; draw++) {
    const n = await ws.units.nextHamletNumber(parent.id);
    try {
      return await insert(ws, ctx, { ...draft, id: hamletId(parent.id, n) });
    } catch (error) {
      // Only an id taken is worth another draw; a name taken stays taken.
      if (!(error instanceof DomainError && error.code === 'UNIT_EXISTS' && !error.params.name)) throw error;
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
  recordMapAudit(ws, tx, ctx, {
    entityType: 'unit',
    action: 'create',
    entityId: unit.id,
    before: null,
    after: unit,
  });
  await commitNamed(ws, tx, unit);
  return unit;
}

/** A hamlet's name folds like none other of its commune: a duplicate is refused naming the hamlet. */
async function refuseTakenHamletName(ws: TreeWorkspace, communeId: string, name: string): Promise<void> {
  const existingId = await ws.units.hamletNamed(communeId, name);
  if (existingId !== undefined) throw hamletExists(existingId, name);
}

function hamletExists(existingId: string, name: string): DomainError {
  return new DomainError('UNIT_EXISTS', { id: existingId, existingId, name });
}

/** Commits; a name guard that fails (another editor was faster) is reported with the hamlet it found. */
async function commitNamed(ws: TreeWorkspace, tx: Transaction, unit: FullUnit): Promise<void> {
  try {
    await tx.commit();
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'UNIT_EXISTS' && error.params.name)) throw error;
    const existingId = await ws.units.hamletNamed(unit.parentId ?? '', unit.name);
    throw existingId === undefined ? error : hamletExists(existingId, unit.name);
  }
}

function recordMapAudit(ws: TreeWorkspace, tx: Transaction, ctx: ChangeContext, change: AuditedChange): void {
  ws.units.audit.record(tx, auditRecordOf(ctx, change));
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
  requireMapEditor(ctx.principal);
  const before = await ws.units.get(id);
  if (!before) throw new DomainError('UNIT_NOT_FOUND', { id });
  if (expectedVersion !== undefined && expectedVersion !== before.version)
    throw new DomainError('PRECONDITION_FAILED');
  const successorId = successorToCheck(before, patch);
  const successor = successorId === null ? undefined : await requireUnit(ws, successorId, 'successorId');
  const after = applyUnitPatch(before, patch, successor, vietnamToday(ctx.now));
  if (sameExceptVersion(before, after)) return before;
  if (after.level === 'hamlet' && foldVietnamese(after.name) !== foldVietnamese(before.name))
    await refuseTakenHamletName(ws, after.parentId ?? '', after.name);
  const tx = ws.units.transaction();
  ws.units.save(tx, before, after);
  recordMapAudit(ws, tx, ctx, { entityType: 'unit', action: 'update', entityId: id, before, after });
  await commitNamed(ws, tx, after);
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
