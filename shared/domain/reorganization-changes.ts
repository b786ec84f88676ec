/**
 * Applying a reorganization to the province's map, once. The plan (every unit written, before
 * and after) is stored first with a guard on kind + resolution number + units, then applied in
 * steps of a few units, each unit with its audit record in the step's transaction; the record is
 * marked applied last. Repeating the request finds the record by its guard and finishes what is
 * left — after a crash, or a twin request racing — and never writes a unit twice: a step skips
 * each unit already at its planned version.
 */
import { randomUUID } from 'node:crypto';
import type { ReorganizationRepository } from '../store/repositories/reorganizations.ts';
import { reorganizationDigest } from '../store/repositories/reorganizations.ts';
import type { Page } from '../store/table.ts';
import { requireMapEditor, requireProvinceMember } from './access/map-access.ts';
import { auditRecordOf, type ChangeContext } from './audit.ts';
import { vietnamToday } from './dates.ts';
import { DomainError } from './errors.ts';
import { planReorganization, unitsNamed } from './reorganization-plan.ts';
import type { Reorganization, Reorganize, UnitChange } from './reorganizations.ts';
import type { Principal } from './roles.ts';
import type { TreeWorkspace } from './unit-workspace.ts';

export interface ReorganizationWorkspace extends TreeWorkspace {
  readonly reorganizations: ReorganizationRepository;
}

/** Units per step: a created hamlet is 3 writes (unit, name guard, audit), under the 100 of a transaction. */
const UNITS_PER_STEP = 20;

export interface Reorganized {
  readonly reorganization: Reorganization;
  /** false when the request repeated one already recorded. */
  readonly created: boolean;
}

export async function reorganize(
  ws: ReorganizationWorkspace,
  ctx: ChangeContext,
  request: Reorganize,
): Promise<Reorganized> {
  requireMapEditor(ctx.principal);
  const digest = reorganizationDigest([request.kind, request.resolution.number, ...unitsNamed(request)]);
  const earlier = await ws.reorganizations.withDigest(digest);
  if (earlier) return { reorganization: await finish(ws, ctx, earlier), created: false };
  const today = vietnamToday(ctx.now);
  if (request.effectiveDate > today)
    // Branches follow the map on the day it changes; a later day would leave members behind it.
    throw new DomainError('REORGANIZATION_NOT_IN_FORCE', { date: request.effectiveDate });
  const plan = await planReorganization(ws, request, today);
  const reorganization: Reorganization = {
    id: randomUUID(),
    kind: request.kind,
    effectiveDate: request.effectiveDate,
    resolution: { number: request.resolution.number, date: request.resolution.date ?? null },
    status: 'applying',
    ...plan,
    createdBy: { userId: ctx.principal.userId, username: ctx.principal.username },
    createdAt: ctx.now.toISOString(),
    finishedAt: null,
    version: 1,
  };
  const tx = ws.reorganizations.transaction();
  ws.reorganizations.create(tx, reorganization, digest);
  try {
    await tx.commit();
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'PRECONDITION_FAILED')) throw error;
    // A twin stored its plan first: finish that one.
    return reorganize(ws, ctx, request);
  }
  return { reorganization: await finish(ws, ctx, reorganization), created: true };
}

/** Applies what is left of a stored plan, then marks it applied; an applied one is returned as it is. */
async function finish(
  ws: ReorganizationWorkspace,
  ctx: ChangeContext,
  reorganization: Reorganization,
): Promise<Reorganization> {
  if (reorganization.status === 'applied') return reorganization;
  for (let from = 0; from < reorganization.changes.length; from += UNITS_PER_STEP)
    await applyStep(ws, ctx, reorganization.changes.slice(from, from + UNITS_PER_STEP));
  const applied: Reorganization = {
    ...reorganization,
    status: 'applied',
    finishedAt: ctx.now.toISOString(),
    version: reorganization.version + 1,
  };
  const tx = ws.reorganizations.transaction();
  ws.reorganizations.save(tx, reorganization, applied);
  try {
    await tx.commit();
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'PRECONDITION_FAILED')) throw error;
    // A twin run marked it applied first: its record is the answer.
    return (await ws.reorganizations.get(reorganization.id)) as Reorganization;
  }
  return applied;
}

async function applyStep(
  ws: ReorganizationWorkspace,
  ctx: ChangeContext,
  changes: UnitChange[],
  retry = true,
): Promise<void> {
  const tx = ws.units.transaction();
  for (const { before, after } of changes) {
    const current = await ws.units.get(after.id);
    if (current && current.version >= after.version) continue;
    if (before === null) ws.units.create(tx, after);
    else if (!current || current.version !== before.version)
      // Someone edited the unit after the plan was stored: a person must look at it.
      throw new DomainError('PRECONDITION_FAILED');
    else ws.units.save(tx, before, after);
    ws.units.audit.record(
      tx,
      auditRecordOf(ctx, {
        entityType: 'unit',
        action: before === null ? 'create' : 'update',
        entityId: after.id,
        before,
        after,
      }),
    );
  }
  if (tx.size === 0) return;
  try {
    await tx.commit();
  } catch (error) {
    // A twin run wrote some of these first: what it wrote is what this step would have.
    const raced = error instanceof DomainError && ['PRECONDITION_FAILED', 'UNIT_EXISTS'].includes(error.code);
    if (!raced || !retry) throw error;
    await applyStep(ws, ctx, changes, false);
  }
}

/** Reorganizations of the caller's province, newest first: every member of the province reads them. */
export async function listReorganizations(
  ws: ReorganizationWorkspace,
  principal: Principal,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<Reorganization>> {
  requireProvinceMember(principal);
  return ws.reorganizations.list(query.limit, query.cursor);
}

export async function readReorganization(
  ws: ReorganizationWorkspace,
  principal: Principal,
  id: string,
): Promise<Reorganization> {
  requireProvinceMember(principal);
  const reorganization = await ws.reorganizations.get(id);
  if (!reorganization) throw new DomainError('REORGANIZATION_NOT_FOUND', { id });
  return reorganization;
}
