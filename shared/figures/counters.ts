/**
 * The aggregate item: what the stream function writes for every unit of every tenant and what
 * readers (statistics, the Front's overview, snapshots) read back. One item per unit,
 * `<tenant>#AGG#<unitId>` / `CURRENT`, holding flat numeric attributes only, so that DynamoDB's
 * `ADD` creates an item or a counter on first use and no writer ever reads before it writes.
 *
 * Every count covers the unit's whole subtree: a member of a hamlet's branch counts in the hamlet,
 * its commune, its district (where there is one) and the province.
 *
 * - `members_<status>`: members whose current status it is, one counter per status;
 * - `gender_<gender>`: current members (active, away, lapsed) by gender;
 * - `born_<yyyy>`: current members by birth year. Ages are worked out when reading, from the birth
 *   years and the date asked about, so no count goes stale as people grow older;
 * - `professional`: current members in professional branches;
 * - `branches_<kind>`: branches that are not dissolved (active or dissolving), by kind;
 * - `unique_persons`, on the Front tenant's items only: distinct people among the four
 *   organizations' current members (shared/figures/persons.ts).
 *
 * Import these names rather than retyping them: a typo would read a counter that is never written.
 */
import type { BranchKind } from '../domain/branches.ts';
import { BRANCH_KINDS } from '../domain/branches.ts';
import { GENDERS, type Gender, MEMBER_STATUSES, type MemberStatus } from '../domain/members/member.ts';

/** A set of counters by attribute name, as stored or as a change to add. */
export type Counters = Record<string, number>;

const BORN_PREFIX = 'born_';

export const AGGREGATE_COUNTERS = {
  members: Object.fromEntries(MEMBER_STATUSES.map((status) => [status, `members_${status}`])) as {
    readonly [S in MemberStatus]: `members_${S}`;
  },
  gender: Object.fromEntries(GENDERS.map((gender) => [gender, `gender_${gender}`])) as {
    readonly [G in Gender]: `gender_${G}`;
  },
  professional: 'professional',
  branches: Object.fromEntries(BRANCH_KINDS.map((kind) => [kind, `branches_${kind}`])) as {
    readonly [K in BranchKind]: `branches_${K}`;
  },
  uniquePersons: 'unique_persons',
  /** Followed by the four-digit year: `born_1990`. */
  bornPrefix: BORN_PREFIX,
} as const;

/** The counter of current members born in a year. */
export function bornCounter(year: number | string): `born_${string}` {
  return `${BORN_PREFIX}${String(year).padStart(4, '0')}`;
}

/** Whether an attribute of an aggregate item is one of its counters (not bookkeeping). */
export function isCounter(name: string): boolean {
  return (
    name === AGGREGATE_COUNTERS.professional ||
    name === AGGREGATE_COUNTERS.uniquePersons ||
    Object.values(AGGREGATE_COUNTERS.members).includes(name as never) ||
    Object.values(AGGREGATE_COUNTERS.gender).includes(name as never) ||
    Object.values(AGGREGATE_COUNTERS.branches).includes(name as never) ||
    /^born_\d{4}$/.test(name)
  );
}

/** What one aggregate item says about its unit's subtree. */
export interface UnitCounts {
  /** Members by their current status, every status present (0 when none). */
  readonly members: Readonly<Record<MemberStatus, number>>;
  /** Current members by gender. */
  readonly gender: Readonly<Record<Gender, number>>;
  /** Current members by birth year (`'1990'`), only the years that have any. */
  readonly bornIn: Readonly<Record<string, number>>;
  /** Current members in professional branches. */
  readonly professional: number;
  /** Branches not dissolved, by kind. */
  readonly branches: Readonly<Record<BranchKind, number>>;
}

/**
 * Reads an aggregate item (or its absence: a unit nobody has joined yet) into counts. Attributes
 * that are not counters are ignored; a missing counter is 0.
 */
export function readUnitCounts(item: Readonly<Record<string, unknown>> | undefined): UnitCounts {
  const value = (name: string) => {
    const raw = item?.[name];
    return typeof raw === 'number' && Number.isFinite(raw) ? raw : 0;
  };
  const bornIn: Record<string, number> = {};
  for (const [name, raw] of Object.entries(item ?? {})) {
    if (/^born_\d{4}$/.test(name) && typeof raw === 'number' && raw !== 0)
      bornIn[name.slice(BORN_PREFIX.length)] = raw;
  }
  return {
    members: mapValues(AGGREGATE_COUNTERS.members, value),
    gender: mapValues(AGGREGATE_COUNTERS.gender, value),
    bornIn,
    professional: value(AGGREGATE_COUNTERS.professional),
    branches: mapValues(AGGREGATE_COUNTERS.branches, value),
  };
}

/** Counts back to the item's attributes, zeros left out. */
export function countersOf(counts: UnitCounts): Counters {
  const counters: Counters = {};
  const put = (name: string, value: number) => {
    if (value !== 0) counters[name] = value;
  };
  for (const status of MEMBER_STATUSES) put(AGGREGATE_COUNTERS.members[status], counts.members[status]);
  for (const gender of GENDERS) put(AGGREGATE_COUNTERS.gender[gender], counts.gender[gender]);
  for (const [year, value] of Object.entries(counts.bornIn)) put(bornCounter(year), value);
  put(AGGREGATE_COUNTERS.professional, counts.professional);
  for (const kind of BRANCH_KINDS) put(AGGREGATE_COUNTERS.branches[kind], counts.branches[kind]);
  return counters;
}

function mapValues<K extends string>(
  names: Readonly<Record<K, string>>,
  value: (name: string) => number,
): Record<K, number> {
  return Object.fromEntries(Object.entries<string>(names).map(([key, name]) => [key, value(name)])) as Record<
    K,
    number
  >;
}
