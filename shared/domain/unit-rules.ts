/**
 * The rules of the unit tree, free of storage: where a unit may sit, what its code looks like,
 * which dates fit together, and how a rename or a closing changes a unit while keeping its history.
 * Each broken rule is a UNIT_RULE_VIOLATED naming the rule and the field it is about.
 */
import { DomainError } from './errors.ts';
import {
  CODE_DIGITS,
  type CreateUnit,
  type FullUnit,
  isValidOn,
  LEVEL_OF_TYPE,
  PARENT_LEVELS,
  type UnitLevel,
  type UpdateUnit,
} from './units.ts';

export function unitRule(rule: string, field: string, params: Record<string, string> = {}): DomainError {
  return new DomainError('UNIT_RULE_VIOLATED', { rule, ...params }, [{ path: `body.${field}`, code: rule }]);
}

export function checkPlacement(level: UnitLevel, parent: Pick<FullUnit, 'id' | 'level'>): void {
  const allowed = PARENT_LEVELS[level];
  if (allowed.length === 0) throw unitRule('province_root', 'type');
  if (!allowed.includes(parent.level))
    throw unitRule('parent_level', 'parentId', {
      level,
      parentLevel: parent.level,
      parentId: parent.id,
      allowed: allowed.join(','),
    });
}

export function checkCode(level: UnitLevel, code: string | null): void {
  const digits = CODE_DIGITS[level];
  if (code === null) return;
  if (digits === null || !new RegExp(`^\\d{${digits}}$`).test(code))
    throw unitRule('code_format', 'code', { level, digits: digits === null ? '' : String(digits) });
}

export function hamletId(communeId: string, n: number): string {
  return `${communeId}-${String(n).padStart(2, '0')}`;
}

/** The number in a hamlet id of this commune, or null for an id of another shape. */
export function hamletNumber(communeId: string, id: string): number | null {
  if (!id.startsWith(`${communeId}-`)) return null;
  const rest = id.slice(communeId.length + 1);
  return /^\d{1,6}$/.test(rest) ? Number(rest) : null;
}

/**
 * The unit to create under `parent`, checked against every rule. A hamlet without a given id
 * comes back with `id: null`: the caller draws one from the commune's sequence.
 */
export function newUnit(
  parent: FullUnit,
  input: CreateUnit,
  today: string,
): Omit<FullUnit, 'id'> & { id: string | null } {
  const level = LEVEL_OF_TYPE[input.type];
  checkPlacement(level, parent);
  const code = input.code ?? null;
  checkCode(level, code);
  const id = input.id ?? code;
  if (level === 'hamlet') {
    if (id !== null && hamletNumber(parent.id, id) === null)
      throw unitRule('hamlet_id', 'id', { parentId: parent.id });
  } else if (id === null) throw unitRule('id_required', 'id', { level });
  const validFrom = input.validFrom ?? today;
  const validTo = input.validTo ?? null;
  if (validTo !== null && validTo < validFrom)
    throw unitRule('ends_before_start', 'validTo', { from: validFrom });
  const withinParent =
    isValidOn(parent, validFrom) &&
    (parent.validTo === null || (validTo !== null && validTo <= parent.validTo));
  if (!withinParent)
    throw unitRule('outside_parent', 'validFrom', {
      parentId: parent.id,
      from: parent.validFrom,
      to: parent.validTo ?? '',
    });
  return {
    id,
    parentId: parent.id,
    ancestorIds: [...parent.ancestorIds, parent.id],
    level,
    type: input.type,
    code,
    name: input.name,
    validFrom,
    validTo,
    successorId: null,
    formerNames: [],
    version: 1,
  };
}

/** The first day the current name was used. */
export function nameSince(unit: FullUnit): string {
  const last = unit.formerNames.at(-1);
  return last ? dayAfter(last.validTo) : unit.validFrom;
}

/** The name a unit bore on a day, so figures recorded under an old name are reported under it. */
export function nameOn(unit: FullUnit, day: string): string {
  return (
    unit.formerNames.find((former) => former.validFrom <= day && day <= former.validTo)?.name ?? unit.name
  );
}

/**
 * The unit after a change, version bumped. `successor` is the unit `successorId` names once the
 * change applies, read by the caller (it must exist); it is checked here.
 */
export function applyUnitPatch(
  unit: FullUnit,
  patch: UpdateUnit,
  successor: FullUnit | undefined,
  today: string,
): FullUnit {
  let { name, formerNames } = unit;
  if (patch.name !== undefined && patch.name !== unit.name) {
    const since = nameSince(unit);
    // A unit not in force yet has used no name: changing it is a correction.
    const renamedOn = patch.renamedOn ?? (since > today ? since : today);
    // Not later than today: the current name is the one in use, so a rename is recorded once it happened.
    const closedOn = patch.validTo !== undefined ? patch.validTo : unit.validTo;
    const lastDay = closedOn !== null && closedOn < today ? closedOn : today;
    if (renamedOn !== since && (renamedOn < since || renamedOn > lastDay))
      throw unitRule('rename_date', 'renamedOn', { from: since, to: lastDay });
    // A name replaced on the day it took effect was never in use: that is a correction, not history.
    if (renamedOn !== since)
      formerNames = [...formerNames, { name: unit.name, validFrom: since, validTo: dayBefore(renamedOn) }];
    name = patch.name;
  }
  const code = patch.code !== undefined ? patch.code : unit.code;
  if (patch.code !== undefined) checkCode(unit.level, code);
  const validTo = patch.validTo !== undefined ? patch.validTo : unit.validTo;
  const successorId = patch.successorId !== undefined ? patch.successorId : unit.successorId;
  const after: FullUnit = {
    ...unit,
    name,
    formerNames,
    code,
    validTo,
    successorId,
    version: unit.version + 1,
  };
  // A unit ends no earlier than its current name began, so every name keeps at least one day.
  if (validTo !== null && validTo < nameSince(after))
    throw unitRule('ends_before_start', 'validTo', { from: nameSince(after) });
  if (successorId !== null && validTo === null) throw unitRule('successor_needs_end', 'successorId');
  if (validTo !== null && successorToCheck(unit, patch) !== null)
    checkSuccessor({ ...after, validTo }, successor);
  return after;
}

/**
 * The successor a change must be checked against, or null: only when the link or the closing
 * date changes, so a later edit is not refused because of what became of the successor since.
 */
export function successorToCheck(unit: FullUnit, patch: UpdateUnit): string | null {
  const successorId = patch.successorId !== undefined ? patch.successorId : unit.successorId;
  return successorId !== null && (patch.successorId !== undefined || patch.validTo !== undefined)
    ? successorId
    : null;
}

function checkSuccessor(unit: FullUnit & { validTo: string }, successor: FullUnit | undefined): void {
  if (unit.successorId === unit.id) throw unitRule('successor_self', 'successorId');
  if (!successor || successor.id !== unit.successorId) throw new Error('The successor was not read');
  if (successor.level !== unit.level) throw unitRule('successor_level', 'successorId', { level: unit.level });
  // Taking over means existing the day after: this also makes successor chains free of cycles.
  const day = dayAfter(unit.validTo);
  if (!isValidOn(successor, day))
    throw unitRule('successor_not_valid', 'successorId', { id: successor.id, day });
}

export function dayAfter(day: string): string {
  return shiftDay(day, 1);
}

export function dayBefore(day: string): string {
  return shiftDay(day, -1);
}

function shiftDay(day: string, by: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + by);
  return date.toISOString().slice(0, 10);
}
