/**
 * From raw aggregate numbers to what a caller may see. Below commune level a count of 1 to 4
 * could point at a person, so a caller without the right to detail sees it as null and the row
 * says it was suppressed; 0 is shown (it points at nobody). A coverage or a "not yet gathered"
 * computed from a hidden count would give it back, so they are hidden with it.
 *
 * Which counts are hidden is decided for the whole table at once, not cell by cell: a hidden
 * count must not come back as a total minus the counts shown beside it, nor as a commune minus
 * its other hamlets, so other cells are hidden with it (complementary suppression,
 * disclosure.ts; the sums each table holds are listed in suppression.ts). The views here only
 * read that decision.
 */
import type { Organization } from '../../domain/organizations.ts';
import { ageBandCounts } from './age-bands.ts';
import {
  branchRatingsView,
  type RawBranchRatings,
  rawBranchRatings,
  sumRawBranchRatings,
  unknownBranchRatings,
  ZERO_BRANCH_RATINGS,
} from './branch-ratings.ts';
import {
  type Aggregate,
  BRANCH_KINDS,
  branchesCounter,
  CURRENT_STATUSES,
  countOf,
  genderCounter,
  MEMBER_STATUSES,
  membersCounter,
  PROFESSIONAL_COUNTER,
  partyAdmittedCounter,
  partyIntroducedCounter,
} from './counters.ts';
import { type CoverageSums, coverageOf, notYetGathered } from './coverage.ts';
import {
  memberRatingsView,
  type RawMemberRatings,
  rawMemberRatings,
  unknownMemberRatings,
  ZERO_MEMBER_RATINGS,
} from './member-ratings.ts';
import {
  type RawReview,
  rawReview,
  reviewView,
  sumRawReviews,
  unknownReview,
  ZERO_REVIEW,
} from './reviews.ts';
import type {
  BranchCounts,
  MemberCounts,
  OrganizationFigures,
  PartyCounts,
  StatsRow,
  TotalFigures,
} from './schemas.ts';
import { OWN, Published, type StatsTableRow } from './suppression.ts';
import type { RawRow } from './tenant-figures.ts';

type Raw<T> = { [K in keyof T]: number };

const camel = (status: string) => status.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

export function rawMembers(item: Aggregate): Raw<MemberCounts> {
  const counts = Object.fromEntries(
    MEMBER_STATUSES.map((status) => [camel(status), countOf(item, membersCounter(status))]),
  ) as Omit<Raw<MemberCounts>, 'total'>;
  const total = CURRENT_STATUSES.reduce((sum, status) => sum + countOf(item, membersCounter(status)), 0);
  return { total, ...counts };
}

export function rawBranches(item: Aggregate): Raw<BranchCounts> {
  const kinds = Object.fromEntries(BRANCH_KINDS.map((kind) => [kind, countOf(item, branchesCounter(kind))]));
  const { residential = 0, professional = 0, agency = 0 } = kinds;
  return { total: residential + professional + agency, residential, professional, agency };
}

type RawParty = Raw<Omit<PartyCounts, 'year'>>;

/** Introductions to the Party made, and admissions decided, in one calendar year. */
export function rawParty(item: Aggregate, year: number): RawParty {
  return {
    introduced: countOf(item, partyIntroducedCounter(year)),
    admitted: countOf(item, partyAdmittedCounter(year)),
  };
}

/** The numbers of one organization in one row, before anything is hidden. */
export interface RawFigures {
  readonly members: Raw<MemberCounts>;
  readonly professional: number;
  readonly branches: Raw<BranchCounts>;
  readonly coverage: CoverageSums;
  readonly unitsWithoutTarget: number;
  /**
   * This, the ratings and the review are of the year asked about (the review with the year
   * before), which the views are told beside the numbers.
   */
  readonly party: RawParty;
  readonly memberRatings: RawMemberRatings;
  readonly branchRatings: RawBranchRatings;
  readonly review: RawReview;
}

/** `year`: the calendar year whose yearly counts (Party introductions, ratings, reviews) are read. */
export function rawFigures(row: RawRow, year: number): RawFigures {
  return {
    members: rawMembers(row.aggregate),
    professional: countOf(row.aggregate, PROFESSIONAL_COUNTER),
    branches: rawBranches(row.aggregate),
    coverage: row.coverage,
    unitsWithoutTarget: row.lacking.length,
    party: rawParty(row.aggregate, year),
    memberRatings: rawMemberRatings(row.aggregate, year),
    branchRatings: rawBranchRatings(row.aggregate, year),
    review: rawReview(row.aggregate, year),
  };
}

/** Nobody, nothing: a unit an organization does not have, or a day it had no one yet. */
export const ZERO_FIGURES: RawFigures = {
  members: {
    total: 0,
    active: 0,
    away: 0,
    lapsed: 0,
    transferredOut: 0,
    removed: 0,
    deceased: 0,
    graduated: 0,
  },
  professional: 0,
  branches: { total: 0, residential: 0, professional: 0, agency: 0 },
  coverage: { targetPopulation: null, coveredActive: 0 },
  unitsWithoutTarget: 0,
  party: { introduced: 0, admitted: 0 },
  memberRatings: ZERO_MEMBER_RATINGS,
  branchRatings: ZERO_BRANCH_RATINGS,
  review: ZERO_REVIEW,
};

/** Adds up the organizations' numbers: coverage adds numerators and denominators, not fractions. */
export function sumFigures(all: readonly RawFigures[]): RawFigures {
  const add = <T extends Record<string, number>>(pick: (f: RawFigures) => T): T => {
    const sum: Record<string, number> = { ...pick(ZERO_FIGURES) };
    for (const f of all) for (const [k, v] of Object.entries(pick(f))) sum[k] = (sum[k] ?? 0) + v;
    return sum as T;
  };
  const targets = all.map((f) => f.coverage.targetPopulation).filter((t): t is number => t !== null);
  return {
    members: add((f) => f.members),
    professional: all.reduce((s, f) => s + f.professional, 0),
    branches: add((f) => f.branches),
    coverage: {
      targetPopulation: targets.length ? targets.reduce((s, t) => s + t, 0) : null,
      coveredActive: all.reduce((s, f) => s + f.coverage.coveredActive, 0),
    },
    unitsWithoutTarget: all.reduce((s, f) => s + f.unitsWithoutTarget, 0),
    party: add((f) => f.party),
    memberRatings: add((f) => f.memberRatings),
    branchRatings: sumRawBranchRatings(all.map((f) => f.branchRatings)),
    review: sumRawReviews(all.map((f) => f.review)),
  };
}

/**
 * The fields every view shares; `available` false (no figures for the day) makes them all null.
 * `year` is the year whose yearly counts (introductions, admissions, ratings) `raw` holds.
 */
function shared(raw: RawFigures, shown: Published, available: boolean, year: number) {
  if (!available) {
    const none = <T extends Record<string, number>>(t: T) =>
      Object.fromEntries(Object.keys(t).map((k) => [k, null])) as { [K in keyof T]: null };
    return {
      members: none(raw.members),
      professional: null,
      branches: none(raw.branches),
      targetPopulation: null,
      coverage: null,
      notYetGathered: null,
      unitsWithoutTarget: null,
      party: { year, ...none(raw.party) },
      memberRatings: unknownMemberRatings(year),
      branchRatings: unknownBranchRatings(year),
      review: unknownReview(year),
    };
  }
  // Coverage and "not yet gathered" give the covered members back, with the target beside them.
  const coveredHidden = shown.count('covered', raw.coverage.coveredActive) === null;
  return {
    members: shown.counts('members', raw.members),
    professional: shown.count('professional', raw.professional),
    // Branches are not people: never hidden.
    branches: raw.branches,
    targetPopulation: raw.coverage.targetPopulation,
    coverage: coveredHidden ? null : coverageOf(raw.coverage),
    notYetGathered: coveredHidden ? null : notYetGathered(raw.coverage),
    unitsWithoutTarget: raw.unitsWithoutTarget,
    party: { year, ...shown.counts('party', raw.party) },
    memberRatings: memberRatingsView(year, raw.memberRatings, shown),
    branchRatings: branchRatingsView(year, raw.branchRatings),
    review: reviewView(year, raw.review, shown),
  };
}

export function organizationView(
  organization: Organization,
  raw: RawFigures,
  shown: Published,
  available: boolean,
  year: number,
): OrganizationFigures {
  const fields = shared(raw, shown, available, year);
  return { organization, ...fields, suppressed: shown.hidden };
}

export function totalView(
  raw: RawFigures,
  uniquePersons: number | null,
  shown: Published,
  available: boolean,
  year: number,
): TotalFigures {
  const fields = shared(raw, shown, available, year);
  return {
    ...fields,
    uniquePersons: uniquePersons === null ? null : shown.count('uniquePersons', uniquePersons),
    suppressed: shown.hidden,
  };
}

/**
 * A row of an organization's own figures, before anything is hidden: ages reached in the year of
 * the figures, introductions to the Party and ratings of `year`.
 */
export function statsTableRow(
  row: RawRow,
  organization: Organization,
  figuresYear: number,
  year: number,
): StatsTableRow {
  return {
    unitId: row.unit.id,
    level: row.unit.level,
    raw: rawFigures(row, year),
    year,
    gender: {
      male: countOf(row.aggregate, genderCounter('male')),
      female: countOf(row.aggregate, genderCounter('female')),
    },
    ageBands: ageBandCounts(row.aggregate, organization, figuresYear),
  };
}

export function statsRow(row: RawRow, table: StatsTableRow, hidden: ReadonlySet<string>): StatsRow {
  const shown = new Published(hidden, row.unit.id, OWN);
  const fields = shared(table.raw, shown, true, table.year);
  return {
    unitId: row.unit.id,
    name: row.unit.name,
    level: row.unit.level,
    ...fields,
    gender: {
      male: shown.count('gender.male', table.gender.male),
      female: shown.count('gender.female', table.gender.female),
    },
    ageBands: table.ageBands.map(({ band, count }) => ({ band, count: shown.count(`age.${band}`, count) })),
    suppressed: shown.hidden,
  };
}
