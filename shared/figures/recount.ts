/**
 * The check on the stream: every aggregate of a tenant counted again from the members, branches,
 * branch ratings and branch reviews themselves, compared with what the stream function stored,
 * and — when asked — corrected. Reads by Query only: members through the tenant-wide GSI3
 * partitions (current and former), branches unit by unit down the tree, ratings and reviews by
 * year through their GSI1 lists (`BRANCH_RATINGS#<year>`, `BRANCH_REVIEWS#<year>`), one Query per
 * year their schemas allow (2000–2100): a couple of hundred small reads, most of them empty, rather
 * than one per branch, and complete whatever years were used, whether or not a criteria set or a
 * campaign of the year still stands.
 *
 * Correcting adds the difference rather than overwriting, so changes the stream applies while a
 * recount runs are kept; a change made during the recount may still show up as a difference
 * that is not one. Run it while the tenant is quiet, or run it twice.
 */
import { mapConcurrently } from '../concurrency.ts';
import { ratingYearSchema } from '../domain/ratings/criteria.ts';
import { reviewYearSchema } from '../domain/review/member-review.ts';
import type { FullUnit } from '../domain/units.ts';
import { AggregateRepository } from '../store/repositories/aggregates.ts';
import { BranchRatingRepository } from '../store/repositories/branch-ratings.ts';
import { BranchRepository } from '../store/repositories/branches.ts';
import type { PersonRepository } from '../store/repositories/persons.ts';
import { ReviewCampaignRepository } from '../store/repositories/review-campaigns.ts';
import { UnitRepository } from '../store/repositories/units.ts';
import type { TenantTable } from '../store/table.ts';
import type { Counters } from './counters.ts';
import {
  branchContribution,
  branchRatingContribution,
  branchReviewContribution,
  countedBranch,
  countedBranchRating,
  countedBranchReview,
  countedMember,
  DeltaSum,
  deltaOf,
  memberContribution,
} from './deltas.ts';
import { type MembershipChange, membershipChange, personId, planPersons } from './persons.ts';

export interface RecountWorkspace {
  readonly units: UnitRepository;
  readonly branches: BranchRepository;
  readonly branchRatings: BranchRatingRepository;
  readonly reviews: ReviewCampaignRepository;
  readonly aggregates: AggregateRepository;
}

/** What a recount of a tenant reads and writes, all of it in that tenant. */
export function recountWorkspaceOf(table: TenantTable): RecountWorkspace {
  return {
    units: new UnitRepository(table),
    branches: new BranchRepository(table),
    branchRatings: new BranchRatingRepository(table),
    reviews: new ReviewCampaignRepository(table),
    aggregates: new AggregateRepository(table),
  };
}

export interface CounterDifference {
  readonly unitId: string;
  readonly counter: string;
  readonly stored: number;
  readonly recounted: number;
}

export interface RecountReport {
  readonly members: number;
  readonly branches: number;
  /** Branch ratings and branch reviews read, of every year and state. */
  readonly branchRatings: number;
  readonly branchReviews: number;
  readonly units: number;
  /** Counters whose stored value differs from the recount, by unit then counter. */
  readonly differences: CounterDifference[];
  /** Whether the stored values were corrected. */
  readonly applied: boolean;
}

const PAGE = 500;

/** Reads in flight together: a province has hundreds of units, each a few small reads. */
const AT_ONCE = 8;

export async function recount(
  ws: RecountWorkspace,
  options: { apply?: boolean } = {},
): Promise<RecountReport> {
  const expected = new DeltaSum();
  let members = 0;
  for await (const item of ws.aggregates.allMembers()) {
    expected.add('', deltaOf(null, memberContribution(countedMember(item))));
    members++;
  }
  let branches = 0;
  const units = await ws.units.all();
  await mapConcurrently(units, AT_ONCE, async (unit) => {
    for (const branch of await ws.branches.allOfUnit(unit.id)) {
      expected.add(
        '',
        deltaOf(null, branchContribution(countedBranch(branch), [...unit.ancestorIds, unit.id])),
      );
      branches++;
    }
  });

  const counted = { branchRatings: 0, branchReviews: 0 };
  await mapConcurrently(yearsOf(ratingYearSchema), AT_ONCE, async (year) => {
    let cursor: string | undefined;
    do {
      const page = await ws.branchRatings.list(year, {}, undefined, PAGE, cursor);
      for (const rating of page.items) {
        expected.add('', deltaOf(null, branchRatingContribution(countedBranchRating(rating))));
        counted.branchRatings++;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  });
  await mapConcurrently(yearsOf(reviewYearSchema), AT_ONCE, async (year) => {
    for (const review of await ws.reviews.reviews(year, {})) {
      expected.add('', deltaOf(null, branchReviewContribution(countedBranchReview(review))));
      counted.branchReviews++;
    }
  });

  const differences = await compareCounters(ws.aggregates, units, expected, options.apply === true);
  return { members, branches, ...counted, units: units.length, differences, applied: options.apply === true };
}

/** Every year a schema of years accepts, from its minimum to its maximum. */
function yearsOf(schema: { readonly minValue: number | null; readonly maxValue: number | null }): number[] {
  const first = schema.minValue ?? 0;
  const last = schema.maxValue ?? first - 1;
  return Array.from({ length: last - first + 1 }, (_, n) => first + n);
}

export interface FrontRecountWorkspace {
  /** The province's map (any tenant of the province reads it) and the Front's aggregates. */
  readonly units: UnitRepository;
  readonly aggregates: AggregateRepository;
  /** The four organizations of the province: their members are counted. */
  readonly organizations: readonly { readonly tenant: string; readonly aggregates: AggregateRepository }[];
  readonly persons: PersonRepository;
}

export interface FrontRecountReport {
  readonly members: number;
  readonly units: number;
  readonly differences: CounterDifference[];
  /**
   * Persons found in two organizations or more, and person records that differ from the recount
   * (null when they were not checked).
   */
  readonly persons: { readonly sharedByOrganizations: number; readonly recordsDiffering: number | null };
  readonly applied: boolean;
}

/**
 * The Front's distinct-person counts and person records, rebuilt from the members of its four
 * organizations, compared with what the stream function stored, and corrected when asked.
 * Person records are checked for the people found (unless `records` is false: the counters
 * alone, for a benchmark filling a fresh table); one left behind by a person nobody holds any
 * more would show as a counter difference.
 */
export async function recountFront(
  ws: FrontRecountWorkspace,
  options: { apply?: boolean; records?: boolean } = {},
): Promise<FrontRecountReport> {
  const changes: MembershipChange[] = [];
  for (const { tenant, aggregates } of ws.organizations)
    for await (const item of aggregates.allMembers()) {
      const change = membershipChange(tenant, undefined, item);
      if (change) changes.push(change);
    }
  const { deltas, writes } = planPersons(changes, new Map());
  const units = await ws.units.all();
  const differences = await compareCounters(ws.aggregates, units, deltas, options.apply === true);

  const checked = options.records !== false;
  const stored = checked ? await ws.persons.read(writes) : new Map();
  const differing = (checked ? writes : []).filter(
    (write) =>
      JSON.stringify(sortedMemberships(stored.get(personId(write))?.memberships)) !==
      JSON.stringify(sortedMemberships(write.after?.memberships)),
  );
  if (options.apply)
    for (const write of differing) await ws.persons.replace(write, write.after, stored.get(personId(write)));
  return {
    members: changes.length,
    units: units.length,
    differences,
    persons: {
      sharedByOrganizations: writes.filter(
        (write) => new Set(Object.keys(write.after?.memberships ?? {})).size > 1,
      ).length,
      recordsDiffering: checked ? differing.length : null,
    },
    applied: options.apply === true,
  };
}

/**
 * Compares the stored counters of every unit (units with nothing left to count may still hold
 * stale counters) with the recounted ones; corrects them by adding the differences if asked.
 */
async function compareCounters(
  aggregates: AggregateRepository,
  units: readonly FullUnit[],
  expected: DeltaSum,
  apply: boolean,
): Promise<CounterDifference[]> {
  const recounted = new Map<string, Counters>(expected.updates().map((u) => [u.unitId, u.counters]));
  const unitIds = [...new Set([...units.map((unit) => unit.id), ...recounted.keys()])].sort();
  const byUnit = new Map<string, CounterDifference[]>();
  await mapConcurrently(unitIds, AT_ONCE, async (unitId) => {
    const stored = await aggregates.get(unitId);
    const wanted = recounted.get(unitId) ?? {};
    const found: CounterDifference[] = [];
    const corrections: Counters = {};
    for (const counter of [...new Set([...Object.keys(stored), ...Object.keys(wanted)])].sort()) {
      const have = stored[counter] ?? 0;
      const want = wanted[counter] ?? 0;
      if (have === want) continue;
      found.push({ unitId, counter, stored: have, recounted: want });
      corrections[counter] = want - have;
    }
    byUnit.set(unitId, found);
    if (apply) await aggregates.add(unitId, corrections);
  });
  return unitIds.flatMap((unitId) => byUnit.get(unitId) ?? []);
}

function sortedMemberships(memberships: Readonly<Record<string, readonly string[]>> | undefined) {
  return Object.entries(memberships ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
