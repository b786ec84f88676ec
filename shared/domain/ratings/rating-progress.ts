/**
 * How far a year's rating has come under a unit: for each unit right below it (and for the
 * unit's own branches), the branches to rate — active, of a kind with a criteria set that year —
 * how many were rated (submitted or approved), approved, and are missing.
 *
 * Read from the tree and the branches themselves (a Query per unit of the subtree, a few at once)
 * and the ratings by key (BatchGetItem, 100 a call), never a Scan: a rating counts for the branch
 * it belongs to, wherever the branch is now.
 */
import { mapConcurrently } from '../../concurrency.ts';
import type { UnitRepository } from '../../store/repositories/units.ts';
import { BRANCH_KINDS, type FullBranch } from '../branches.ts';
import { vietnamToday } from '../dates.ts';
import { DomainError } from '../errors.ts';
import type { Principal } from '../roles.ts';
import { type FullUnit, isValidOn } from '../units.ts';
import type { BranchRating, ProgressCounts, RatingProgress, RatingProgressQuery } from './branch-rating.ts';
import { ratingUnitOf } from './rating-queries.ts';
import type { RatingWorkspace } from './rating-workspace.ts';

const AT_ONCE = 8;

export async function ratingProgress(
  ws: RatingWorkspace,
  principal: Principal,
  query: RatingProgressQuery,
  now: Date,
): Promise<RatingProgress> {
  const top = (await ratingUnitOf(ws, principal, query.unitId)) ?? (await provinceOf(ws.units));
  const sets = await ws.criteria.ofYear(query.year);
  const kinds = BRANCH_KINDS.filter((kind) => sets.some((set) => set.branchKind === kind));
  const children = await ws.units.allChildren(top.id);
  // Without a set that year there is nothing to rate: no branch needs reading.
  const toRate =
    kinds.length === 0 ? new Map<string, string[]>() : await branchesByRow(ws, top, children, kinds);
  const ratings = await ws.ratings.ofBranches([...toRate.values()].flat(), query.year);
  const countsOf = (rowId: string) => counts(toRate.get(rowId) ?? [], ratings);

  const own = countsOf(top.id);
  const today = vietnamToday(now);
  const rows = [
    ...(own.branches > 0 ? [{ unitId: top.id, name: top.name, own: true, ...own }] : []),
    ...children.flatMap((child) => {
      const row = countsOf(child.id);
      // A unit closed by a reorganization shows while branches to rate are still under it.
      return isValidOn(child, today) || row.branches > 0
        ? [{ unitId: child.id, name: child.name, own: false, ...row }]
        : [];
    }),
  ];
  const total = rows.reduce(
    (sum, row) => ({
      branches: sum.branches + row.branches,
      rated: sum.rated + row.rated,
      approved: sum.approved + row.approved,
      missing: sum.missing + row.missing,
    }),
    { branches: 0, rated: 0, approved: 0, missing: 0 },
  );
  return { year: query.year, unitId: top.id, branchKinds: kinds, rows, total };
}

function counts(branchIds: readonly string[], ratings: ReadonlyMap<string, BranchRating>): ProgressCounts {
  const states = branchIds.map((id) => ratings.get(id)?.state);
  const rated = states.filter((state) => state === 'submitted' || state === 'approved').length;
  return {
    branches: branchIds.length,
    rated,
    approved: states.filter((state) => state === 'approved').length,
    missing: branchIds.length - rated,
  };
}

/**
 * The ids of the branches to rate, by the row they count in: each unit right below `top` for
 * its whole subtree, `top` itself for its own branches.
 */
async function branchesByRow(
  ws: RatingWorkspace,
  top: FullUnit,
  children: readonly FullUnit[],
  kinds: readonly FullBranch['kind'][],
): Promise<Map<string, string[]>> {
  const rowOf = new Map<string, string>([[top.id, top.id], ...children.map((c) => [c.id, c.id] as const)]);
  // Down the tree a level at a time; hamlets are its bottom, so their children are never asked for.
  let level: readonly FullUnit[] = children;
  while (level.length > 0) {
    const parents = level.filter((unit) => unit.level !== 'hamlet');
    const below = await mapConcurrently(parents, AT_ONCE, async (parent) => {
      const found = await ws.units.allChildren(parent.id);
      for (const child of found) rowOf.set(child.id, rowOf.get(parent.id) ?? parent.id);
      return found;
    });
    level = below.flat();
  }
  const byRow = new Map<string, string[]>();
  await mapConcurrently([...rowOf.entries()], AT_ONCE, async ([unitId, row]) => {
    const branches = await ws.branches.allOfUnit(unitId);
    const ids = branches
      .filter((branch) => branch.status === 'active' && kinds.includes(branch.kind))
      .map((branch) => branch.id);
    byRow.set(row, [...(byRow.get(row) ?? []), ...ids]);
  });
  return byRow;
}

/** The top of the organization's tree, for a progress report asked without a unit. */
async function provinceOf(units: UnitRepository): Promise<FullUnit> {
  const page = await units.children(undefined, 10);
  const province = page.items.find((unit) => unit.level === 'province');
  if (!province) throw new DomainError('UNIT_NOT_FOUND', { id: '' });
  return province;
}
