/**
 * What a reorganization writes to the map, worked out before anything is written: the units it
 * closes (with their successors), makes and renames. Every rule of the tree is checked here, by
 * the same functions as single edits, so a plan that is stored can be applied step by step.
 *
 * Hamlets of a commune that closes are not re-parented: members' paths (`unitIds`) and officers'
 * scopes are built from `ancestorIds`, which would then say the hamlet always lay in the new
 * commune. Each one is closed and succeeded by a new hamlet of the same name under the commune
 * that took it over ("<name> (<old commune>)" when that name is taken there).
 */
import { DomainError } from './errors.ts';
import type { NewUnitSpec, Reorganize, UnitChange } from './reorganizations.ts';
import { sameExceptVersion } from './unit-changes.ts';
import { applyUnitPatch, dayBefore, hamletId, newUnit, unitRule } from './unit-rules.ts';
import type { TreeWorkspace } from './unit-workspace.ts';
import { type FullUnit, isValidOn, LEVEL_OF_TYPE } from './units.ts';
import { foldVietnamese } from './vietnamese-text.ts';

export interface Plan {
  readonly changes: UnitChange[];
  readonly closedUnitIds: string[];
  readonly createdUnitIds: string[];
  readonly changedUnitIds: string[];
  readonly successors: Record<string, string>;
  readonly mergedUnitIds: string[];
}

/** The units a request names, in a stable order: with kind and resolution number, its identity. */
export function unitsNamed(request: Reorganize): string[] {
  switch (request.kind) {
    case 'merge':
      return [...request.fromIds].sort();
    case 'split':
      return [request.fromId];
    default:
      return [request.unitId];
  }
}

export async function planReorganization(
  ws: TreeWorkspace,
  request: Reorganize,
  today: string,
): Promise<Plan> {
  const planner = new Planner(ws, request.effectiveDate, today);
  switch (request.kind) {
    case 'merge':
      await planner.merge(request.fromIds, request.intoId, request.into);
      break;
    case 'split':
      await planner.split(request.fromId, request.into, request.hamlets ?? {});
      break;
    case 'rename': {
      const unit = await planner.open(request.unitId, 'unitId');
      await planner.change(unit, { name: request.name, renamedOn: request.effectiveDate });
      break;
    }
    case 'recode': {
      const unit = await planner.open(request.unitId, 'unitId');
      await planner.change(unit, { code: request.code });
      break;
    }
    case 'move':
      await planner.move(request.unitId, request.toCommuneId);
      break;
  }
  return planner.plan();
}

class Planner {
  private readonly creates: UnitChange[] = [];
  private readonly updates: UnitChange[] = [];
  private readonly successors: Record<string, string> = {};
  private readonly merged: string[] = [];
  /** Folded hamlet names this plan gives, by commune: two new hamlets may not share one. */
  private readonly namesTaken = new Map<string, Set<string>>();
  private readonly idsTaken = new Set<string>();

  constructor(
    private readonly ws: TreeWorkspace,
    private readonly effectiveDate: string,
    private readonly today: string,
  ) {}

  plan(): Plan {
    return {
      // New units first: a unit is never closed in favour of one not written yet.
      changes: [...this.creates, ...this.updates],
      closedUnitIds: Object.keys(this.successors),
      createdUnitIds: this.creates.map((change) => change.after.id),
      changedUnitIds: this.updates.filter((c) => c.after.validTo === null).map((c) => c.after.id),
      successors: this.successors,
      mergedUnitIds: this.merged,
    };
  }

  /** A unit in force the day the reorganization takes effect and not closed since. */
  async open(id: string, field: string): Promise<FullUnit> {
    const unit = await this.ws.units.get(id);
    if (!unit)
      throw new DomainError('UNIT_NOT_FOUND', { id }, [{ path: `body.${field}`, code: 'not_found' }]);
    if (unit.validTo !== null || !isValidOn(unit, this.effectiveDate))
      throw unitRule('unit_closed', field, { id, from: unit.validFrom, to: unit.validTo ?? '' });
    return unit;
  }

  async change(unit: FullUnit, patch: { name?: string; renamedOn?: string; code?: string }): Promise<void> {
    const after = applyUnitPatch(unit, patch, undefined, this.today);
    // Recorded all the same (the resolution was adopted), but a unit already so is not written.
    if (sameExceptVersion(unit, after)) return;
    if (
      unit.level === 'hamlet' &&
      patch.name !== undefined &&
      foldVietnamese(patch.name) !== foldVietnamese(unit.name)
    )
      await this.refuseTakenName(unit.parentId ?? '', patch.name);
    this.updates.push({ before: unit, after });
  }

  async merge(fromIds: string[], intoId: string | undefined, into: NewUnitSpec | undefined): Promise<void> {
    const units = await Promise.all(fromIds.map((id) => this.open(id, 'fromIds')));
    const [first] = units as [FullUnit];
    if (first.level !== 'hamlet' && first.level !== 'commune')
      throw unitRule('merge_level', 'fromIds', { level: first.level });
    if (units.some((u) => u.level !== first.level || u.parentId !== first.parentId))
      throw unitRule('merge_parent', 'fromIds', { parentId: first.parentId ?? '' });
    const survivor = intoId
      ? (units.find((u) => u.id === intoId) as FullUnit)
      : await this.create(await this.parentOf(first), into as NewUnitSpec, 'into', first.level);
    for (const unit of units.filter((u) => u.id !== survivor.id)) {
      this.close(unit, survivor);
      this.merged.push(unit.id);
      if (unit.level === 'commune') await this.moveHamlets(unit, () => survivor);
    }
  }

  async split(fromId: string, into: NewUnitSpec[], hamletTargets: Record<string, number>): Promise<void> {
    const unit = await this.open(fromId, 'fromId');
    const parent = await this.parentOf(unit);
    const parts: FullUnit[] = [];
    for (const spec of into) parts.push(await this.create(parent, spec, 'into', unit.level));
    this.close(unit, parts[0] as FullUnit);
    if (unit.level === 'commune') {
      const targets = Object.values(hamletTargets);
      if (targets.some((n) => n >= parts.length)) throw unitRule('split_target', 'hamlets');
      await this.moveHamlets(unit, (hamlet) => parts[hamletTargets[hamlet.id] ?? 0] as FullUnit);
    }
  }

  async move(hamletId: string, toCommuneId: string): Promise<void> {
    const hamlet = await this.open(hamletId, 'unitId');
    if (hamlet.level !== 'hamlet') throw unitRule('move_level', 'unitId', { level: hamlet.level });
    const commune = await this.open(toCommuneId, 'toCommuneId');
    if (commune.id === hamlet.parentId) throw unitRule('move_same_parent', 'toCommuneId');
    const moved = await this.create(commune, { name: hamlet.name, type: hamlet.type }, 'unitId', 'hamlet');
    this.close(hamlet, moved);
  }

  /** Each hamlet of a closing commune: closed, succeeded by a new one under the commune `target` gives. */
  private async moveHamlets(commune: FullUnit, target: (hamlet: FullUnit) => FullUnit): Promise<void> {
    for (const hamlet of await this.openChildren(commune.id)) {
      const to = target(hamlet);
      const taken = await this.nameTaken(to.id, hamlet.name);
      const name = taken ? `${hamlet.name} (${commune.name})` : hamlet.name;
      this.close(hamlet, await this.create(to, { name, type: hamlet.type }, 'fromIds', 'hamlet'));
    }
  }

  private close(unit: FullUnit, successor: FullUnit): void {
    const patch = { validTo: dayBefore(this.effectiveDate), successorId: successor.id };
    this.updates.push({ before: unit, after: applyUnitPatch(unit, patch, successor, this.today) });
    this.successors[unit.id] = successor.id;
  }

  private async create(parent: FullUnit, spec: NewUnitSpec, field: string, level: string): Promise<FullUnit> {
    if (LEVEL_OF_TYPE[spec.type] !== level) throw unitRule('reorganization_level', field, { level });
    const draft = newUnit(
      parent,
      {
        parentId: parent.id,
        type: spec.type,
        name: spec.name,
        code: spec.code ?? null,
        validFrom: this.effectiveDate,
      },
      this.today,
    );
    if (draft.level === 'hamlet') await this.refuseTakenName(parent.id, draft.name);
    const id = draft.id ?? (await this.drawHamletId(parent.id));
    if (this.idsTaken.has(id) || (await this.ws.units.get(id))) throw new DomainError('UNIT_EXISTS', { id });
    this.idsTaken.add(id);
    const unit: FullUnit = { ...draft, id };
    this.creates.push({ before: null, after: unit });
    return unit;
  }

  /** A number no unit holds yet: drawn now, kept in the plan, so a re-run makes the same hamlet. */
  private async drawHamletId(communeId: string): Promise<string> {
    for (;;) {
      const id = hamletId(communeId, await this.ws.units.nextHamletNumber(communeId));
      if (!this.idsTaken.has(id) && !(await this.ws.units.get(id))) return id;
    }
  }

  private async nameTaken(communeId: string, name: string): Promise<boolean> {
    const planned = this.namesTaken.get(communeId)?.has(foldVietnamese(name)) ?? false;
    return planned || (await this.ws.units.hamletNamed(communeId, name)) !== undefined;
  }

  private async refuseTakenName(communeId: string, name: string): Promise<void> {
    if (await this.nameTaken(communeId, name)) {
      const existingId = (await this.ws.units.hamletNamed(communeId, name)) ?? '';
      throw new DomainError('UNIT_EXISTS', { id: existingId, existingId, name });
    }
    const names = this.namesTaken.get(communeId) ?? new Set<string>();
    names.add(foldVietnamese(name));
    this.namesTaken.set(communeId, names);
  }

  private async parentOf(unit: FullUnit): Promise<FullUnit> {
    const parent = unit.parentId === null ? undefined : await this.ws.units.get(unit.parentId);
    if (!parent) throw unitRule('province_root', 'fromIds');
    return parent;
  }

  private async openChildren(parentId: string): Promise<FullUnit[]> {
    const children = await this.ws.units.allChildren(parentId, this.effectiveDate);
    return children.filter((unit) => unit.validTo === null);
  }
}
