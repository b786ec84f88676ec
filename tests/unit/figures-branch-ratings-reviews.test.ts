/**
 * Branch ratings and branch reviews as counters: their names, what an approved rating or a
 * review adds to the aggregates (and an unlock takes away), how the stream reads them from an
 * item's images without reading a unit, what a snapshot copies, and what a reader is shown.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { changeOf } from '../../functions/stream/aggregates.ts';
import {
  branchRatingCounter,
  branchStandardCounter,
  countersOf,
  isCounter,
  readUnitCounts,
  reviewCounter,
} from '../../shared/figures/counters.ts';
import {
  branchRatingContribution,
  branchReviewContribution,
  type CountedBranchRating,
  type CountedBranchReview,
  countedBranchRating,
  countedBranchReview,
  deltaOf,
} from '../../shared/figures/deltas.ts';
import {
  branchRatingsView,
  rawBranchRatings,
  sumBranchRatings,
  unknownBranchRatings,
} from '../../shared/figures/reading/branch-ratings.ts';
import { countersOf as snapshotCounters } from '../../shared/figures/reading/counters.ts';
import { rawReview, reviewView, sumReviews } from '../../shared/figures/reading/reviews.ts';
import { Published } from '../../shared/figures/reading/suppression.ts';

const PATH = ['82', '28261', '28261-01'];

const rating = (overrides: Partial<CountedBranchRating> = {}): CountedBranchRating => ({
  unitIds: PATH,
  branchKind: 'residential',
  year: 2026,
  level: 'good',
  state: 'approved',
  standardName: 'Chi đoàn đạt chuẩn',
  standardMet: true,
  ...overrides,
});

const review = (overrides: Partial<CountedBranchReview> = {}): CountedBranchReview => ({
  unitIds: PATH,
  year: 2026,
  counts: { members: 10, reviewed: 8, active: 5, away: 2, lapsed: 1, left: 1 },
  doneAt: null,
  ...overrides,
});

describe('the counters', () => {
  it('are named by level, kind and year, and are counters of the aggregate item', () => {
    // Act & Assess
    expect(branchRatingCounter('strong', 2026)).toBe('branch_rating_strong_2026');
    expect(branchStandardCounter('rated', 'residential', 2026)).toBe(
      'branch_standard_rated_residential_2026',
    );
    expect(branchStandardCounter('met', 'agency', '2025')).toBe('branch_standard_met_agency_2025');
    expect(reviewCounter('branches', 2026)).toBe('review_branches_2026');
    expect(reviewCounter('away', 2026)).toBe('review_away_2026');
    expect(
      [
        'branch_rating_weak_2026',
        'branch_standard_met_residential_2026',
        'review_done_2025',
        'review_left_2026',
      ].every(isCounter),
    ).toBe(true);
    expect(
      ['branch_rating_best_2026', 'branch_standard_met_2026', 'review_late_2026', 'review_done_26'].some(
        isCounter,
      ),
    ).toBe(false);
  });

  it('read back by year and write back the same', () => {
    // Prepare
    const item = {
      branch_rating_strong_2026: 3,
      branch_standard_rated_residential_2026: 4,
      branch_standard_met_residential_2026: 3,
      review_branches_2025: 2,
      review_reviewed_2026: 40,
      unitId: '82',
    };

    // Act
    const counts = readUnitCounts(item);

    // Assess
    expect(counts.branchRatings.strong).toEqual({ '2026': 3 });
    expect(counts.branchStandards.residential).toEqual({ rated: { '2026': 4 }, met: { '2026': 3 } });
    expect(counts.reviews.branches).toEqual({ '2025': 2 });
    expect(counts.reviews.reviewed).toEqual({ '2026': 40 });
    const { unitId: _, ...counters } = item;
    expect(countersOf(counts)).toEqual(counters);
  });

  it('are copied by a snapshot', () => {
    // Act
    const copied = snapshotCounters({ branch_rating_good_2026: 2, review_done_2026: 1, snapshotOf: 'x' });

    // Assess
    expect(copied).toEqual({ branch_rating_good_2026: 2, review_done_2026: 1 });
  });
});

describe('what a branch’s rating contributes', () => {
  it('an approved one: its level, and against its standard, met or not, at every level of the map', () => {
    // Act & Assess
    expect(branchRatingContribution(rating())).toEqual({
      unitIds: PATH,
      counters: {
        branch_rating_good_2026: 1,
        branch_standard_rated_residential_2026: 1,
        branch_standard_met_residential_2026: 1,
      },
    });
    expect(branchRatingContribution(rating({ standardMet: false, level: 'weak' })).counters).toEqual({
      branch_rating_weak_2026: 1,
      branch_standard_rated_residential_2026: 1,
    });
    // A set without a standard: by level only.
    expect(
      branchRatingContribution(rating({ standardName: null, standardMet: null, branchKind: 'agency' }))
        .counters,
    ).toEqual({ branch_rating_good_2026: 1 });
  });

  it('nothing until approved', () => {
    // Act & Assess
    for (const state of ['draft', 'submitted', 'returned'] as const)
      expect(branchRatingContribution(rating({ state })).counters).toEqual({});
  });

  it('unlocked back to a draft: taken away again', () => {
    // Act
    const deltas = deltaOf(
      branchRatingContribution(rating()),
      branchRatingContribution(rating({ state: 'draft' })),
    );

    // Assess
    expect(deltas.get('28261')).toEqual({
      branch_rating_good_2026: -1,
      branch_standard_rated_residential_2026: -1,
      branch_standard_met_residential_2026: -1,
    });
  });

  it('cannot be counted without a known level or units: an error, not nothing', () => {
    // Act & Assess
    expect(() => countedBranchRating({ ...rating(), level: 'best' })).toThrow();
    expect(() => countedBranchRating({ ...rating(), unitIds: [] })).toThrow();
  });
});

describe('what a branch’s review contributes', () => {
  it('a branch started with its counts, and done once it has a day done', () => {
    // Act & Assess
    expect(branchReviewContribution(review()).counters).toEqual({
      review_branches_2026: 1,
      review_members_2026: 10,
      review_reviewed_2026: 8,
      review_active_2026: 5,
      review_away_2026: 2,
      review_lapsed_2026: 1,
      review_left_2026: 1,
    });
    const confirmed = deltaOf(
      branchReviewContribution(review()),
      branchReviewContribution(
        review({
          counts: { members: 9, reviewed: 9, active: 6, away: 2, lapsed: 1, left: 2 },
          doneAt: '2026-11-20T03:00:00.000Z',
        }),
      ),
    );
    expect(confirmed.get('82')).toEqual({
      review_done_2026: 1,
      review_members_2026: -1,
      review_reviewed_2026: 1,
      review_active_2026: 1,
      review_left_2026: 1,
    });
  });

  it('moves the counters through the stream from its own units, no unit read', async () => {
    // Prepare
    const stored = (counts: CountedBranchReview['counts']) => ({
      PK: 'alpha:youth#BRANCH#b1',
      SK: 'REVIEW#2026',
      _tenant: 'alpha:youth',
      _entity: 'branch_review',
      ...review({ counts }),
      branchId: 'b1',
    });
    const record: DynamoDBRecord = {
      eventID: '7',
      eventName: 'MODIFY',
      dynamodb: {
        SequenceNumber: '7'.padStart(21, '0'),
        OldImage: marshall(
          stored({ members: 3, reviewed: 0, active: 0, away: 0, lapsed: 0, left: 0 }),
        ) as never,
        NewImage: marshall(
          stored({ members: 3, reviewed: 1, active: 0, away: 1, lapsed: 0, left: 0 }),
        ) as never,
      },
    };

    // Act
    const change = await changeOf(record, async () => {
      throw new Error('no unit read expected');
    });

    // Assess
    expect(Object.fromEntries(change?.deltas ?? new Map())).toEqual(
      Object.fromEntries(PATH.map((unitId) => [unitId, { review_reviewed_2026: 1, review_away_2026: 1 }])),
    );
    expect(countedBranchReview(stored(review().counts)).year).toBe(2026);
  });

  it('a rating unlocked moves the counters through the stream', async () => {
    // Prepare
    const stored = (state: string) => ({
      PK: 'alpha:youth#BRANCH#b1',
      SK: 'RATING#2026',
      _tenant: 'alpha:youth',
      _entity: 'branch_rating',
      ...rating(),
      state,
    });
    const record: DynamoDBRecord = {
      eventID: '8',
      eventName: 'MODIFY',
      dynamodb: {
        SequenceNumber: '8'.padStart(21, '0'),
        OldImage: marshall(stored('approved')) as never,
        NewImage: marshall(stored('draft')) as never,
      },
    };

    // Act
    const change = await changeOf(record, async () => {
      throw new Error('no unit read expected');
    });

    // Assess
    expect(change?.deltas.get('28261-01')).toEqual({
      branch_rating_good_2026: -1,
      branch_standard_rated_residential_2026: -1,
      branch_standard_met_residential_2026: -1,
    });
  });
});

describe('what a reader is shown', () => {
  const item = {
    branch_rating_strong_2026: 2,
    branch_rating_good_2026: 1,
    branch_standard_rated_residential_2026: 3,
    branch_standard_met_residential_2026: 2,
  };

  it('branches by level with shares adding up to exactly 100.00, and each kind’s standard', () => {
    // Act
    const shown = branchRatingsView(2026, rawBranchRatings(item, 2026));

    // Assess: two thirds and a third, rounded alone, would add up to 99.99.
    expect(shown.byLevel).toEqual({
      strong: { count: 2, percent: 66.67 },
      good: { count: 1, percent: 33.33 },
      average: { count: 0, percent: 0 },
      weak: { count: 0, percent: 0 },
    });
    expect(shown.rated).toBe(3);
    expect(shown.standards[0]).toEqual({ kind: 'residential', met: 2, rated: 3, percent: 66.67 });
    expect(shown.standards[1]).toEqual({ kind: 'professional', met: 0, rated: 0, percent: null });
    expect(branchRatingsView(2025, rawBranchRatings(item, 2025)).rated).toBe(0);
  });

  it('units merged since: counts added and shares worked out again; unknown hides the sum', () => {
    // Prepare
    const a = branchRatingsView(2026, rawBranchRatings(item, 2026));
    const b = branchRatingsView(2026, rawBranchRatings({ branch_rating_weak_2026: 1 }, 2026));

    // Act & Assess
    expect(sumBranchRatings([a, b]).byLevel.weak).toEqual({ count: 1, percent: 25 });
    expect(sumBranchRatings([a, unknownBranchRatings(2026)]).rated).toBeNull();
  });

  it('the review with the year before, its members hidden where the table says', () => {
    // Prepare
    const counts = {
      review_branches_2026: 1,
      review_members_2026: 3,
      review_reviewed_2026: 3,
      review_active_2026: 3,
      review_branches_2025: 1,
      review_reviewed_2025: 2,
      review_active_2025: 2,
    };
    const hiding = new Published(
      new Set(['u1/own.review.reviewed', 'u1/own.review.active', 'u1/own.reviewPrevious.active']),
      'u1',
      'own',
    );

    // Act
    const shown = reviewView(2026, rawReview(counts, 2026), hiding);
    const nothingBefore = reviewView(2028, rawReview(counts, 2028), Published.all());

    // Assess: branches are never hidden; the year before is there, hidden where it must be.
    expect(shown).toMatchObject({
      year: 2026,
      branches: 1,
      done: 0,
      members: 3,
      reviewed: null,
      active: null,
    });
    expect(shown.previousYear).toMatchObject({ year: 2025, branches: 1, reviewed: 2, active: null });
    expect(nothingBefore.previousYear).toBeNull();
    expect(sumReviews([shown, nothingBefore]).reviewed).toBeNull();
  });
});
