/**
 * Target population ("đối tượng trong độ tuổi cần tập hợp có mặt tại địa phương"): how many
 * eligible people present locally an organization should gather in a unit in a year, set by the
 * organization per hamlet (or per commune where it keeps no hamlets). Coverage divides members
 * by it (see coverage.ts).
 */
import { z } from 'zod';
import { requireOrganization } from '../../domain/access/tenant-access.ts';
import { isUnitInScope, requireTreeWriter, requireUnitInScope } from '../../domain/access/tree-access.ts';
import { auditRecordOf, type ChangeContext } from '../../domain/audit.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Principal } from '../../domain/roles.ts';
import { type FullUnit, UNIT_LEVELS, type Unit } from '../../domain/units.ts';
import type { AuditRepository } from '../../store/repositories/audit.ts';
import type { FiguresRepository } from '../../store/repositories/figures.ts';
import type { UnitRepository } from '../../store/repositories/units.ts';

export const targetYearSchema = z.coerce.number().int().min(2000).max(2100).meta({ example: 2025 });

export const setTargetSchema = z
  .strictObject({
    targetPopulation: z
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .meta({ description: 'Eligible people present locally to gather this year', example: 1250 }),
  })
  .meta({ id: 'SetTarget' });
export type SetTarget = z.infer<typeof setTargetSchema>;

export const targetSchema = z
  .object({
    unitId: z.string(),
    year: z.number().int(),
    targetPopulation: z.number().int(),
    level: z.enum(UNIT_LEVELS),
    /** `82/28261/28261-01/`: the unit's place in the tree, the key a subtree's Query starts with. */
    path: z.string(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'Target' });
export type Target = z.infer<typeof targetSchema>;

/**
 * A unit's place in the tree, ending in '/' so that one unit's path is never the start of
 * another's by accident (district `82/282/` is not a prefix of commune `82/28261/`).
 */
export function unitPath(unit: Pick<Unit, 'id' | 'ancestorIds'>): string {
  return `${[...unit.ancestorIds, unit.id].join('/')}/`;
}

export interface TargetWorkspace {
  readonly units: UnitRepository;
  readonly figures: FiguresRepository;
  readonly audit: AuditRepository;
}

const TARGET_READERS = ['org_admin', 'unit_officer', 'viewer'] as const;

/** The auditable identity of one target: it reads as the URL it is set at. */
export const targetEntityId = (unitId: string, year: number) => `${unitId}/targets/${year}`;

export async function readTarget(
  ws: TargetWorkspace,
  principal: Principal,
  unitId: string,
  year: number,
): Promise<Target> {
  const unit = await readableUnit(ws, principal, unitId);
  const target = await ws.figures.target(year, unitPath(unit));
  if (!target) throw new DomainError('TARGET_NOT_FOUND', { id: unitId, year: String(year) });
  return target;
}

/**
 * Every target set for a year in a unit's subtree, the unit's own included, in one Query: what a
 * commune's grid of hamlets shows. Readers as for one target.
 */
export async function listTargets(
  ws: TargetWorkspace,
  principal: Principal,
  unitId: string,
  year: number,
): Promise<Target[]> {
  const unit = await readableUnit(ws, principal, unitId);
  return ws.figures.targetsWithin(year, unitPath(unit));
}

/** Who reads targets at all: an organization's admins, unit officers and viewers. */
export function requireTargetReader(principal: Principal): void {
  requireOrganization(principal);
  if (!(TARGET_READERS as readonly string[]).includes(principal.role)) throw new DomainError('FORBIDDEN');
}

async function readableUnit(ws: TargetWorkspace, principal: Principal, unitId: string): Promise<FullUnit> {
  requireTargetReader(principal);
  const unit = await requireUnit(ws, unitId);
  if (!isUnitInScope(principal, unit)) throw new DomainError('FORBIDDEN');
  return unit;
}

/**
 * Sets a unit's target for a year: organization admins anywhere, unit officers in their subtree
 * (their own commune included: the commune reports its own population). Written with its audit
 * record in one transaction; a value equal to the stored one writes nothing.
 */
export async function setTarget(
  ws: TargetWorkspace,
  ctx: ChangeContext,
  unitId: string,
  year: number,
  input: SetTarget,
): Promise<Target> {
  requireOrganization(ctx.principal);
  requireTreeWriter(ctx.principal);
  const unit = await requireUnit(ws, unitId);
  requireUnitInScope(ctx.principal, unit);
  if (!inForceDuring(unit, year))
    throw new DomainError('UNIT_NOT_IN_FORCE_IN_YEAR', {
      id: unitId,
      year: String(year),
      from: unit.validFrom,
      to: unit.validTo ?? '',
    });
  const path = unitPath(unit);
  const before = await ws.figures.target(year, path);
  if (before?.targetPopulation === input.targetPopulation) return before;
  const after: Target = {
    unitId,
    year,
    targetPopulation: input.targetPopulation,
    level: unit.level,
    path,
    updatedAt: ctx.now.toISOString(),
    version: (before?.version ?? 0) + 1,
  };
  const tx = ws.figures.transaction();
  ws.figures.saveTarget(tx, before, after);
  const audited = (t: Target) => ({ unitId: t.unitId, year: t.year, targetPopulation: t.targetPopulation });
  ws.audit.record(
    tx,
    auditRecordOf(ctx, {
      entityType: 'target',
      action: before ? 'update' : 'create',
      entityId: targetEntityId(unitId, year),
      before: before ? audited(before) : null,
      after: audited(after),
    }),
  );
  await tx.commit();
  return after;
}

/** Whether the unit existed at some time in the year: only then can it have a target for it. */
export function inForceDuring(unit: Pick<Unit, 'validFrom' | 'validTo'>, year: number): boolean {
  return unit.validFrom <= `${year}-12-31` && (unit.validTo === null || unit.validTo >= `${year}-01-01`);
}

async function requireUnit(ws: TargetWorkspace, id: string): Promise<FullUnit> {
  const unit = await ws.units.get(id);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id });
  return unit;
}
