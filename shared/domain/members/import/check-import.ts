/**
 * Checking a member list before it is imported (the dry run): every row read as an admission into
 * the branches of the place the list is for, by the same schema and rules as one admission, and
 * the rows the same person fills twice; what is wrong said by row and column. Nothing is written.
 */
import { requireMemberWriter, seesSensitiveFields } from '../../access/member-access.ts';
import { isUnitInScope } from '../../access/tree-access.ts';
import { resolveUnit } from '../../admin-units/resolve-unit.ts';
import { vietnamToday } from '../../dates.ts';
import { DomainError } from '../../errors.ts';
import type { Principal } from '../../roles.ts';
import type { Unit } from '../../units.ts';
import { foldVietnamese } from '../../vietnamese-text.ts';
import { checkAdmission } from '../admission.ts';
import { eligibilityRules } from '../eligibility-settings.ts';
import type { AdmitMember } from '../member.ts';
import type { MemberWorkspace } from '../member-workspace.ts';
import { type ColumnMap, columnMapOf, type ImportField } from './import-columns.ts';
import {
  BranchDirectory,
  type CommuneOf,
  IMPORT_FIELD_OF,
  type ImportBranch,
  type ImportProblem,
  readRow,
} from './import-rows.ts';

export interface ImportCheck {
  /** Data rows read (blank rows aside). */
  readonly rows: number;
  /** Rows that would be admitted as they are. */
  readonly ready: number;
  readonly columns: ColumnMap['columns'];
  readonly problems: readonly ImportProblem[];
}

/** Without these columns no row can be read: the file is refused as a whole. */
export const REQUIRED_COLUMNS: readonly ImportField[] = [
  'fullName',
  'gender',
  'birthDate',
  'branch',
  'joinedAt',
];
/** Sensitive fields (Decree 356/2025): read only for those who may see them. */
export const SENSITIVE_COLUMNS: readonly ImportField[] = ['ethnicity', 'religion'];

/** A row ready to import: its number in the file, and the admission it reads as. */
export interface ReadyRow {
  readonly row: number;
  readonly admission: AdmitMember;
}

export async function checkImport(
  ws: MemberWorkspace,
  principal: Principal,
  table: readonly (readonly string[])[],
  now: Date,
  unitId?: string,
): Promise<ImportCheck> {
  return (await readImport(ws, principal, table, now, unitId)).check;
}

/** The check, and the rows it found ready, in file order. */
export async function readImport(
  ws: MemberWorkspace,
  principal: Principal,
  table: readonly (readonly string[])[],
  now: Date,
  unitId?: string,
): Promise<{ check: ImportCheck; ready: ReadyRow[] }> {
  const organization = requireMemberWriter(principal, 'members:write');
  const [headers = [], ...data] = table;
  const map = withoutSensitive(columnMapOf(headers), seesSensitiveFields(principal));
  const missing = REQUIRED_COLUMNS.filter((field) => map.indexOf[field] === undefined);
  if (missing.length > 0) throw new DomainError('IMPORT_COLUMNS_MISSING', { columns: missing.join(', ') });
  const today = vietnamToday(now);
  const [place, rules] = await Promise.all([
    branchesOfPlace(ws, principal, unitId, today),
    eligibilityRules(ws, organization),
  ]);
  const branches = new BranchDirectory(place.branches);
  const communeOf = await communesOfFile(ws, data, map, place.communes, today);
  const problems: ImportProblem[] = [...sensitiveColumnWarnings(headers, map)];
  const ready: ReadyRow[] = [];
  /** Who the file already listed, by CCCD and by name, birth date and branch: the row that did. */
  const seen = new Map<string, number>();
  let rows = 0;
  data.forEach((row, index) => {
    if (row.every((cell) => cell.trim() === '')) return;
    rows += 1;
    const rowNumber = index + 2;
    const read = readRow(row, rowNumber, map, branches, communeOf);
    problems.push(...read.problems);
    if (!read.admission) return;
    const broken = ruleBroken(read.admission, rules, today);
    const keys = personKeys(read.admission);
    const twice = keys.map((key) => seen.get(key)).find((earlier) => earlier !== undefined);
    if (broken)
      problems.push({ row: rowNumber, ...columnOf(map, broken.field), code: broken.code, severity: 'error' });
    else if (twice !== undefined)
      problems.push({
        row: rowNumber,
        column: null,
        field: null,
        code: 'duplicate_in_file',
        severity: 'error',
        sameAsRow: twice,
      });
    else {
      for (const key of keys) seen.set(key, rowNumber);
      ready.push({ row: rowNumber, admission: read.admission });
    }
  });
  return { check: { rows, ready: ready.length, columns: map.columns, problems }, ready };
}

/** The same person twice: the same CCCD, or the same name and birth date in one branch. */
export const personKeys = (a: AdmitMember): string[] => [
  `${foldVietnamese(a.fullName)}|${a.birthDate}|${a.branchId}`,
  ...(a.nationalId ? [`cccd|${a.nationalId}`] : []),
];

function ruleBroken(
  admission: AdmitMember,
  rules: Parameters<typeof checkAdmission>[1],
  today: string,
): { field: ImportField | null; code: string } | undefined {
  try {
    checkAdmission(admission, rules, today);
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const [first] = error.fields;
    // Eligibility speaks of age: the birth date is what a file would change.
    if (!first) return { field: 'birthDate', code: error.code.toLowerCase() };
    return { field: IMPORT_FIELD_OF[first.path.replace(/^body\./, '')] ?? null, code: first.code };
  }
}

function columnOf(map: ColumnMap, field: ImportField | null) {
  const index = field === null ? undefined : map.indexOf[field];
  return { column: index === undefined ? null : (map.columns[index]?.header ?? null), field };
}

function withoutSensitive(map: ColumnMap, seesSensitive: boolean): ColumnMap {
  if (seesSensitive) return map;
  const indexOf = { ...map.indexOf };
  for (const field of SENSITIVE_COLUMNS) delete indexOf[field];
  return {
    columns: map.columns.map((c) =>
      c.field && SENSITIVE_COLUMNS.includes(c.field) ? { ...c, field: null } : c,
    ),
    indexOf,
  };
}

/** A column of sensitive fields the caller may not write is left out, and said so once. */
function sensitiveColumnWarnings(headers: readonly string[], map: ColumnMap): ImportProblem[] {
  return columnMapOf(headers)
    .columns.filter(
      (c) => c.field && SENSITIVE_COLUMNS.includes(c.field) && map.indexOf[c.field] === undefined,
    )
    .map((c) => ({
      row: 1,
      column: c.header,
      field: c.field,
      code: 'sensitive_not_imported',
      severity: 'warning',
    }));
}

/** More units than one unit has directly below it (a commune's hamlets): one page is all of them. */
const UNITS_BELOW_ONE = 1000;

/**
 * What the file's commune cells name, each distinct one read once: a commune of the place by id or
 * name, else through resolveUnit — a unit a reorganization closed, or an old commune's code or name
 * from the official 2025 table (flagged `old`) — provided it leads to a commune of the place.
 */
async function communesOfFile(
  ws: MemberWorkspace,
  data: readonly (readonly string[])[],
  map: ColumnMap,
  communes: ReadonlyMap<string, string>,
  today: string,
): Promise<CommuneOf> {
  const column = map.indexOf.commune;
  const found = new Map<string, ReturnType<CommuneOf>>();
  if (column === undefined) return () => undefined;
  const inPlace = new Set(communes.values());
  for (const cell of new Set(data.map((row) => (row[column] ?? '').trim()))) {
    if (cell === '') continue;
    const named = communes.get(foldVietnamese(cell)) ?? (inPlace.has(cell) ? cell : undefined);
    if (named) {
      found.set(cell, { id: named, old: false });
      continue;
    }
    const resolved = await resolveUnit(ws.units, cell, today);
    if (resolved && inPlace.has(resolved.unit.id))
      found.set(cell, { id: resolved.unit.id, old: resolved.resolvedFrom !== undefined });
  }
  return (cell) => found.get(cell.trim());
}

/** Where a list may go: its branches, and the communes they are in by folded name. */
interface Place {
  readonly branches: ImportBranch[];
  readonly communes: ReadonlyMap<string, string>;
}

/** The branches a list may go to: the officer's own branch, or every branch under the unit (the caller's scope by default). */
/**
 * The unit a list is to be imported into, refused when it is not the writer's: asked before a
 * file is uploaded for it, as the check asks. A branch's officer imports into their branch whatever
 * unit is named.
 */
export async function requireImportUnit(
  ws: MemberWorkspace,
  principal: Principal,
  unitId: string | undefined,
): Promise<void> {
  requireMemberWriter(principal, 'members:write');
  if (unitId !== undefined && !(principal.scope && 'branchId' in principal.scope))
    await unitInScope(ws, principal, unitId);
}

async function unitInScope(ws: MemberWorkspace, principal: Principal, unitId: string): Promise<Unit> {
  const unit = unitId ? await ws.units.get(unitId) : undefined;
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id: unitId });
  if (!isUnitInScope(principal, unit)) throw new DomainError('FORBIDDEN');
  return unit;
}

async function branchesOfPlace(
  ws: MemberWorkspace,
  principal: Principal,
  unitId: string | undefined,
  today: string,
): Promise<Place> {
  const scope = principal.scope;
  const communes = new Map<string, string>();
  const communeOf = (unit: Unit) => {
    if (unit.level === 'commune') communes.set(foldVietnamese(unit.name), unit.id);
    return unit.level === 'commune' ? unit.id : unit.level === 'hamlet' ? unit.parentId : null;
  };
  if (scope && 'branchId' in scope) {
    const branch = await ws.branches.get(scope.branchId);
    const unit = branch && (await ws.units.get(branch.unitId));
    if (!branch || !unit) return { branches: [], communes };
    const communeId = communeOf(unit);
    const commune = unit.level === 'hamlet' && unit.parentId ? await ws.units.get(unit.parentId) : undefined;
    if (commune) communeOf(commune);
    return { branches: [{ id: branch.id, name: branch.name, unitName: unit.name, communeId }], communes };
  }
  const rootId =
    unitId ??
    (scope && 'unitId' in scope ? scope.unitId : (await ws.units.children(undefined, 1)).items[0]?.id);
  const root = await unitInScope(ws, principal, rootId ?? '');
  const branches: ImportBranch[] = [];
  let level = [root];
  while (level.length > 0) {
    const next = await Promise.all(
      level.map(async (unit) => {
        const [own, children] = await Promise.all([
          ws.branches.allOfUnit(unit.id),
          ws.units.children(unit.id, UNITS_BELOW_ONE, undefined, today),
        ]);
        const communeId = communeOf(unit);
        for (const branch of own)
          if (branch.status === 'active')
            branches.push({ id: branch.id, name: branch.name, unitName: unit.name, communeId });
        return children.items;
      }),
    );
    level = next.flat();
  }
  return { branches, communes };
}
