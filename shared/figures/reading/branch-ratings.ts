/**
 * Branches by the approved rating of a year (vững mạnh/mạnh, khá, trung bình, yếu kém), each
 * level's share of those rated as a percentage to two decimals rounded by the largest remainder
 * (the four add up to exactly 100.00), and, by branch kind, how many of the branches rated
 * against a standard meet it (the Youth Union's 515 of 699 residential branches). Branches are
 * not people: like the branches by kind, nothing here is hidden; only a day without figures makes
 * it unknown.
 */
import { BRANCH_KINDS, type BranchKind } from '../../domain/branches.ts';
import { RATING_LEVELS, type RatingLevel } from '../../domain/ratings/criteria.ts';
import { branchRatingCounter, branchStandardCounter, byKey, type StandardCount } from '../counters.ts';
import { sharesSummingTo100 } from '../largest-remainder.ts';
import { type Aggregate, countOf, sumKnown } from './counters.ts';
import type { BranchRatings } from './schemas.ts';

/** Approved ratings of one year, before they are published. */
export interface RawBranchRatings {
  readonly levels: Readonly<Record<RatingLevel, number>>;
  readonly standards: Readonly<Record<BranchKind, Readonly<Record<StandardCount, number>>>>;
}

export function rawBranchRatings(item: Aggregate, year: number): RawBranchRatings {
  return {
    levels: byKey(RATING_LEVELS, (level) => countOf(item, branchRatingCounter(level, year))),
    standards: byKey(BRANCH_KINDS, (kind) => ({
      rated: countOf(item, branchStandardCounter('rated', kind, year)),
      met: countOf(item, branchStandardCounter('met', kind, year)),
    })),
  };
}

export const ZERO_BRANCH_RATINGS: RawBranchRatings = {
  levels: byKey(RATING_LEVELS, () => 0),
  standards: byKey(BRANCH_KINDS, () => ({ rated: 0, met: 0 })),
};

/** The organizations' ratings of a row added up. */
export function sumRawBranchRatings(all: readonly RawBranchRatings[]): RawBranchRatings {
  const sum = (pick: (r: RawBranchRatings) => number) => all.reduce((s, r) => s + pick(r), 0);
  return {
    levels: byKey(RATING_LEVELS, (level) => sum((r) => r.levels[level])),
    standards: byKey(BRANCH_KINDS, (kind) => ({
      rated: sum((r) => r.standards[kind].rated),
      met: sum((r) => r.standards[kind].met),
    })),
  };
}

/** What every reader sees of a year's ratings. */
export function branchRatingsView(year: number, raw: RawBranchRatings): BranchRatings {
  return published(year, raw.levels, raw.standards);
}

/** No figures for the day: nothing known. */
export function unknownBranchRatings(year: number): BranchRatings {
  return published(
    year,
    byKey(RATING_LEVELS, () => null),
    byKey(BRANCH_KINDS, () => ({ rated: null, met: null })),
  );
}

/** Published ratings added up (units merged since): the shares worked out again from the sums. */
export function sumBranchRatings(all: readonly BranchRatings[]): BranchRatings {
  const sum = (pick: (r: BranchRatings) => number | null) => sumKnown(all.map(pick));
  const standardOf = (r: BranchRatings, kind: BranchKind) => r.standards.find((s) => s.kind === kind);
  return published(
    all[0]?.year ?? 0,
    byKey(RATING_LEVELS, (level) => sum((r) => r.byLevel[level].count)),
    byKey(BRANCH_KINDS, (kind) => ({
      rated: sum((r) => standardOf(r, kind)?.rated ?? null),
      met: sum((r) => standardOf(r, kind)?.met ?? null),
    })),
  );
}

/** A level's share of those rated as a fraction (0.6409), as coverage is given; null when unknown or none is rated. */
export function branchRatingShare(ratings: BranchRatings, level: RatingLevel): number | null {
  const percent = ratings.byLevel[level].percent;
  // As with members: no branch rated, no share.
  return percent === null || ratings.rated === 0 ? null : percent / 100;
}

/** The standards of every kind added up: branches meeting their standard, of those rated against one. */
export function standardsTotal(ratings: BranchRatings): { met: number | null; rated: number | null } {
  const sum = (pick: (s: BranchRatings['standards'][number]) => number | null) =>
    sumKnown(ratings.standards.map(pick));
  return { met: sum((s) => s.met), rated: sum((s) => s.rated) };
}

/** `met` of `rated` as a percentage to two decimals; null when none was rated or either is unknown. */
export function percentOf(met: number | null, rated: number | null): number | null {
  return met === null || rated === null || rated === 0 ? null : Math.round((met / rated) * 10_000) / 100;
}

function published(
  year: number,
  levels: Record<RatingLevel, number | null>,
  standards: Record<BranchKind, Record<StandardCount, number | null>>,
): BranchRatings {
  const known = RATING_LEVELS.every((level) => levels[level] !== null);
  const counts = RATING_LEVELS.map((level) => levels[level] ?? 0);
  const shares = known ? sharesSummingTo100(counts) : null;
  return {
    year,
    byLevel: byKey(RATING_LEVELS, (level) => ({
      count: levels[level],
      percent: shares ? (shares[RATING_LEVELS.indexOf(level)] ?? 0) : null,
    })),
    rated: known ? counts.reduce((s, n) => s + n, 0) : null,
    standards: BRANCH_KINDS.map((kind) => ({
      kind,
      met: standards[kind].met,
      rated: standards[kind].rated,
      percent: percentOf(standards[kind].met, standards[kind].rated),
    })),
  };
}
