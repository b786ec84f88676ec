/**
 * Distinct persons for the Front, without a database: random histories of members (some sharing
 * a national id across organizations, some without one) are applied in random batches, the
 * person records kept as a store would keep them, and the counts compared with a model that
 * simply counts distinct people per unit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeltaSum } from '../../shared/figures/deltas.ts';
import {
  type Membership,
  type MembershipChange,
  membershipChange,
  membershipOf,
  type PersonRecord,
  personId,
  personsOf,
  planPersons,
} from '../../shared/figures/persons.ts';

const PATHS = [
  ['82', '28261', '28261-01'],
  ['82', '28261', '28261-02'],
  ['82', '28249', '28249-01'],
  ['82', '28249'],
];

const stored = (fields: Record<string, unknown>) => ({
  id: 'm1',
  status: 'active',
  unitIds: PATHS[0],
  communeId: '28261',
  nationalId: { hash: 'h1', sealed: 'x', masked: '*********123' },
  ...fields,
});

describe('a member as a person', () => {
  it('counts in every unit of its path, the hamlet included, while current', () => {
    expect(membershipOf(stored({}))).toEqual({ hash: 'h1', units: PATHS[0] });
    expect(membershipOf(stored({ nationalId: null }))).toEqual({ hash: null, units: PATHS[0] });
    expect(membershipOf(stored({ status: 'lapsed' }))).not.toBeNull();
    expect(membershipOf(stored({ status: 'removed' }))).toBeNull();
    // A provincial agency's branch: above every commune.
    expect(membershipOf(stored({ unitIds: ['82'], communeId: null }))).toEqual({ hash: 'h1', units: ['82'] });
  });

  it('changes only when the person or where it counts changes', () => {
    const moved = membershipChange('dt:women', stored({}), stored({ unitIds: PATHS[1] }));
    expect(moved).toEqual({
      front: 'dt:front',
      memberId: 'm1',
      before: { hash: 'h1', units: PATHS[0] },
      after: { hash: 'h1', units: PATHS[1] },
    });
    expect(membershipChange('dt:women', stored({}), stored({ status: 'away' }))).toBeNull();
    expect(() => membershipChange('dt:front', stored({}), undefined)).toThrow();
  });
});

/** A member's state in a history: where it counts, or null when it is not a current member. */
type State = Membership | null;

const state = fc.option(
  fc.record({
    hash: fc.option(fc.constantFrom('h1', 'h2', 'h3')),
    units: fc.constantFrom(...PATHS),
  }),
);
const step = fc.record({ member: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5'), to: state });

/** The model: in each unit, how many distinct people have a current membership there. */
function modelCounts(members: ReadonlyMap<string, State>): Record<string, number> {
  const people = new Map<string, Set<string>>();
  for (const [memberId, current] of members) {
    if (!current) continue;
    const person = current.hash ?? `member ${memberId}`;
    for (const unit of current.units) people.set(unit, (people.get(unit) ?? new Set()).add(person));
  }
  return Object.fromEntries([...people].map(([unit, set]) => [unit, set.size]));
}

describe('distinct persons', () => {
  it('equal the model after any history, however it is cut into batches', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1 }),
        (steps, cuts) => {
          // Prepare: the changes the history makes, as the stream would carry them.
          const members = new Map<string, State>();
          const changes: MembershipChange[] = [];
          for (const { member, to } of steps) {
            const from = members.get(member) ?? null;
            members.set(member, to);
            if (JSON.stringify(from) !== JSON.stringify(to))
              changes.push({ front: 'dt:front', memberId: member, before: from, after: to });
          }

          // Act: batches of random sizes, each reading the store and writing its plan.
          const store = new Map<string, PersonRecord>();
          const counts = new DeltaSum();
          for (let start = 0, n = 0; start < changes.length; n++) {
            const batch = changes.slice(start, start + (cuts[n % cuts.length] ?? 1));
            start += batch.length;
            const read = new Map(
              batch.flatMap(personsOf).flatMap((ref) => {
                const person = store.get(personId(ref));
                return person ? [[personId(ref), person] as const] : [];
              }),
            );
            const { deltas, writes } = planPersons(batch, read);
            for (const write of writes) {
              expect(store.get(personId(write))?.version ?? null).toBe(write.expectedVersion);
              if (write.after) store.set(personId(write), write.after);
              else store.delete(personId(write));
            }
            for (const update of deltas.updates())
              counts.add(update.tenant, new Map([[update.unitId, update.counters]]));
          }

          // Assess
          const stored = Object.fromEntries(
            counts.updates().map((u) => [u.unitId, u.counters.unique_persons ?? 0] as const),
          );
          const model = modelCounts(members);
          expect(Object.fromEntries(Object.entries(stored).filter(([, n]) => n !== 0))).toEqual(model);
          // Nobody left in a record once their last membership ended.
          for (const person of store.values())
            expect(Object.keys(person.memberships).length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('count a person in two organizations of one hamlet once, and in each place where they are', () => {
    const join = (memberId: string, units: string[]): MembershipChange => ({
      front: 'dt:front',
      memberId,
      before: null,
      after: { hash: 'h1', units },
    });
    const { deltas, writes } = planPersons(
      [
        join('farmer', ['82', '28261', '28261-01']),
        join('woman', ['82', '28261', '28261-01']),
        join('youth', ['82', '28249']),
      ],
      new Map(),
    );
    expect(Object.fromEntries(deltas.updates().map((u) => [u.unitId, u.counters]))).toEqual({
      '82': { unique_persons: 1 },
      '28261': { unique_persons: 1 },
      '28261-01': { unique_persons: 1 },
      '28249': { unique_persons: 1 },
    });
    expect(writes).toEqual([
      {
        front: 'dt:front',
        hash: 'h1',
        expectedVersion: null,
        after: {
          memberships: {
            farmer: ['82', '28261', '28261-01'],
            woman: ['82', '28261', '28261-01'],
            youth: ['82', '28249'],
          },
          version: 1,
        },
      },
    ]);
  });
});
