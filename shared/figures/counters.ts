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
 *   organizations' current members (shared/figures/persons.ts);
 * - `party_introduced_<yyyy>`: introductions to the Party made that year and not withdrawn;
 * - `party_admitted_<yyyy>`: introductions answered by an admission that year.
 *   Both count every member, current or former: an introduction is a fact of its year, which a
 *   member leaving later does not undo. They stand where the member is now;
 * - `member_rating_<level>_<yyyy>`: members rated at that level for that year, every member
 *   current or former, for the same reason: a rating is the fact of its year;
 * - `branch_rating_<level>_<yyyy>`: branches whose rating of that year is approved, by level;
 * - `branch_standard_rated_<kind>_<yyyy>`: of those, the ones of a kind whose criteria set names a
 *   standard, and `branch_standard_met_<kind>_<yyyy>` the ones of them that meet it. A rating
 *   unlocked back to a draft stops counting until approved again;
 * - `review_branches_<yyyy>`: branches whose review of that year has started, `review_done_<yyyy>`
 *   those done, and `review_<field>_<yyyy>` the sums of their reviews' counts (members, reviewed,
 *   active, away, lapsed, left) as of each review's last write.
 *   Branch ratings and reviews count where the branch's unit was when they were written.
 *
 * Import these names rather than retyping them: a typo would read a counter that is never written.
 */
import type { BranchKind } from '../domain/branches.ts';
import { BRANCH_KINDS } from '../domain/branches.ts';
import {
  GENDERS,
  type Gender,
  MEMBER_RATING_LEVELS,
  MEMBER_STATUSES,
  type MemberRatingLevel,
  type MemberStatus,
} from '../domain/members/member.ts';
import { RATING_LEVELS, type RatingLevel } from '../domain/ratings/criteria.ts';
import { type ReviewCounts, reviewCountsSchema } from '../domain/review/member-review.ts';

/** A set of counters by attribute name, as stored or as a change to add. */
export type Counters = Record<string, number>;

const BORN_PREFIX = 'born_';
const PARTY_INTRODUCED_PREFIX = 'party_introduced_';
const PARTY_ADMITTED_PREFIX = 'party_admitted_';
const memberRatingPrefix = (level: MemberRatingLevel) => `member_rating_${level}_` as const;
const branchRatingPrefix = (level: RatingLevel) => `branch_rating_${level}_` as const;
/** `rated`: approved ratings whose set names a standard; `met`: those meeting it. */
export type StandardCount = 'rated' | 'met';
export const STANDARD_COUNTS: readonly StandardCount[] = ['rated', 'met'];
const branchStandardPrefix = (count: StandardCount, kind: BranchKind) =>
  `branch_standard_${count}_${kind}_` as const;
/** What a year's branch reviews add up to: branches started and done, then their reviews' counts. */
export type ReviewCounter = 'branches' | 'done' | keyof ReviewCounts;
export const REVIEW_COUNTERS: readonly ReviewCounter[] = [
  'branches',
  'done',
  ...reviewCountsSchema.keyof().options,
];
const reviewPrefix = (counter: ReviewCounter) => `review_${counter}_` as const;
/** The families of counters kept by year, each `<prefix><yyyy>`. */
const YEAR_PREFIXES: readonly string[] = [
  BORN_PREFIX,
  PARTY_INTRODUCED_PREFIX,
  PARTY_ADMITTED_PREFIX,
  ...MEMBER_RATING_LEVELS.map(memberRatingPrefix),
  ...RATING_LEVELS.map(branchRatingPrefix),
  ...STANDARD_COUNTS.flatMap((count) => BRANCH_KINDS.map((kind) => branchStandardPrefix(count, kind))),
  ...REVIEW_COUNTERS.map(reviewPrefix),
];

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
  /** Followed by the four-digit year: `party_introduced_2026`. */
  partyIntroducedPrefix: PARTY_INTRODUCED_PREFIX,
  /** Followed by the four-digit year: `party_admitted_2026`. */
  partyAdmittedPrefix: PARTY_ADMITTED_PREFIX,
} as const;

const yearSuffix = (year: number | string) => String(year).padStart(4, '0');

/** The counter of current members born in a year. */
export function bornCounter(year: number | string): `born_${string}` {
  return `${BORN_PREFIX}${yearSuffix(year)}`;
}

/** The counter of introductions to the Party made in a year (withdrawn ones left out). */
export function partyIntroducedCounter(year: number | string): `party_introduced_${string}` {
  return `${PARTY_INTRODUCED_PREFIX}${yearSuffix(year)}`;
}

/** The counter of admissions to the Party decided in a year. */
export function partyAdmittedCounter(year: number | string): `party_admitted_${string}` {
  return `${PARTY_ADMITTED_PREFIX}${yearSuffix(year)}`;
}

/** The counter of members rated at `level` for a year. */
export function memberRatingCounter(
  level: MemberRatingLevel,
  year: number | string,
): `member_rating_${MemberRatingLevel}_${string}` {
  return `${memberRatingPrefix(level)}${yearSuffix(year)}`;
}

/** The counter of branches whose approved rating for a year is `level`. */
export function branchRatingCounter(
  level: RatingLevel,
  year: number | string,
): `branch_rating_${RatingLevel}_${string}` {
  return `${branchRatingPrefix(level)}${yearSuffix(year)}`;
}

/** The counter of branches of `kind` rated against a standard for a year (`rated`), or meeting it (`met`). */
export function branchStandardCounter(
  count: StandardCount,
  kind: BranchKind,
  year: number | string,
): `branch_standard_${StandardCount}_${BranchKind}_${string}` {
  return `${branchStandardPrefix(count, kind)}${yearSuffix(year)}`;
}

/** The counter of a year's branch reviews: `review_branches_2026`, `review_away_2026`. */
export function reviewCounter(
  counter: ReviewCounter,
  year: number | string,
): `review_${ReviewCounter}_${string}` {
  return `${reviewPrefix(counter)}${yearSuffix(year)}`;
}

/** The year of a counter of the family `prefix` (`'2026'`), or undefined when it is not one. */
function yearOf(name: string, prefix: string): string | undefined {
  const year = name.slice(prefix.length);
  return name.startsWith(prefix) && /^\d{4}$/.test(year) ? year : undefined;
}

/** Whether an attribute of an aggregate item is one of its counters (not bookkeeping). */
export function isCounter(name: string): boolean {
  return (
    name === AGGREGATE_COUNTERS.professional ||
    name === AGGREGATE_COUNTERS.uniquePersons ||
    Object.values(AGGREGATE_COUNTERS.members).includes(name as never) ||
    Object.values(AGGREGATE_COUNTERS.gender).includes(name as never) ||
    Object.values(AGGREGATE_COUNTERS.branches).includes(name as never) ||
    YEAR_PREFIXES.some((prefix) => yearOf(name, prefix) !== undefined)
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
  /** Introductions to the Party not withdrawn, by the year made (`'2026'`), only the years that have any. */
  readonly partyIntroduced: Readonly<Record<string, number>>;
  /** Admissions to the Party, by the year decided, only the years that have any. */
  readonly partyAdmitted: Readonly<Record<string, number>>;
  /** Members rated, by level and then by the year rated, only the years that have any. */
  readonly memberRatings: Readonly<Record<MemberRatingLevel, Readonly<Record<string, number>>>>;
  /** Branches by their approved rating's level, then by year. */
  readonly branchRatings: Readonly<Record<RatingLevel, Readonly<Record<string, number>>>>;
  /** Branches rated against a standard and meeting it, by kind, then by year. */
  readonly branchStandards: Readonly<
    Record<BranchKind, Readonly<Record<StandardCount, Readonly<Record<string, number>>>>>
  >;
  /** The year's branch reviews added up, by counter, then by year. */
  readonly reviews: Readonly<Record<ReviewCounter, Readonly<Record<string, number>>>>;
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
  const byYear = (prefix: string) => {
    const counts: Record<string, number> = {};
    for (const [name, raw] of Object.entries(item ?? {})) {
      const year = yearOf(name, prefix);
      if (year !== undefined && typeof raw === 'number' && raw !== 0) counts[year] = raw;
    }
    return counts;
  };
  return {
    members: mapValues(AGGREGATE_COUNTERS.members, value),
    gender: mapValues(AGGREGATE_COUNTERS.gender, value),
    bornIn: byYear(BORN_PREFIX),
    professional: value(AGGREGATE_COUNTERS.professional),
    branches: mapValues(AGGREGATE_COUNTERS.branches, value),
    partyIntroduced: byYear(PARTY_INTRODUCED_PREFIX),
    partyAdmitted: byYear(PARTY_ADMITTED_PREFIX),
    memberRatings: Object.fromEntries(
      MEMBER_RATING_LEVELS.map((level) => [level, byYear(memberRatingPrefix(level))]),
    ) as UnitCounts['memberRatings'],
    branchRatings: byKey(RATING_LEVELS, (level) => byYear(branchRatingPrefix(level))),
    branchStandards: byKey(BRANCH_KINDS, (kind) =>
      byKey(STANDARD_COUNTS, (count) => byYear(branchStandardPrefix(count, kind))),
    ),
    reviews: byKey(REVIEW_COUNTERS, (counter) => byYear(reviewPrefix(counter))),
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
  for (const [year, value] of Object.entries(counts.partyIntroduced))
    put(partyIntroducedCounter(year), value);
  for (const [year, value] of Object.entries(counts.partyAdmitted)) put(partyAdmittedCounter(year), value);
  for (const level of MEMBER_RATING_LEVELS)
    for (const [year, value] of Object.entries(counts.memberRatings[level]))
      put(memberRatingCounter(level, year), value);
  for (const level of RATING_LEVELS)
    for (const [year, value] of Object.entries(counts.branchRatings[level]))
      put(branchRatingCounter(level, year), value);
  for (const kind of BRANCH_KINDS)
    for (const count of STANDARD_COUNTS)
      for (const [year, value] of Object.entries(counts.branchStandards[kind][count]))
        put(branchStandardCounter(count, kind, year), value);
  for (const counter of REVIEW_COUNTERS)
    for (const [year, value] of Object.entries(counts.reviews[counter]))
      put(reviewCounter(counter, year), value);
  return counters;
}

/** A record of `value` for each key, in their order. */
export function byKey<K extends string, T>(keys: readonly K[], value: (key: K) => T): Record<K, T> {
  return Object.fromEntries(keys.map((key) => [key, value(key)])) as Record<K, T>;
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
