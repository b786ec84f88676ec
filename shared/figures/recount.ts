/**
 * The check on the stream: every aggregate of a tenant counted again from the members and
 * branches themselves, compared with what the stream function stored, and — when asked —
 * corrected. Reads by Query only: members through the tenant-wide GSI3 partitions (current and
 * former), branches unit by unit down the tree.
 *
 * Correcting adds the difference rather than overwriting, so changes the stream applies while a
 * recount runs are kept; a change made during the recount may still show up as a difference
 * that is not one. Run it while the tenant is quiet, or run it twice.
 */
import type { FullUnit } from '../domain/units.ts';
import type { AggregateRepository } from '../store/repositories/aggregates.ts';
import type { BranchRepository } from '../store/repositories/branches.ts';
import type { UnitRepository } from '../store/repositories/units.ts';
import type { Counters } from './counters.ts';
import {
  branchContribution,
  countedBranch,
  countedMember,
  DeltaSum,
  deltaOf,
  memberContribution,
} from './deltas.ts';

export interface RecountWorkspace {
  readonly units: UnitRepository;
  readonly branches: BranchRepository;
  readonly aggregates: AggregateRepository;
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
  const units = await allUnits(ws.units);
  await forEachAtOnce(units, async (unit) => {
    let cursor: string | undefined;
    do {
      const page = await ws.branches.ofUnit(unit.id, undefined, PAGE, cursor);
      for (const branch of page.items) {
        expected.add(
          '',
          deltaOf(null, branchContribution(countedBranch(branch), [...unit.ancestorIds, unit.id])),
        );
        branches++;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  });

  const recounted = new Map<string, Counters>(expected.updates().map((u) => [u.unitId, u.counters]));
  // Units with nothing left to count may still hold stale counters: look at every unit.
  const unitIds = [...new Set([...units.map((unit) => unit.id), ...recounted.keys()])].sort();
  const byUnit = new Map<string, CounterDifference[]>();
  await forEachAtOnce(unitIds, async (unitId) => {
    const stored = await ws.aggregates.get(unitId);
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
    if (options.apply) await ws.aggregates.add(unitId, corrections);
  });
  const differences = unitIds.flatMap((unitId) => byUnit.get(unitId) ?? []);
  return { members, branches, units: units.length, differences, applied: options.apply === true };
}

/** The whole unit tree of the tenant, top down (closed units too: what was counted there stays). */
async function allUnits(repository: UnitRepository): Promise<FullUnit[]> {
  const units: FullUnit[] = [];
  // Level by level; undefined stands for the top of the tree (the province).
  let parents: (string | undefined)[] = [undefined];
  while (parents.length > 0) {
    const below: FullUnit[] = [];
    await forEachAtOnce(parents, async (parent) => {
      let cursor: string | undefined;
      do {
        const page = await repository.children(parent, PAGE, cursor);
        below.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    });
    units.push(...below);
    // Hamlets are the bottom of the tree: asking for their children would only cost reads.
    parents = below.filter((unit) => unit.level !== 'hamlet').map((unit) => unit.id);
  }
  return units;
}

async function forEachAtOnce<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) await fn(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, worker));
}
