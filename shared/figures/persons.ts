/**
 * Distinct people for the Front: a person who belongs to the Farmers' Union and the Women's
 * Union of a commune is one person there, not two. People are told apart by the keyed hash of
 * their national id (shared/privacy: one key per province, so the four organizations' hashes of
 * the same id agree), never by name, and nothing here is ever served: the Front reads counts.
 *
 * A person's record lists where each of their memberships counts (by member id, so an ended
 * membership and a new one with the same id cannot be confused when their changes arrive out of
 * order). The person counts once in every unit of the union of those places; a change of one
 * membership moves `unique_persons` by +1 in the units the union gains and −1 in those it loses.
 *
 * Members count in every unit of their path, the hamlet included: the province's map is one for
 * the four organizations, so a hamlet is a place they share like the commune above it. A member
 * without a national id cannot be matched with anyone and counts as a person of their own.
 *
 * Pure: the stream function reads the person records and writes what this plans.
 */
import { z } from 'zod';
import { isCurrent } from '../domain/members/lifecycle.ts';
import { MEMBER_STATUSES } from '../domain/members/member.ts';
import { organizationOf, tenantIdOf } from '../domain/organizations.ts';
import { provinceOf, toTenantId } from '../domain/tenant-id.ts';
import { AGGREGATE_COUNTERS } from './counters.ts';
import { DeltaSum, type UnitDeltas } from './deltas.ts';

const UNIQUE_PERSONS = AGGREGATE_COUNTERS.uniquePersons;

/** Where one current membership counts: the units of its path, province first. */
export interface Membership {
  /** The keyed national-id hash; null when the member has no national id. */
  readonly hash: string | null;
  readonly units: readonly string[];
}

/** One member item's change, as the Front's distinct-person counts see it. */
export interface MembershipChange {
  /** The Front tenant of the member's province. */
  readonly front: string;
  readonly memberId: string;
  /** Null when the member was not a current member (or did not exist). */
  readonly before: Membership | null;
  readonly after: Membership | null;
}

/** A stored person: their current memberships, by member id. */
export interface PersonRecord {
  readonly memberships: Readonly<Record<string, readonly string[]>>;
  /** Bumped by every write, so two writers of one person cannot both succeed on a stale read. */
  readonly version: number;
}

/** A person as the stream function finds and leaves them. */
export interface PersonRef {
  readonly front: string;
  readonly hash: string;
}

export interface PersonWrite extends PersonRef {
  /** The version read; null when the person was not stored. */
  readonly expectedVersion: number | null;
  /** The person's memberships after the change; null when none is left (the record goes). */
  readonly after: PersonRecord | null;
}

const countedMemberSchema = z.object({
  id: z.string().min(1),
  status: z.enum(MEMBER_STATUSES),
  unitIds: z.array(z.string().min(1)).min(1),
  nationalId: z.object({ hash: z.string().min(1) }).nullish(),
});

/**
 * Where a stored member counts as a person, or null when they are not a current member. An
 * item that cannot be read this way stops the batch, like any uncountable item.
 */
export function membershipOf(item: unknown): Membership | null {
  const member = countedMemberSchema.parse(item);
  if (!isCurrent(member.status)) return null;
  return { hash: member.nationalId?.hash ?? null, units: member.unitIds };
}

/**
 * The change of a member item (either image absent), or null when the Front's counts cannot
 * move: the same person counting in the same places before and after.
 */
export function membershipChange(
  tenant: string,
  before: Readonly<Record<string, unknown>> | undefined,
  after: Readonly<Record<string, unknown>> | undefined,
): MembershipChange | null {
  if (organizationOf(tenant) === null) throw new Error(`members of ${tenant} belong to no organization`);
  const old = before ? membershipOf(before) : null;
  const current = after ? membershipOf(after) : null;
  if (sameMembership(old, current)) return null;
  const memberId = countedMemberSchema.shape.id.parse((after ?? before)?.id);
  const front = tenantIdOf(provinceOf(toTenantId(tenant)), 'front');
  return { front, memberId, before: old, after: current };
}

/** The persons a change reads and writes. */
export function personsOf(change: MembershipChange): PersonRef[] {
  const hashes = new Set([change.before?.hash, change.after?.hash]);
  return [...hashes].flatMap((hash) => (hash ? [{ front: change.front, hash }] : []));
}

/** The Front's aggregate items a change may move: every unit it counted or counts in. */
export function frontUnitsOf(change: MembershipChange): string[] {
  return [...new Set([...(change.before?.units ?? []), ...(change.after?.units ?? [])])];
}

/** `front` + hash: how persons are told apart in maps. */
export function personId(ref: PersonRef): string {
  return `${ref.front}\u0000${ref.hash}`;
}

/**
 * Applies changes, in order, to the persons as stored: the counter changes of the Front's
 * aggregates and the person records to write. `stored` holds every person the changes name
 * that exists (personsOf); one absent from it is not stored.
 */
export function planPersons(
  changes: readonly MembershipChange[],
  stored: ReadonlyMap<string, PersonRecord>,
): { deltas: DeltaSum; writes: PersonWrite[] } {
  const deltas = new DeltaSum();
  const working = new Map<string, { ref: PersonRef; memberships: Record<string, readonly string[]> }>();
  const personOf = (ref: PersonRef) => {
    const id = personId(ref);
    let person = working.get(id);
    if (!person) {
      person = { ref, memberships: { ...stored.get(id)?.memberships } };
      working.set(id, person);
    }
    return person;
  };

  for (const change of changes) {
    // Members without an id are people of their own: they count where they are, directly.
    if (change.before && !change.before.hash) deltas.add(change.front, countIn(change.before.units, -1));
    if (change.after && !change.after.hash) deltas.add(change.front, countIn(change.after.units, 1));
    if (change.before?.hash)
      delete personOf({ front: change.front, hash: change.before.hash }).memberships[change.memberId];
    if (change.after?.hash)
      personOf({ front: change.front, hash: change.after.hash }).memberships[change.memberId] =
        change.after.units;
  }

  const writes: PersonWrite[] = [];
  for (const [id, { ref, memberships }] of working) {
    const before = stored.get(id);
    const was = placesOf(before?.memberships ?? {});
    const is = placesOf(memberships);
    const moved: UnitDeltas = new Map();
    for (const unit of is) if (!was.has(unit)) moved.set(unit, { [UNIQUE_PERSONS]: 1 });
    for (const unit of was) if (!is.has(unit)) moved.set(unit, { [UNIQUE_PERSONS]: -1 });
    deltas.add(ref.front, moved);
    const left = Object.keys(memberships).length > 0;
    if (!before && !left) continue;
    writes.push({
      ...ref,
      expectedVersion: before?.version ?? null,
      after: left ? { memberships, version: (before?.version ?? 0) + 1 } : null,
    });
  }
  return { deltas, writes };
}

function countIn(units: readonly string[], sign: 1 | -1): UnitDeltas {
  return new Map(units.map((unit) => [unit, { [UNIQUE_PERSONS]: sign }]));
}

function placesOf(memberships: Readonly<Record<string, readonly string[]>>): Set<string> {
  return new Set(Object.values(memberships).flat());
}

function sameMembership(a: Membership | null, b: Membership | null): boolean {
  if (a === null || b === null) return a === b;
  return a.hash === b.hash && a.units.length === b.units.length && a.units.every((u, i) => u === b.units[i]);
}
