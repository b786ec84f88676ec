/**
 * The tables the figures endpoints publish, as cells and the sums a reader knows hold between
 * them (shared/figures/reading/disclosure.ts decides what to hide):
 * - within an organization's figures of a row: members.total = active + away + lapsed, and for
 *   the organization's own reports also = male + female = Σ age bands;
 * - a hamlet's covered members (what coverage and "not yet gathered" give back with the target
 *   beside them) are its active members, when it has a target;
 * - across the Front's organizations: the row's total = Σ the organizations with figures, field
 *   by field, covered members included;
 * - across rows: the unit = Σ its children, field by field. A commune's members of its own
 *   branches (professional, agency) make the true relation unit = Σ children + own; declaring
 *   the plain sum assumes the reader knows "own" as well, which only hides more.
 * Introductions to the Party and admissions of the year are people too: cells of their own, in the
 * organization and column sums only (they include former members and a member may count twice,
 * so nothing within a row adds up to them). So are the members rated for the year by level, with
 * one more relation within a group: rated = Σ the four levels; and the members of the year's
 * branch reviews and of the previous year's (members, reviewed, found present, away, lapsed, left),
 * with reviewed = present + away + lapsed in each year. Branches (by kind, by rating, reviews
 * started and done) and targets are not people and never hidden, so they are not cells. Distinct persons
 * (the Front's `uniquePersons`) are a cell of the row's total, hidden in a hamlet like the others,
 * with relations that hold nearly or where the reader can tell they hold exactly:
 * - the unit's ≈ Σ its children's: a person in two of a commune's hamlets counts once in the
 *   commune, so the sum is only close, but close is enough to estimate a hidden hamlet;
 * - a row's = its total of members when at most one organization has members there: one
 *   organization's current members are distinct people (a national id is taken once in it).
 * Declaring a relation a reader cannot be sure of only hides more.
 */
import { MEMBER_RATING_LEVELS } from '../../domain/members/member.ts';
import type { UnitLevel } from '../../domain/units.ts';
import type { AgeBandCount } from './age-bands.ts';
import { CURRENT_STATUSES } from './counters.ts';
import { DisclosureTable } from './disclosure.ts';
import { ratedOf } from './member-ratings.ts';
import { REVIEW_GROUPS, REVIEWED_STATUSES, reviewPeople } from './reviews.ts';
import type { RawFigures } from './rows.ts';

const key = (unitId: string, group: string, field: string) => `${unitId}/${group}.${field}`;

/** One group of a row (an organization, or the total) as published: null where a count is hidden. */
export class Published {
  hidden = false;
  constructor(
    private readonly hiddenKeys: ReadonlySet<string>,
    private readonly unitId: string,
    private readonly group: string,
  ) {}

  /** A reader with every right, or a table with nothing to hide. */
  static all(): Published {
    return new Published(new Set(), '', '');
  }

  count(field: string, n: number): number | null {
    if (!this.hiddenKeys.has(key(this.unitId, this.group, field))) return n;
    this.hidden = true;
    return null;
  }

  counts<T extends Record<string, number>>(prefix: string, counts: T): { [K in keyof T]: number | null } {
    return Object.fromEntries(
      Object.entries(counts).map(([k, v]) => [k, this.count(`${prefix}.${k}`, v)]),
    ) as { [K in keyof T]: number | null };
  }
}

/**
 * Fields of RawFigures that are people, as cell fields: `members.away`, `professional`,
 * `covered`, `party.introduced`, `memberRatings.good`, `memberRatings.rated`, `review.away`,
 * `reviewPrevious.away`.
 */
function figureCells(raw: RawFigures): [string, number][] {
  return [
    ...Object.entries(raw.members).map(([k, v]): [string, number] => [`members.${k}`, v]),
    ['professional', raw.professional],
    ...Object.entries(raw.party).map(([k, v]): [string, number] => [`party.${k}`, v]),
    ...Object.entries(raw.memberRatings).map(([k, v]): [string, number] => [`memberRatings.${k}`, v]),
    ['memberRatings.rated', ratedOf(raw.memberRatings)],
    ...(['current', 'previous'] as const).flatMap((year) =>
      reviewPeople(raw.review[year]).map(([k, v]): [string, number] => [`${REVIEW_GROUPS[year]}.${k}`, v]),
    ),
    ...(raw.coverage.targetPopulation === null
      ? []
      : [['covered', raw.coverage.coveredActive] as [string, number]]),
  ];
}

interface Group {
  readonly name: string;
  readonly cells: readonly [string, number][];
}

/** Adds a group's cells and the relations inside it. */
function addGroup(table: DisclosureTable, unitId: string, level: UnitLevel, hideable: boolean, group: Group) {
  const at = (field: string) => key(unitId, group.name, field);
  for (const [field, value] of group.cells) table.add(at(field), value, hideable);
  table.sum(
    at('members.total'),
    CURRENT_STATUSES.map((status) => at(`members.${status}`)),
  );
  table.sum(at('members.total'), ['gender.male', 'gender.female'].map(at));
  table.sum(
    at('memberRatings.rated'),
    MEMBER_RATING_LEVELS.map((level) => at(`memberRatings.${level}`)),
  );
  for (const reviews of Object.values(REVIEW_GROUPS))
    table.sum(
      at(`${reviews}.reviewed`),
      REVIEWED_STATUSES.map((status) => at(`${reviews}.${status}`)),
    );
  const bands = group.cells.map(([field]) => field).filter((field) => field.startsWith('age.'));
  if (bands.length) table.sum(at('members.total'), bands.map(at));
  // A hamlet has nothing below it: the only target that speaks for it is its own.
  if (level === 'hamlet') table.sum(at('covered'), [at('members.active')]);
}

/** Declares each field of the first unit = Σ the same field of the others, for every group. */
function addColumnSums(
  table: DisclosureTable,
  rows: readonly { unitId: string; groups: readonly Group[] }[],
) {
  const [top, ...children] = rows;
  if (!top || children.length === 0) return;
  for (const group of top.groups)
    for (const [field] of group.cells)
      table.sum(
        key(top.unitId, group.name, field),
        children.map((child) => key(child.unitId, group.name, field)),
      );
}

/** Counts are hidden in hamlets only, and only from readers without the right to detail. */
const hideableAt = (level: UnitLevel) => level === 'hamlet';

export interface FrontTableRow {
  readonly unitId: string;
  readonly level: UnitLevel;
  /** The organizations with figures for the day. */
  readonly organizations: readonly { readonly organization: string; readonly raw: RawFigures }[];
  /** Their sum; null when none has figures. */
  readonly total: RawFigures | null;
  readonly uniquePersons: number | null;
}

/** The Front's table (the unit first, then its children): the keys of the cells to hide from it. */
export function frontSuppression(rows: readonly FrontTableRow[]): ReadonlySet<string> {
  const table = new DisclosureTable();
  const shaped = rows.map((row) => {
    const hideable = hideableAt(row.level);
    const organizations = row.organizations.map(({ organization, raw }) => ({
      name: organization,
      cells: figureCells(raw),
    }));
    const total = row.total && { name: 'total', cells: figureCells(row.total) };
    for (const group of [...organizations, ...(total ? [total] : [])])
      addGroup(table, row.unitId, row.level, hideable, group);
    if (total)
      for (const [field] of total.cells)
        table.sum(
          key(row.unitId, 'total', field),
          organizations.map((o) => key(row.unitId, o.name, field)),
        );
    if (row.uniquePersons !== null) {
      table.add(key(row.unitId, 'total', 'uniquePersons'), row.uniquePersons, hideable);
      const present = row.organizations.filter(({ raw }) => raw.members.total > 0);
      if (total && present.length <= 1)
        table.sum(key(row.unitId, 'total', 'uniquePersons'), [key(row.unitId, 'total', 'members.total')]);
    }
    return { unitId: row.unitId, groups: [...organizations, ...(total ? [total] : [])] };
  });
  addColumnSums(table, shaped);
  const [top, ...children] = rows;
  if (top?.uniquePersons != null && children.length > 0 && children.every((c) => c.uniquePersons !== null))
    table.sum(
      key(top.unitId, 'total', 'uniquePersons'),
      children.map((child) => key(child.unitId, 'total', 'uniquePersons')),
    );
  return table.hidden();
}

export interface StatsTableRow {
  readonly unitId: string;
  readonly level: UnitLevel;
  readonly raw: RawFigures;
  /** The year of `raw.party`, the ratings and the review. */
  readonly year: number;
  readonly gender: { readonly male: number; readonly female: number };
  readonly ageBands: readonly AgeBandCount[];
}

/** The group name of an organization's own figures in its stats table. */
export const OWN = 'own';

/** An organization's table (the unit first, then its children): the keys of the cells to hide from a viewer. */
export function statsSuppression(rows: readonly StatsTableRow[]): ReadonlySet<string> {
  const table = new DisclosureTable();
  const shaped = rows.map((row) => {
    const group: Group = {
      name: OWN,
      cells: [
        ...figureCells(row.raw),
        ['gender.male', row.gender.male],
        ['gender.female', row.gender.female],
        ...row.ageBands.map(({ band, count }): [string, number] => [`age.${band}`, count]),
      ],
    };
    addGroup(table, row.unitId, row.level, hideableAt(row.level), group);
    return { unitId: row.unitId, groups: [group] };
  });
  addColumnSums(table, shaped);
  return table.hidden();
}
