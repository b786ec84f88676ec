/**
 * Introductions to the Party as counters, without a database: what a member's introductions are
 * worth to the aggregates in each year, what recording an outcome changes, and that the counters
 * read back, write back and are copied by a snapshot like the others.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { changeOf } from '../../functions/stream/aggregates.ts';
import type { PartyIntroduction } from '../../shared/domain/party/party-introduction.ts';
import {
  countersOf,
  isCounter,
  partyAdmittedCounter,
  partyIntroducedCounter,
  readUnitCounts,
} from '../../shared/figures/counters.ts';
import {
  type CountedIntroduction,
  type CountedMember,
  countedMember,
  deltaOf,
  memberContribution,
} from '../../shared/figures/deltas.ts';
import { countersOf as snapshotCounters } from '../../shared/figures/reading/counters.ts';
import { rawParty } from '../../shared/figures/reading/rows.ts';

const PATH = ['82', '28261', '28261-01'];

const member = (
  introductions: CountedIntroduction[],
  overrides: Partial<CountedMember> = {},
): CountedMember => ({
  status: 'active',
  gender: 'male',
  birthDate: '1995-02-03',
  unitIds: PATH,
  branchKind: 'residential',
  partyIntroductions: introductions,
  ...overrides,
});

const introduced = (introducedOn: string): CountedIntroduction => ({
  introducedOn,
  state: 'pending',
  decidedOn: null,
});
const decided = (
  introducedOn: string,
  state: CountedIntroduction['state'],
  decidedOn: string,
): CountedIntroduction => ({ introducedOn, state, decidedOn });

/** The party counters only, of a member's contribution. */
const partyOf = (m: CountedMember) =>
  Object.fromEntries(
    Object.entries(memberContribution(m).counters).filter(([name]) => name.startsWith('party_')),
  );

describe('the counters of introductions to the Party', () => {
  it('are named by the year, and are counters of the aggregate item', () => {
    // Act & Assess
    expect(partyIntroducedCounter(2026)).toBe('party_introduced_2026');
    expect(partyAdmittedCounter('2025')).toBe('party_admitted_2025');
    expect(['party_introduced_2026', 'party_admitted_1999'].every(isCounter)).toBe(true);
    expect(
      ['party_introduced_', 'party_admitted_26', 'party_pending_2026', 'party_2026'].some(isCounter),
    ).toBe(false);
  });

  it('read back by year, and write back the same', () => {
    // Prepare
    const item = {
      members_active: 4,
      party_introduced_2025: 3,
      party_introduced_2026: 2,
      party_admitted_2026: 1,
      unitId: '82',
    };

    // Act
    const counts = readUnitCounts(item);

    // Assess
    expect(counts.partyIntroduced).toEqual({ '2025': 3, '2026': 2 });
    expect(counts.partyAdmitted).toEqual({ '2026': 1 });
    const { unitId: _, ...counters } = item;
    expect(countersOf(counts)).toEqual(counters);
  });

  it('are copied by a snapshot and read for the year asked about', () => {
    // Prepare
    const item = { members_active: 4, party_introduced_2026: 2, party_admitted_2026: 1, snapshotOf: 'x' };

    // Act
    const copied = snapshotCounters(item);

    // Assess
    expect(copied).toEqual({ members_active: 4, party_introduced_2026: 2, party_admitted_2026: 1 });
    expect(rawParty(copied, 2026)).toEqual({ introduced: 2, admitted: 1 });
    expect(rawParty(copied, 2025)).toEqual({ introduced: 0, admitted: 0 });
  });
});

describe('what a member’s introductions contribute', () => {
  it('nothing when never introduced', () => {
    // Act & Assess
    expect(partyOf(member([]))).toEqual({});
    expect(partyOf(member([], { partyIntroductions: undefined }))).toEqual({});
  });

  it('an introduction in the year it was made, pending or answered, but not once withdrawn', () => {
    // Act & Assess
    expect(partyOf(member([introduced('2026-03-01')]))).toEqual({ party_introduced_2026: 1 });
    expect(partyOf(member([decided('2026-03-01', 'not_admitted', '2026-09-01')]))).toEqual({
      party_introduced_2026: 1,
    });
    expect(partyOf(member([decided('2026-03-01', 'withdrawn', '2026-04-01')]))).toEqual({});
  });

  it('an admission in the year it was decided, the introduction in its own year', () => {
    // Act & Assess
    expect(partyOf(member([decided('2025-11-20', 'admitted', '2026-02-03')]))).toEqual({
      party_introduced_2025: 1,
      party_admitted_2026: 1,
    });
  });

  it('every introduction of a member introduced again, each in its year', () => {
    // Act & Assess
    expect(
      partyOf(
        member([
          decided('2025-03-01', 'not_admitted', '2025-06-01'),
          decided('2025-08-01', 'withdrawn', '2025-08-15'),
          decided('2026-01-10', 'admitted', '2026-05-19'),
        ]),
      ),
    ).toEqual({ party_introduced_2025: 1, party_introduced_2026: 1, party_admitted_2026: 1 });
  });

  it('whatever became of the member since: a former member’s introductions stay facts of their year', () => {
    // Act & Assess
    for (const status of ['removed', 'transferred_out', 'deceased', 'graduated'] as const)
      expect(
        memberContribution(member([decided('2026-01-10', 'admitted', '2026-05-19')], { status })).counters,
      ).toEqual({ [`members_${status}`]: 1, party_introduced_2026: 1, party_admitted_2026: 1 });
  });
});

describe('the change an outcome makes', () => {
  const pending = member([introduced('2026-03-01')]);

  it('an admission adds one admission of its year at every level, and nothing else', () => {
    // Act
    const deltas = deltaOf(
      memberContribution(pending),
      memberContribution(member([decided('2026-03-01', 'admitted', '2026-10-02')])),
    );

    // Assess
    expect(Object.fromEntries(deltas)).toEqual(
      Object.fromEntries(PATH.map((unitId) => [unitId, { party_admitted_2026: 1 }])),
    );
  });

  it('a withdrawal takes the introduction away; a refusal changes nothing counted', () => {
    // Act & Assess
    expect(
      deltaOf(
        memberContribution(pending),
        memberContribution(member([decided('2026-03-01', 'withdrawn', '2026-03-05')])),
      ).get('82'),
    ).toEqual({ party_introduced_2026: -1 });
    expect(
      deltaOf(
        memberContribution(pending),
        memberContribution(member([decided('2026-03-01', 'not_admitted', '2026-10-02')])),
      ).size,
    ).toBe(0);
  });

  it('a transfer takes the introductions along with the member', () => {
    // Act
    const other = ['82', '28249', '28249-01'];
    const deltas = deltaOf(memberContribution(pending), memberContribution({ ...pending, unitIds: other }));

    // Assess
    expect(deltas.get('82')).toBeUndefined();
    expect(deltas.get('28261-01')).toMatchObject({ party_introduced_2026: -1 });
    expect(deltas.get('28249-01')).toMatchObject({ party_introduced_2026: 1 });
  });
});

describe('a stored member', () => {
  const stored = (introductions: unknown) => ({
    PK: 'alpha:youth#MEMBER#m1',
    SK: 'MEMBER',
    _tenant: 'alpha:youth',
    _entity: 'member',
    id: 'm1',
    fullName: 'Trần Văn Bình',
    status: 'active',
    gender: 'male',
    birthDate: '1999-01-02',
    unitIds: PATH,
    branchKind: 'residential',
    partyMember: false,
    partyIntroductions: introductions,
  });
  const full = (fields: Partial<PartyIntroduction>): PartyIntroduction => ({
    id: 'i1',
    introducedOn: '2026-03-01',
    branchId: 'b1',
    decisionNumber: '12-QĐ/ĐTN',
    note: null,
    state: 'pending',
    decidedOn: null,
    decisionNote: null,
    recordedBy: 'alpha.youth',
    ...fields,
  });

  it('is counted from its introductions as kept on it, their other fields ignored', () => {
    // Act
    const counted = countedMember(stored([full({ state: 'admitted', decidedOn: '2026-06-01' })]));

    // Assess
    expect(counted.partyIntroductions).toEqual([
      { introducedOn: '2026-03-01', state: 'admitted', decidedOn: '2026-06-01' },
    ]);
  });

  it('cannot be counted with an admission that has no day: an error, not nothing', () => {
    // Act & Assess
    expect(() => countedMember(stored([full({ state: 'admitted', decidedOn: null })]))).toThrow();
    expect(() => countedMember(stored([full({ introducedOn: 'soon' })]))).toThrow();
  });

  it('whose outcome is recorded moves the counters through the stream', async () => {
    // Prepare
    const record: DynamoDBRecord = {
      eventID: '9',
      eventName: 'MODIFY',
      dynamodb: {
        SequenceNumber: '9'.padStart(21, '0'),
        OldImage: marshall(stored([full({})])) as never,
        NewImage: marshall({
          ...stored([full({ state: 'admitted', decidedOn: '2026-06-01' })]),
          partyMember: true,
        }) as never,
      },
    };

    // Act
    const change = await changeOf(record, async () => {
      throw new Error('no unit read expected');
    });

    // Assess
    expect(change?.tenant).toBe('alpha:youth');
    expect(Object.fromEntries(change?.deltas ?? new Map())).toEqual(
      Object.fromEntries(PATH.map((unitId) => [unitId, { party_admitted_2026: 1 }])),
    );
  });
});
