/**
 * Members' yearly ratings as counters, without a database: what a member's ratings are worth to
 * the aggregates in each year, what rating or re-rating changes, that the counters read back,
 * write back and are copied by a snapshot like the others, and what a reader is shown of them
 * (shares adding up to exactly 100.00, hidden with their counts).
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { changeOf } from '../../functions/stream/aggregates.ts';
import type { MemberRatingLevel } from '../../shared/domain/members/member.ts';
import { countersOf, isCounter, memberRatingCounter, readUnitCounts } from '../../shared/figures/counters.ts';
import {
  type CountedMember,
  countedMember,
  deltaOf,
  memberContribution,
} from '../../shared/figures/deltas.ts';
import { countersOf as snapshotCounters } from '../../shared/figures/reading/counters.ts';
import {
  memberRatingsView,
  rawMemberRatings,
  sumMemberRatings,
  unknownMemberRatings,
} from '../../shared/figures/reading/member-ratings.ts';
import { Published } from '../../shared/figures/reading/suppression.ts';

const PATH = ['82', '28261', '28261-01'];

const member = (
  ratings: Record<string, MemberRatingLevel>,
  overrides: Partial<CountedMember> = {},
): CountedMember => ({
  status: 'active',
  gender: 'female',
  birthDate: '1990-05-06',
  unitIds: PATH,
  branchKind: 'residential',
  ratings,
  ...overrides,
});

/** The rating counters only, of a member's contribution. */
const ratingsOf = (m: CountedMember) =>
  Object.fromEntries(
    Object.entries(memberContribution(m).counters).filter(([name]) => name.startsWith('member_rating_')),
  );

describe('the counters of members’ ratings', () => {
  it('are named by level and year, and are counters of the aggregate item', () => {
    // Act & Assess
    expect(memberRatingCounter('excellent', 2026)).toBe('member_rating_excellent_2026');
    expect(memberRatingCounter('not_fulfilled', '2025')).toBe('member_rating_not_fulfilled_2025');
    expect(['member_rating_good_2026', 'member_rating_not_fulfilled_1999'].every(isCounter)).toBe(true);
    expect(
      ['member_rating_good_', 'member_rating_best_2026', 'member_rating_2026', 'member_rating_good_26'].some(
        isCounter,
      ),
    ).toBe(false);
  });

  it('read back by level and year, and write back the same', () => {
    // Prepare
    const item = {
      members_active: 4,
      member_rating_fulfilled_2025: 3,
      member_rating_fulfilled_2026: 1,
      member_rating_not_fulfilled_2026: 2,
      unitId: '82',
    };

    // Act
    const counts = readUnitCounts(item);

    // Assess: "fulfilled" does not read "not_fulfilled"'s counters.
    expect(counts.memberRatings).toEqual({
      excellent: {},
      good: {},
      fulfilled: { '2025': 3, '2026': 1 },
      not_fulfilled: { '2026': 2 },
    });
    const { unitId: _, ...counters } = item;
    expect(countersOf(counts)).toEqual(counters);
  });

  it('are copied by a snapshot and read for the year asked about', () => {
    // Prepare
    const item = {
      members_active: 4,
      member_rating_good_2026: 2,
      member_rating_excellent_2025: 1,
      snapshotOf: 'x',
    };

    // Act
    const copied = snapshotCounters(item);

    // Assess
    expect(copied).toEqual({
      members_active: 4,
      member_rating_good_2026: 2,
      member_rating_excellent_2025: 1,
    });
    expect(rawMemberRatings(copied, 2026)).toEqual({ excellent: 0, good: 2, fulfilled: 0, not_fulfilled: 0 });
    expect(rawMemberRatings(copied, 2025)).toEqual({ excellent: 1, good: 0, fulfilled: 0, not_fulfilled: 0 });
  });
});

describe('what a member’s ratings contribute', () => {
  it('nothing when never rated', () => {
    // Act & Assess
    expect(ratingsOf(member({}))).toEqual({});
    expect(ratingsOf(member({}, { ratings: undefined }))).toEqual({});
  });

  it('one of its level for each year rated', () => {
    // Act & Assess
    expect(ratingsOf(member({ '2025': 'good', '2026': 'excellent' }))).toEqual({
      member_rating_good_2025: 1,
      member_rating_excellent_2026: 1,
    });
  });

  it('whatever became of the member since: a former member’s ratings stay facts of their year', () => {
    // Act & Assess
    for (const status of ['removed', 'transferred_out', 'deceased', 'graduated'] as const)
      expect(memberContribution(member({ '2026': 'fulfilled' }, { status })).counters).toEqual({
        [`members_${status}`]: 1,
        member_rating_fulfilled_2026: 1,
      });
  });

  it('re-rated: one less of the old level and one more of the new, at every level of the map', () => {
    // Act
    const deltas = deltaOf(
      memberContribution(member({ '2026': 'good' })),
      memberContribution(member({ '2026': 'excellent' })),
    );

    // Assess
    expect(Object.fromEntries(deltas)).toEqual(
      Object.fromEntries(
        PATH.map((unitId) => [unitId, { member_rating_good_2026: -1, member_rating_excellent_2026: 1 }]),
      ),
    );
  });
});

describe('a stored member', () => {
  const stored = (ratings: unknown) => ({
    PK: 'alpha:women#MEMBER#m1',
    SK: 'MEMBER',
    _tenant: 'alpha:women',
    _entity: 'member',
    id: 'm1',
    fullName: 'Trần Thị Bình',
    status: 'active',
    gender: 'female',
    birthDate: '1990-05-06',
    unitIds: PATH,
    branchKind: 'residential',
    ratings,
  });

  it('cannot be counted with a rating of no known level or year: an error, not nothing', () => {
    // Act & Assess
    expect(countedMember(stored({ '2026': 'good' })).ratings).toEqual({ '2026': 'good' });
    expect(() => countedMember(stored({ '2026': 'best' }))).toThrow();
    expect(() => countedMember(stored({ soon: 'good' }))).toThrow();
  });

  it('rated moves the counters through the stream', async () => {
    // Prepare
    const record: DynamoDBRecord = {
      eventID: '9',
      eventName: 'MODIFY',
      dynamodb: {
        SequenceNumber: '9'.padStart(21, '0'),
        OldImage: marshall(stored(undefined), { removeUndefinedValues: true }) as never,
        NewImage: marshall(stored({ '2026': 'not_fulfilled' })) as never,
      },
    };

    // Act
    const change = await changeOf(record, async () => {
      throw new Error('no unit read expected');
    });

    // Assess
    expect(Object.fromEntries(change?.deltas ?? new Map())).toEqual(
      Object.fromEntries(PATH.map((unitId) => [unitId, { member_rating_not_fulfilled_2026: 1 }])),
    );
  });
});

describe('what a reader is shown', () => {
  const raw = { excellent: 1, good: 1, fulfilled: 1, not_fulfilled: 0 };

  it('shares of those rated adding up to exactly 100.00, and zeros when nobody is rated', () => {
    // Act
    const shown = memberRatingsView(2026, raw, Published.all());

    // Assess: a third each, rounded alone, would add up to 99.99.
    expect(shown).toEqual({
      year: 2026,
      counts: raw,
      rated: 3,
      percentages: { excellent: 33.34, good: 33.33, fulfilled: 33.33, not_fulfilled: 0 },
    });
    expect(memberRatingsView(2026, { ...raw, excellent: 0, good: 0, fulfilled: 0 }, Published.all())).toEqual(
      {
        year: 2026,
        counts: { excellent: 0, good: 0, fulfilled: 0, not_fulfilled: 0 },
        rated: 0,
        percentages: { excellent: 0, good: 0, fulfilled: 0, not_fulfilled: 0 },
      },
    );
  });

  it('a share hidden with its count, and all of them with those rated', () => {
    // Prepare
    const hiding = (...fields: string[]) =>
      new Published(new Set(fields.map((field) => `u1/own.memberRatings.${field}`)), 'u1', 'own');

    // Act
    const someHidden = memberRatingsView(2026, raw, hiding('excellent', 'good'));
    const ratedHidden = memberRatingsView(2026, raw, hiding('rated'));

    // Assess
    expect(someHidden.percentages).toEqual({
      excellent: null,
      good: null,
      fulfilled: 33.33,
      not_fulfilled: 0,
    });
    expect(someHidden.rated).toBe(3);
    expect(ratedHidden.counts).toEqual(raw);
    expect(Object.values(ratedHidden.percentages)).toEqual([null, null, null, null]);
  });

  it('units merged since: counts added, shares worked out again, a hidden part hiding the sum', () => {
    // Prepare
    const a = memberRatingsView(2026, raw, Published.all());
    const b = memberRatingsView(
      2026,
      { excellent: 1, good: 0, fulfilled: 0, not_fulfilled: 0 },
      Published.all(),
    );

    // Act & Assess
    expect(sumMemberRatings([a, b])).toEqual({
      year: 2026,
      counts: { excellent: 2, good: 1, fulfilled: 1, not_fulfilled: 0 },
      rated: 4,
      percentages: { excellent: 50, good: 25, fulfilled: 25, not_fulfilled: 0 },
    });
    const hidden = sumMemberRatings([a, unknownMemberRatings(2026)]);
    expect(hidden.rated).toBeNull();
    expect(Object.values(hidden.percentages)).toEqual([null, null, null, null]);
  });
});
