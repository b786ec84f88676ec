/**
 * The columns of the Front's table of units below: for each organization its members, those
 * present, coverage and branches, then the totals (memberships, distinct people, coverage,
 * introductions to the Party and admissions of the year, members rated that year). One list gives
 * the headings, the cells and the sort keys, so a column cannot sort by another's value.
 */
import { MEMBER_RATING_LEVELS } from '#shared/domain/members/member.ts';
import { ORGANIZATIONS, type Organization } from '#shared/domain/organizations.ts';
import type { UiTextKey } from '#shared/domain/ui-text/index.ts';
import { ratingShare } from '#shared/figures/reading/member-ratings.ts';
import type { FrontRow } from '#shared/figures/reading/schemas.ts';
import type { Figures } from './front-cells.tsx';

export type ColumnGroup = Organization | 'total';

export interface FrontColumn {
  /** The sort key in the address: `farmers.members`, `total.people`. */
  readonly key: string;
  readonly group: ColumnGroup;
  readonly label: UiTextKey;
  readonly percent: boolean;
  /** A figure of the figures' year (introductions to the Party, ratings): its heading names the year. */
  readonly yearly?: boolean;
  readonly value: (figures: Figures) => number | null;
}

/**
 * The figures of the year asked about, as the Front's table and a unit's figures both show them;
 * `key` follows the group in the table's sort keys. Ratings show as shares (fractions) of those
 * rated; the Party's counts stay the last columns.
 */
export const YEARLY_FIGURES: readonly Pick<FrontColumn, 'key' | 'label' | 'percent' | 'value'>[] = [
  { key: 'rated', label: 'front.rated', percent: false, value: (f) => f.memberRatings.rated },
  ...MEMBER_RATING_LEVELS.map((level) => ({
    key: `rating.${level}`,
    label: `memberRatings.level.${level}` as const,
    percent: true,
    value: (f: Figures) => ratingShare(f.memberRatings, level),
  })),
  {
    key: 'partyIntroduced',
    label: 'front.partyIntroduced',
    percent: false,
    value: (f) => f.party.introduced,
  },
  { key: 'partyAdmitted', label: 'front.partyAdmitted', percent: false, value: (f) => f.party.admitted },
];

/** An organization's figures in a row, or the row's total. */
export function figuresOf(row: FrontRow, group: ColumnGroup): Figures {
  if (group === 'total') return row.total;
  const found = row.organizations.find((o) => o.organization === group);
  if (!found) throw new Error(`row ${row.unitId} has no figures of ${group}`);
  return found;
}

const organizationColumns = (group: Organization): FrontColumn[] => [
  { key: `${group}.members`, group, label: 'front.members', percent: false, value: (f) => f.members.total },
  { key: `${group}.active`, group, label: 'front.active', percent: false, value: (f) => f.members.active },
  { key: `${group}.coverage`, group, label: 'front.coverage', percent: true, value: (f) => f.coverage },
  {
    key: `${group}.branches`,
    group,
    label: 'front.branches',
    percent: false,
    value: (f) => f.branches.total,
  },
];

const totalColumns: FrontColumn[] = [
  {
    key: 'total.memberships',
    group: 'total',
    label: 'front.memberships',
    percent: false,
    value: (f) => f.members.total,
  },
  {
    key: 'total.people',
    group: 'total',
    label: 'front.people',
    percent: false,
    value: (f) => ('uniquePersons' in f ? f.uniquePersons : null),
  },
  { key: 'total.coverage', group: 'total', label: 'front.coverage', percent: true, value: (f) => f.coverage },
  // The shares of each rating stay in a unit's figures and the .xlsx: with them the table would
  // no longer fit an A4 page across, as the Front prints it.
  ...YEARLY_FIGURES.filter((figure) => !figure.key.startsWith('rating.')).map((figure) => ({
    ...figure,
    key: `total.${figure.key}`,
    group: 'total' as const,
    yearly: true,
  })),
];

export const FRONT_COLUMNS: readonly FrontColumn[] = [
  ...ORGANIZATIONS.flatMap(organizationColumns),
  ...totalColumns,
];

export const COLUMN_GROUPS: readonly ColumnGroup[] = [...ORGANIZATIONS, 'total'];

export const NAME_SORT = 'name';

export type SortDirection = 'asc' | 'desc';

export interface Sort {
  readonly key: string;
  readonly dir: SortDirection;
}

/** Names first, as the use case orders them (Vietnamese collation); a known column by its value. */
export function sortRows(rows: readonly FrontRow[], sort: Sort): FrontRow[] {
  const column = FRONT_COLUMNS.find((c) => c.key === sort.key);
  if (!column) return sort.dir === 'desc' ? [...rows].reverse() : [...rows];
  const sign = sort.dir === 'asc' ? 1 : -1;
  const keyed = rows.map((row, order) => ({ row, order, value: column.value(figuresOf(row, column.group)) }));
  // Hidden and missing figures go last either way: they are not the smallest.
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null)
      return a.value === b.value ? a.order - b.order : a.value === null ? 1 : -1;
    return a.value === b.value ? a.order - b.order : (a.value - b.value) * sign;
  });
  return keyed.map((k) => k.row);
}

/** Only keys of this table reach the sort; anything else sorts by name. */
export function sortOf(key: string | undefined, dir: string | undefined): Sort {
  const known = key !== undefined && (key === NAME_SORT || FRONT_COLUMNS.some((c) => c.key === key));
  return {
    key: known ? key : NAME_SORT,
    dir: dir === 'asc' || dir === 'desc' ? dir : known && key !== NAME_SORT ? 'desc' : 'asc',
  };
}
