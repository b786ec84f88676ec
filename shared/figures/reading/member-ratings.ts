/**
 * Members by their rating of a year (hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành
 * nhiệm vụ), how many were rated, and each level's share of those rated as a percentage to two
 * decimals, rounded by the largest remainder so that the four add up to exactly 100.00 (all zero
 * when nobody is rated). Counts are cells like the others (suppression.ts). A share gives its
 * count back with the rated total beside it, and a count with its share gives the rated total
 * back, so a share is hidden with its count, and all of them with the rated total.
 */
import { MEMBER_RATING_LEVELS, type MemberRatingLevel } from '../../domain/members/member.ts';
import { sharesSummingTo100 } from '../largest-remainder.ts';
import { type Aggregate, countOf, memberRatingCounter, sumKnown } from './counters.ts';
import type { MemberRatings } from './schemas.ts';
import type { Published } from './suppression.ts';

/** Members rated at each level in one year, before anything is hidden. */
export type RawMemberRatings = Readonly<Record<MemberRatingLevel, number>>;

export function rawMemberRatings(item: Aggregate, year: number): RawMemberRatings {
  return byLevel((level) => countOf(item, memberRatingCounter(level, year)));
}

export const ZERO_MEMBER_RATINGS: RawMemberRatings = byLevel(() => 0);

/** Everyone rated: the sum of the levels, a cell of its own. */
export const ratedOf = (raw: RawMemberRatings): number =>
  MEMBER_RATING_LEVELS.reduce((sum, level) => sum + raw[level], 0);

/** What a reader sees of a year's ratings, `shown` deciding which counts are hidden. */
export function memberRatingsView(year: number, raw: RawMemberRatings, shown: Published): MemberRatings {
  const counts = shown.counts('memberRatings', raw);
  const rated = shown.count('memberRatings.rated', ratedOf(raw));
  return published(year, counts, rated, sharesOf(raw));
}

/** No figures for the day: nothing known. */
export function unknownMemberRatings(year: number): MemberRatings {
  return published(
    year,
    byLevel(() => null),
    null,
    null,
  );
}

/**
 * Published ratings added up (units merged since): a hidden part hides the sum, and the shares
 * are worked out again from the sums, when all four are known.
 */
export function sumMemberRatings(all: readonly MemberRatings[]): MemberRatings {
  const sum = (pick: (r: MemberRatings) => number | null) => sumKnown(all.map(pick));
  const counts = byLevel((level) => sum((r) => r.counts[level]));
  const known = MEMBER_RATING_LEVELS.every((level) => counts[level] !== null);
  return published(
    all[0]?.year ?? 0,
    counts,
    sum((r) => r.rated),
    known ? sharesOf(counts as RawMemberRatings) : null,
  );
}

/** A level's share of those rated as a fraction (0.6409), as coverage is given; null when hidden or none is rated. */
export function ratingShare(ratings: MemberRatings, level: MemberRatingLevel): number | null {
  const percentage = ratings.percentages[level];
  // A share of nobody rated is no share: a page shows "—", not 0,00 % of each level.
  return percentage === null || ratings.rated === 0 ? null : percentage / 100;
}

function sharesOf(raw: RawMemberRatings): Record<MemberRatingLevel, number> {
  const shares = sharesSummingTo100(MEMBER_RATING_LEVELS.map((level) => raw[level]));
  return byLevel((level) => shares[MEMBER_RATING_LEVELS.indexOf(level)] ?? 0);
}

function published(
  year: number,
  counts: Record<MemberRatingLevel, number | null>,
  rated: number | null,
  shares: Record<MemberRatingLevel, number> | null,
): MemberRatings {
  return {
    year,
    counts,
    rated,
    percentages: byLevel((level) =>
      shares && rated !== null && counts[level] !== null ? shares[level] : null,
    ),
  };
}

function byLevel<T>(value: (level: MemberRatingLevel) => T): Record<MemberRatingLevel, T> {
  return Object.fromEntries(MEMBER_RATING_LEVELS.map((level) => [level, value(level)])) as Record<
    MemberRatingLevel,
    T
  >;
}
