/**
 * A row of an officer's member list read as an admission: each cell by its column's reader
 * (import-cells.ts), the branch found by its id or its name among the branches the list goes to
 * (by its commune and hamlet where branches share a name), then the one schema every admission passes
 * (admitMemberSchema). What is wrong is said by row and column, never silently dropped.
 */
import { foldVietnamese } from '../../vietnamese-text.ts';
import { type AdmitMember, admitMemberSchema } from '../member.ts';
import * as cells from './import-cells.ts';
import type { ColumnMap, ImportField } from './import-columns.ts';

export interface ImportProblem {
  /** The row as the spreadsheet numbers it: the headers are row 1. */
  readonly row: number;
  /** The column's header in the file; null when the row as a whole is at fault. */
  readonly column: string | null;
  readonly field: ImportField | null;
  readonly code: string;
  /** A warning leaves the row importable (an old CMND is left out); an error keeps it out. */
  readonly severity: 'error' | 'warning';
  /** For a person the file lists twice: the earlier row. */
  readonly sameAsRow?: number;
}

export interface ImportBranch {
  readonly id: string;
  readonly name: string;
  /** The name of the unit (hamlet or commune) the branch belongs to. */
  readonly unitName: string;
  /** The commune it is in (its own unit, or its hamlet's); null above communes. */
  readonly communeId: string | null;
}

/**
 * What a commune cell names, read before the rows (reading it takes the map): a commune of today,
 * by id or name; one from before the 2025 merger (`old`), by the official table; or none.
 */
export type CommuneOf = (cell: string) => { readonly id: string; readonly old: boolean } | undefined;

/** Branches by id and by folded name, as a file names them. */
export class BranchDirectory {
  private readonly byId = new Map<string, ImportBranch>();
  private readonly byName = new Map<string, ImportBranch[]>();

  constructor(branches: readonly ImportBranch[]) {
    for (const branch of branches) {
      this.byId.set(branch.id, branch);
      const name = foldVietnamese(branch.name);
      this.byName.set(name, [...(this.byName.get(name) ?? []), branch]);
    }
  }

  find(
    named: string,
    hamlet: string | null,
    communeId?: string,
  ): { branch: ImportBranch } | { problem: string } {
    const byId = this.byId.get(named.trim());
    if (byId) return { branch: byId };
    const candidates = (this.byName.get(foldVietnamese(named)) ?? []).filter(
      (b) => communeId === undefined || b.communeId === communeId,
    );
    const inHamlet = hamlet
      ? candidates.filter((b) => foldVietnamese(b.unitName) === foldVietnamese(hamlet))
      : candidates;
    const [only, ...others] = inHamlet.length > 0 ? inHamlet : candidates;
    if (!only) return { problem: 'branch_unknown' };
    return others.length > 0 ? { problem: 'branch_ambiguous' } : { branch: only };
  }
}

/** Fields a row must fill: who, born when, of which sex, in which branch, since when. */
const REQUIRED: readonly ImportField[] = ['fullName', 'gender', 'birthDate', 'branch', 'joinedAt'];

export function readRow(
  row: readonly string[],
  rowNumber: number,
  map: ColumnMap,
  branches: BranchDirectory,
  communeOf: CommuneOf,
): { admission: AdmitMember | null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const columnOf = (field: ImportField | null) => {
    const index = field === null ? undefined : map.indexOf[field];
    return index === undefined ? null : (map.columns[index]?.header ?? null);
  };
  const report = (field: ImportField | null, code: string, severity: ImportProblem['severity'] = 'error') =>
    problems.push({ row: rowNumber, column: columnOf(field), field, code, severity });
  const raw = (field: ImportField) => {
    const index = map.indexOf[field];
    return index === undefined ? '' : (row[index] ?? '');
  };
  const read = <T>(field: ImportField, reader: (raw: string) => cells.Cell<T | null>): T | null => {
    const cell = reader(raw(field));
    if ('problem' in cell) {
      report(field, cell.problem);
      return null;
    }
    if (cell.value === null && REQUIRED.includes(field)) report(field, 'required');
    return cell.value;
  };

  const fullName = read('fullName', cells.text);
  const gender = read('gender', cells.gender);
  const birthDate = read('birthDate', cells.date);
  const joinedAt = read('joinedAt', cells.date);
  const phone = read('phone', cells.phone);
  const status = read('status', cells.status);
  const hamlet = read('hamlet', cells.text);
  const branchName = read('branch', cells.text);
  const id = cells.nationalId(raw('nationalId'));
  if ('problem' in id) report('nationalId', id.problem);
  else if (id.warning) report('nationalId', id.warning, 'warning');
  const textOf = (field: ImportField) => read(field, cells.text);
  const details = {
    cardNumber: textOf('cardNumber'),
    occupation: textOf('occupation'),
    address: textOf('address'),
    ethnicity: textOf('ethnicity'),
    religion: textOf('religion'),
    education: textOf('education'),
    notes: textOf('notes'),
    awayPlace: textOf('awayPlace'),
  };
  const communeCell = read('commune', cells.text);
  const commune = communeCell === null ? undefined : communeOf(communeCell);
  if (communeCell !== null && !commune) report('commune', 'commune_unknown');
  else if (commune?.old) report('commune', 'commune_old', 'warning');
  let branchId: string | null = null;
  if (branchName !== null && (communeCell === null || commune)) {
    const found = branches.find(branchName, hamlet, commune?.id);
    if ('problem' in found) report('branch', found.problem);
    else branchId = found.branch.id;
  }
  if (problems.some((p) => p.severity === 'error')) return { admission: null, problems };

  const parsed = admitMemberSchema.safeParse({
    fullName,
    gender,
    birthDate,
    joinedAt,
    branchId,
    phone,
    nationalId: 'value' in id ? id.value : null,
    ...(status && { status }),
    ...details,
  });
  if (parsed.success) return { admission: parsed.data, problems };
  for (const issue of parsed.error.issues) {
    const field = IMPORT_FIELD_OF[String(issue.path[0])] ?? null;
    const own = issue.code === 'custom' ? issue.params?.code : undefined;
    report(field, typeof own === 'string' ? own : issue.code);
  }
  return { admission: null, problems };
}

/** The admission's fields by the column they come from. */
export const IMPORT_FIELD_OF: Record<string, ImportField> = {
  fullName: 'fullName',
  gender: 'gender',
  birthDate: 'birthDate',
  joinedAt: 'joinedAt',
  branchId: 'branch',
  phone: 'phone',
  nationalId: 'nationalId',
  status: 'status',
  cardNumber: 'cardNumber',
  occupation: 'occupation',
  address: 'address',
  ethnicity: 'ethnicity',
  religion: 'religion',
  education: 'education',
  notes: 'notes',
  awayPlace: 'awayPlace',
};
