/**
 * The aggregate items as the readers see them: one item per tenant and unit, `AGG#<unitId>` /
 * `CURRENT`, kept by the stream function, holding flat counts of the unit's whole subtree
 * (shared/figures/counters.ts names them; this file only reads). A missing attribute is 0 and a
 * missing item is all zeros. Snapshots are copies of the same item under `SNAPSHOT#<yyyy-mm-dd>`.
 */
import { BRANCH_KINDS, type BranchKind } from '../../domain/branches.ts';
import { MEMBER_STATUSES, type MemberStatus } from '../../domain/members/member.ts';
import { AGGREGATE_COUNTERS, isCounter } from '../counters.ts';

export { memberRatingCounter, partyAdmittedCounter, partyIntroducedCounter } from '../counters.ts';

/** Counts as stored: attribute name → number. Anything else on the item is the writer's business. */
export type Aggregate = Readonly<Record<string, unknown>>;

export const EMPTY_AGGREGATE: Aggregate = {};

export const membersCounter = (status: MemberStatus): string => AGGREGATE_COUNTERS.members[status];
export const genderCounter = (gender: 'male' | 'female'): string => AGGREGATE_COUNTERS.gender[gender];
export const PROFESSIONAL_COUNTER: string = AGGREGATE_COUNTERS.professional;
export const branchesCounter = (kind: BranchKind): string => AGGREGATE_COUNTERS.branches[kind];
const BORN_PREFIX: string = AGGREGATE_COUNTERS.bornPrefix;
/** Distinct people across the four organizations, on the Front tenant's items only. */
export const UNIQUE_PERSONS_COUNTER: string = AGGREGATE_COUNTERS.uniquePersons;

/** The statuses whose members are still members; the rest ended their membership. */
export const CURRENT_STATUSES = ['active', 'away', 'lapsed'] as const satisfies readonly MemberStatus[];

export { BRANCH_KINDS, MEMBER_STATUSES };

/** A count as stored; absent, negative or not a number reads as 0 (a writer's bug never shows as NaN). */
export function countOf(item: Aggregate | undefined, counter: string): number {
  const value = item?.[counter];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Published counts added up: one unknown (hidden, or no figures) makes the sum unknown. */
export function sumKnown(values: readonly (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : (values as number[]).reduce((s, v) => s + v, 0);
}

/** The birth years present on an item, with their counts. */
export function birthYears(item: Aggregate | undefined): [number, number][] {
  if (!item) return [];
  return Object.keys(item)
    .filter((name) => name.startsWith(BORN_PREFIX))
    .map((name): [number, number] => [Number(name.slice(BORN_PREFIX.length)), countOf(item, name)])
    .filter(([year, count]) => Number.isInteger(year) && count > 0);
}

/** The counters of an item, its bookkeeping left out: what a snapshot copies. */
export function countersOf(item: Aggregate): Record<string, number> {
  const counters: Record<string, number> = {};
  for (const [name, value] of Object.entries(item))
    if (isCounter(name) && typeof value === 'number' && Number.isFinite(value)) counters[name] = value;
  return counters;
}
