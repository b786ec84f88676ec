/**
 * What a member or a branch is worth to the aggregates, and what a change of one does to them:
 * computed without a database. A model written out here independently (a count per unit and
 * counter) checks random histories of members, and the stream records those histories make.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeOf } from '../../functions/stream/aggregates.ts';
import { MEMBER_STATUSES, type MemberStatus } from '../../shared/domain/members/member.ts';
import { chunkChanges, type RecordChange } from '../../shared/figures/apply-changes.ts';
import {
  AGGREGATE_COUNTERS,
  bornCounter,
  type Counters,
  countersOf,
  isCounter,
  readUnitCounts,
} from '../../shared/figures/counters.ts';
import {
  branchContribution,
  type CountedMember,
  DeltaSum,
  deltaOf,
  memberContribution,
  type UnitDeltas,
} from '../../shared/figures/deltas.ts';
import type { MembershipChange } from '../../shared/figures/persons.ts';

const HAMLET_PATH = ['82', '28261', '28261-01'];
const OTHER_HAMLET_PATH = ['82', '28249', '28249-01'];

const member = (overrides: Partial<CountedMember> = {}): CountedMember => ({
  status: 'active',
  gender: 'female',
  birthDate: '1990-03-04',
  unitIds: HAMLET_PATH,
  branchKind: 'residential',
  ...overrides,
});

const asObject = (deltas: UnitDeltas) => Object.fromEntries(deltas);

describe('the counters of an aggregate item', () => {
  it('are flat attribute names, one per status, gender and branch kind, plus professional and birth years', () => {
    // Act & Assess
    expect(Object.values(AGGREGATE_COUNTERS.members)).toEqual([
      'members_active',
      'members_away',
      'members_lapsed',
      'members_transferred_out',
      'members_removed',
      'members_deceased',
      'members_graduated',
    ]);
    expect(AGGREGATE_COUNTERS.gender).toEqual({ male: 'gender_male', female: 'gender_female' });
    expect(AGGREGATE_COUNTERS.branches).toEqual({
      residential: 'branches_residential',
      professional: 'branches_professional',
      agency: 'branches_agency',
    });
    expect(bornCounter(1990)).toBe('born_1990');
    expect(['professional', 'born_2001', 'members_away'].every(isCounter)).toBe(true);
    expect(['unitId', 'expiresAt', 'born_', 'members_unknown'].some(isCounter)).toBe(false);
  });

  it('read back as counts, absent counters as 0, other attributes ignored, and write back the same', () => {
    // Prepare
    const item = {
      members_active: 3,
      members_removed: 1,
      gender_female: 2,
      gender_male: 1,
      born_1990: 2,
      born_2001: 1,
      professional: 1,
      branches_residential: 4,
      unitId: '82',
    };

    // Act
    const counts = readUnitCounts(item);

    // Assess
    expect(counts).toEqual({
      members: {
        active: 3,
        away: 0,
        lapsed: 0,
        transferred_out: 0,
        removed: 1,
        deceased: 0,
        graduated: 0,
      },
      gender: { male: 1, female: 2 },
      bornIn: { '1990': 2, '2001': 1 },
      professional: 1,
      branches: { residential: 4, professional: 0, agency: 0 },
      partyIntroduced: {},
      partyAdmitted: {},
      memberRatings: { excellent: {}, good: {}, fulfilled: {}, not_fulfilled: {} },
      branchRatings: { strong: {}, good: {}, average: {}, weak: {} },
      branchStandards: {
        residential: { rated: {}, met: {} },
        professional: { rated: {}, met: {} },
        agency: { rated: {}, met: {} },
      },
      reviews: {
        branches: {},
        done: {},
        members: {},
        reviewed: {},
        active: {},
        away: {},
        lapsed: {},
        left: {},
      },
    });
    const { unitId: _, ...counters } = item;
    expect(countersOf(counts)).toEqual(counters);
    expect(readUnitCounts(undefined).members.active).toBe(0);
  });
});

describe('what an item contributes', () => {
  it('a current member: its status, gender and birth year, and professional in a professional branch, at every level', () => {
    // Act
    const contribution = memberContribution(member({ status: 'away', branchKind: 'professional' }));

    // Assess
    expect(contribution).toEqual({
      unitIds: HAMLET_PATH,
      counters: { members_away: 1, gender_female: 1, born_1990: 1, professional: 1 },
    });
  });

  it('a former member: its status only', () => {
    // Act & Assess
    for (const status of ['transferred_out', 'removed', 'deceased', 'graduated'] as const)
      expect(memberContribution(member({ status, branchKind: 'professional' })).counters).toEqual({
        [`members_${status}`]: 1,
      });
  });

  it('a member stored before branch kinds were kept counts as not professional', () => {
    // Act & Assess
    expect(memberContribution(member({ branchKind: undefined })).counters).not.toHaveProperty('professional');
  });

  it('a branch: its kind along its unit path, unless dissolved', () => {
    // Act & Assess
    expect(
      branchContribution({ unitId: '28261', kind: 'agency', status: 'dissolving' }, ['82', '28261']),
    ).toEqual({ unitIds: ['82', '28261'], counters: { branches_agency: 1 } });
    expect(
      branchContribution({ unitId: '28261', kind: 'agency', status: 'dissolved' }, ['82', '28261']).unitIds,
    ).toEqual([]);
  });
});

describe('the change a record makes', () => {
  it('a status change moves one count between statuses at every level, and nothing else', () => {
    // Act
    const deltas = deltaOf(memberContribution(member()), memberContribution(member({ status: 'lapsed' })));

    // Assess
    const change = { members_active: -1, members_lapsed: 1 };
    expect(asObject(deltas)).toEqual({ '82': change, '28261': change, '28261-01': change });
  });

  it('a transfer to another commune leaves the province alone', () => {
    // Act
    const deltas = deltaOf(
      memberContribution(member()),
      memberContribution(member({ unitIds: OTHER_HAMLET_PATH, branchKind: 'professional' })),
    );

    // Assess
    const out = { members_active: -1, gender_female: -1, born_1990: -1 };
    const into = { members_active: 1, gender_female: 1, born_1990: 1, professional: 1 };
    expect(asObject(deltas)).toEqual({
      '82': { professional: 1 },
      '28261': out,
      '28261-01': out,
      '28249': into,
      '28249-01': into,
    });
  });

  it('an admission adds, a change of name adds nothing, leaving takes gender and age away', () => {
    // Act & Assess
    expect(deltaOf(null, memberContribution(member())).get('82')).toEqual({
      members_active: 1,
      gender_female: 1,
      born_1990: 1,
    });
    expect(deltaOf(memberContribution(member()), memberContribution(member())).size).toBe(0);
    expect(
      deltaOf(memberContribution(member()), memberContribution(member({ status: 'deceased' }))).get('82'),
    ).toEqual({ members_active: -1, members_deceased: 1, gender_female: -1, born_1990: -1 });
  });

  it('summed over any history, equals the last state minus the first (a model count per unit)', () => {
    // Prepare
    const state = fc.record({
      status: fc.constantFrom(...MEMBER_STATUSES),
      gender: fc.constantFrom('male' as const, 'female' as const),
      birthDate: fc.integer({ min: 1940, max: 2008 }).map((year) => `${year}-06-15`),
      unitIds: fc.constantFrom(HAMLET_PATH, OTHER_HAMLET_PATH, ['82', '28261']),
      branchKind: fc.constantFrom('residential' as const, 'professional' as const, 'agency' as const, null),
    });

    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 12 }), (history) => {
        // Act
        const sum = new DeltaSum();
        let previous: CountedMember | null = null;
        for (const next of history) {
          sum.add('t', deltaOf(previous && memberContribution(previous), memberContribution(next)));
          previous = next;
        }

        // Assess
        const model = modelCounts(history.at(-1) as CountedMember);
        const summed = Object.fromEntries(sum.updates().map((u) => [u.unitId, u.counters]));
        expect(summed).toEqual(model);
      }),
    );
  });
});

describe('stream records', () => {
  const record = (eventID: string, before: object | null, after: object | null): DynamoDBRecord => ({
    eventID,
    eventName: before && after ? 'MODIFY' : after ? 'INSERT' : 'REMOVE',
    dynamodb: {
      SequenceNumber: eventID.padStart(21, '0'),
      ...(before && { OldImage: marshall(before, { removeUndefinedValues: true }) as never }),
      ...(after && { NewImage: marshall(after, { removeUndefinedValues: true }) as never }),
    },
  });
  const stored = (fields: object, entity = 'member') => ({
    PK: 'alpha:farmers#MEMBER#m1',
    SK: 'MEMBER',
    _tenant: 'alpha:farmers',
    _entity: entity,
    id: 'm1',
    communeId: '28261',
    fullName: 'Nguyễn Thị An',
    ...fields,
  });
  const noUnit = async (): Promise<readonly string[]> => {
    throw new Error('no unit read expected');
  };

  it('of a member become the change of its tenant, keyed by event and sequence', async () => {
    // Act
    const change = await changeOf(
      record('7', stored(member()), stored(member({ status: 'removed' }))),
      noUnit,
    );

    // Assess
    expect(change?.tenant).toBe('alpha:farmers');
    expect(change?.eventId).toBe('7');
    expect(change?.sequenceNumber).toBe('7'.padStart(21, '0'));
    expect(change?.deltas.get('28261-01')).toEqual({
      members_active: -1,
      members_removed: 1,
      gender_female: -1,
      born_1990: -1,
    });
    expect(change?.membership).toEqual({
      front: 'alpha:front',
      memberId: 'm1',
      // The hamlet too: it is one place on the province's map, where the Front counts people.
      before: { hash: null, units: ['82', '28261', '28261-01'] },
      after: null,
    });
  });

  it('of other items, or of members changing nothing counted, change nothing', async () => {
    // Act & Assess
    expect(await changeOf(record('1', null, stored({ memberId: 'm1' }, 'member_event')), noUnit)).toBeNull();
    expect(
      await changeOf(record('2', stored(member()), stored({ ...member(), fullName: 'Lê Thị An' })), noUnit),
    ).toBeNull();
  });

  it('of a branch read the unit path once, and a dissolution takes the branch away', async () => {
    // Prepare
    const branch = { id: 'b1', unitId: '28261', kind: 'agency', status: 'active' };
    const paths: string[] = [];
    const unitPath = async (tenant: string, unitId: string) => {
      paths.push(`${tenant}/${unitId}`);
      return ['82', unitId];
    };

    // Act
    const created = await changeOf(record('1', null, stored(branch, 'branch')), unitPath);
    const dissolved = await changeOf(
      record(
        '2',
        stored({ ...branch, status: 'dissolving' }, 'branch'),
        stored({ ...branch, status: 'dissolved' }, 'branch'),
      ),
      unitPath,
    );

    // Assess
    expect(asObject(created?.deltas ?? new Map())).toEqual({
      '82': { branches_agency: 1 },
      '28261': { branches_agency: 1 },
    });
    expect(asObject(dissolved?.deltas ?? new Map())).toEqual({
      '82': { branches_agency: -1 },
      '28261': { branches_agency: -1 },
    });
    expect(paths).toEqual(['alpha:farmers/28261', 'alpha:farmers/28261']);
  });

  it('of a member that cannot be counted are an error, not nothing', async () => {
    // Act & Assess
    await expect(
      changeOf(record('1', null, stored({ ...member(), status: 'sleeping' })), noUnit),
    ).rejects.toThrow();
  });
});

describe('transactions of a batch', () => {
  it('hold at most 100 operations (the shard’s progress, an update per item), records in order', () => {
    // Prepare
    const change = fc.record({
      tenant: fc.constantFrom('a:farmers', 'b:youth'),
      units: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 8 }),
      person: fc.option(fc.integer({ min: 0, max: 20 })),
    });
    // A member joining with a national id: it writes its person record and the Front's items.
    const membershipOf = (tenant: string, units: number[], person: number): MembershipChange => ({
      front: `${tenant.split(':')[0]}:front`,
      memberId: `m${person}`,
      before: null,
      after: { hash: `h${person}`, units: units.slice(0, 3).map((u) => `u${u}`) },
    });

    fc.assert(
      fc.property(fc.array(change, { maxLength: 400 }), fc.integer({ min: 20, max: 100 }), (drawn, limit) => {
        const changes: RecordChange[] = drawn.map((c, n) => ({
          eventId: `e${n}`,
          sequenceNumber: String(n),
          item: `i${n}`,
          tenant: c.tenant,
          deltas: new Map(c.units.map((u) => [`u${u}`, { members_active: 1 } as Counters])),
          membership: c.person === null ? null : membershipOf(c.tenant, c.units, c.person),
        }));

        // Act
        const chunks = chunkChanges(changes, limit);

        // Assess
        expect(chunks.flat()).toEqual(changes);
        for (const chunk of chunks) {
          const items = new Set(
            chunk.flatMap((c) => [
              ...[...c.deltas.keys()].map((u) => `${c.tenant}/${u}`),
              ...(c.membership?.after?.units ?? []).map((u) => `${c.membership?.front}/${u}`),
              ...(c.membership?.after?.hash
                ? [`person/${c.membership.front}/${c.membership.after.hash}`]
                : []),
            ]),
          );
          expect(1 + items.size).toBeLessThanOrEqual(limit);
        }
      }),
    );
  });

  it('sum a bulk change into one update per aggregate item', () => {
    // Prepare
    const admissions = Array.from({ length: 90 }, () => deltaOf(null, memberContribution(member())));

    // Act
    const sum = new DeltaSum();
    for (const deltas of admissions) sum.add('alpha:farmers', deltas);

    // Assess
    expect(sum.updates()).toEqual(
      HAMLET_PATH.map((unitId) => ({
        tenant: 'alpha:farmers',
        unitId,
        counters: { members_active: 90, gender_female: 90, born_1990: 90 },
      })),
    );
  });
});

/** The model: the counters a member in this state holds, written out from the rules in counters.ts. */
function modelCounts(state: CountedMember): Record<string, Counters> {
  const current = (['active', 'away', 'lapsed'] as MemberStatus[]).includes(state.status);
  const counters: Counters = { [`members_${state.status}`]: 1 };
  if (current) {
    counters[`gender_${state.gender}`] = 1;
    counters[`born_${state.birthDate.slice(0, 4)}`] = 1;
    if (state.branchKind === 'professional') counters.professional = 1;
  }
  return Object.fromEntries(state.unitIds.map((unitId) => [unitId, counters]));
}
