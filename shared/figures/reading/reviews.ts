/**
 * The year's review of members (rà soát, phân loại đoàn viên, hội viên) as its branches' reviews
 * add up: branches started and done, and the members of those branches — reviewed, found present,
 * away or lapsed, and those whose membership the review ended — beside the previous year's, which
 * the article compares with. Branches are not people and are never hidden; the members are cells
 * like the others (suppression.ts), with reviewed = present + away + lapsed within a year.
 */
import { type ReviewCounts, reviewCountsSchema } from '../../domain/review/member-review.ts';
import { byKey, REVIEW_COUNTERS, type ReviewCounter, reviewCounter } from '../counters.ts';
import { type Aggregate, countOf, sumKnown } from './counters.ts';
import type { Review, ReviewYear } from './schemas.ts';
import type { Published } from './suppression.ts';

/** The counts of the reviews that are people, in the order they are published. */
export const REVIEW_PEOPLE: readonly (keyof ReviewCounts)[] = reviewCountsSchema.keyof().options;

/** Reviewed members by the status they were found in: together, those reviewed. */
export const REVIEWED_STATUSES = [
  'active',
  'away',
  'lapsed',
] as const satisfies readonly (keyof ReviewCounts)[];

type RawYear = Readonly<Record<ReviewCounter, number>>;

/** A year's reviews and the previous year's, before anything is hidden. */
export interface RawReview {
  readonly current: RawYear;
  readonly previous: RawYear;
}

/** The cell groups of the two years: `review.away`, `reviewPrevious.away`. */
export const REVIEW_GROUPS = { current: 'review', previous: 'reviewPrevious' } as const;

export function rawReview(item: Aggregate, year: number): RawReview {
  const of = (y: number) => byKey(REVIEW_COUNTERS, (counter) => countOf(item, reviewCounter(counter, y)));
  return { current: of(year), previous: of(year - 1) };
}

const ZERO_YEAR: RawYear = byKey(REVIEW_COUNTERS, () => 0);

export const ZERO_REVIEW: RawReview = { current: ZERO_YEAR, previous: ZERO_YEAR };

/** The organizations' reviews of a row added up. */
export function sumRawReviews(all: readonly RawReview[]): RawReview {
  const sum = (pick: (r: RawReview) => RawYear) =>
    byKey(REVIEW_COUNTERS, (counter) => all.reduce((s, r) => s + pick(r)[counter], 0));
  return { current: sum((r) => r.current), previous: sum((r) => r.previous) };
}

/** The people among a year's counts, as cell fields and values: `['away', 3]`. */
export function reviewPeople(raw: RawYear): [keyof ReviewCounts, number][] {
  return REVIEW_PEOPLE.map((field) => [field, raw[field]]);
}

/**
 * What a reader sees, `shown` deciding which counts of people are hidden; the previous year is
 * null when none of its branches' reviews is counted here.
 */
export function reviewView(year: number, raw: RawReview, shown: Published): Review {
  const yearOf = (y: number, counts: RawYear, group: string): ReviewYear => ({
    year: y,
    branches: counts.branches,
    done: counts.done,
    ...(shown.counts(group, Object.fromEntries(reviewPeople(counts))) as Record<
      keyof ReviewCounts,
      number | null
    >),
  });
  return {
    ...yearOf(year, raw.current, REVIEW_GROUPS.current),
    previousYear: raw.previous.branches === 0 ? null : yearOf(year - 1, raw.previous, REVIEW_GROUPS.previous),
  };
}

/** No figures for the day: nothing known. */
export function unknownReview(year: number): Review {
  return { ...unknownYear(year), previousYear: null };
}

const unknownYear = (year: number): ReviewYear => ({ year, ...byKey(REVIEW_COUNTERS, () => null) });

/**
 * Published reviews added up (units merged since): a hidden part hides the sum; a part without
 * a previous year adds nothing to it.
 */
export function sumReviews(all: readonly Review[]): Review {
  const first = all[0];
  const year = first?.year ?? 0;
  const previous = all.map((r) => r.previousYear);
  return {
    ...sumYears(year, all),
    previousYear: previous.every((p) => p === null)
      ? null
      : sumYears(
          year - 1,
          previous.map((p) => p ?? { year: year - 1, ...byKey(REVIEW_COUNTERS, () => 0) }),
        ),
  };
}

function sumYears(year: number, all: readonly ReviewYear[]): ReviewYear {
  return {
    year,
    ...byKey(REVIEW_COUNTERS, (counter) => sumKnown(all.map((r) => r[counter]))),
  };
}
