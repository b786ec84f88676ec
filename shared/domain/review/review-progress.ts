/**
 * How far a year's review has come under a unit: for each unit right below it (and for the
 * unit's own branches), the branches and current members there, how many branches are done and
 * how many members reviewed.
 *
 * Branches and members are counted by the figures (the aggregates of the unit and its children,
 * one BatchGetItem), so a branch that has not started counts all its members as not reviewed
 * without its members being read; what was done comes from the branches' reviews, listed by year
 * and commune through GSI1. Counts only: nothing here names a member, so an organization-wide
 * total is what the Front may later read.
 */

import { AGGREGATE_COUNTERS } from '../../figures/counters.ts';
import { type Aggregate, countOf } from '../../figures/reading/counters.ts';
import { requireProvinceMember } from '../access/map-access.ts';
import { requireOrganization } from '../access/tenant-access.ts';
import { requireRole, requireUnitInScope } from '../access/tree-access.ts';
import { yearListPlaceOf } from '../admin-units/year-list-place.ts';
import { BRANCH_KINDS, type FullBranch } from '../branches.ts';
import { vietnamToday } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { CURRENT_STATUSES } from '../members/lifecycle.ts';
import { nameSortKey } from '../name-order.ts';
import type { Principal } from '../roles.ts';
import { type FullUnit, isValidOn } from '../units.ts';
import type { BranchLeft, BranchReview, ProgressCounts, ReviewProgress } from './member-review.ts';
import { requireCampaign } from './review-campaigns.ts';
import type { ReviewWorkspace } from './review-workspace.ts';

const ZERO: ProgressCounts = { branches: 0, done: 0, missing: 0, members: 0, reviewed: 0 };

export async function reviewProgress(
  ws: ReviewWorkspace,
  principal: Principal,
  year: number,
  unitId: string | undefined,
  now: Date,
): Promise<ReviewProgress> {
  requireProvinceMember(principal);
  requireOrganization(principal);
  // For who reads units: not a branch's officer, who follows their own sheet.
  requireRole(principal, 'org_admin', 'unit_officer', 'viewer');
  // Whether the unit is the reader's is answered before whether there is a campaign to follow there.
  const top = await progressUnit(ws, principal, unitId);
  await requireCampaign(ws, year);
  const children = await ws.units.allChildren(top.id);
  const [aggregates, reviews] = await Promise.all([
    ws.figures.aggregates([top.id, ...children.map((child) => child.id)], null),
    ws.reviews.reviews(year, yearListPlaceOf(top)),
  ]);
  const childIds = new Set(children.map((child) => child.id));
  const reviewsByRow = new Map<string, BranchReview[]>();
  for (const review of reviews) {
    const row = review.unitIds.find((id) => childIds.has(id)) ?? top.id;
    reviewsByRow.set(row, [...(reviewsByRow.get(row) ?? []), review]);
  }

  const childRows = children.map((child) => ({
    unitId: child.id,
    name: child.name,
    own: false,
    ...countsOf(aggregates.get(child.id), reviewsByRow.get(child.id) ?? []),
  }));
  const whole = countsOf(aggregates.get(top.id), []);
  // The unit's own branches and members are those of its subtree its children do not hold.
  const ownFigures = {
    branches: whole.branches - sum(childRows, 'branches'),
    members: whole.members - sum(childRows, 'members'),
  };
  const own = withReviews(ownFigures, reviewsByRow.get(top.id) ?? []);
  const today = vietnamToday(now);
  const rows = [
    ...(own.branches > 0 || own.done > 0 ? [{ unitId: top.id, name: top.name, own: true, ...own }] : []),
    // A unit closed by a reorganization shows while it still holds branches or reviews.
    ...childRows.filter(
      (row, index) => isValidOn(children[index] as FullUnit, today) || row.branches > 0 || row.done > 0,
    ),
  ];
  const total = rows.reduce(
    (acc, row) => ({
      branches: acc.branches + row.branches,
      done: acc.done + row.done,
      missing: acc.missing + row.missing,
      members: acc.members + row.members,
      reviewed: acc.reviewed + row.reviewed,
    }),
    ZERO,
  );
  const branchesLeft = await branchesLeftUnder(ws, top, children, reviews);
  return { year, unitId: top.id, rows, total, branchesLeft };
}

/**
 * The branches not done right under the unit and, under a commune, under its hamlets: a Query of
 * branches per unit, so a district or the province lists only its own and is drilled into.
 */
async function branchesLeftUnder(
  ws: ReviewWorkspace,
  top: FullUnit,
  children: readonly FullUnit[],
  reviews: readonly BranchReview[],
): Promise<BranchLeft[]> {
  const units = top.level === 'commune' ? [top, ...children] : [top];
  const byBranch = new Map(reviews.map((review) => [review.branchId, review]));
  const listed = await Promise.all(
    units.map(async (unit) => {
      const branches = await ws.branches.allOfUnit(unit.id);
      return branches
        .filter((branch) => branch.status !== 'dissolved' && !byBranch.get(branch.id)?.doneAt)
        .sort(byName)
        .map((branch) => {
          const review = byBranch.get(branch.id);
          return {
            branchId: branch.id,
            name: branch.name,
            unitId: unit.id,
            unitName: unit.name,
            members: review?.counts.members ?? null,
            reviewed: review?.counts.reviewed ?? 0,
          };
        });
    }),
  );
  return listed.flat();
}

/** Vietnamese name order, as the lists keyed by name sort. */
function byName(a: FullBranch, b: FullBranch): number {
  const [x, y] = [nameSortKey(a.name), nameSortKey(b.name)];
  return x < y ? -1 : x > y ? 1 : 0;
}

const sum = (rows: readonly ProgressCounts[], field: keyof ProgressCounts) =>
  rows.reduce((acc, row) => acc + row[field], 0);

function countsOf(aggregate: Aggregate | undefined, reviews: readonly BranchReview[]): ProgressCounts {
  return withReviews(
    {
      branches: BRANCH_KINDS.reduce(
        (acc, kind) => acc + countOf(aggregate, AGGREGATE_COUNTERS.branches[kind]),
        0,
      ),
      members: CURRENT_STATUSES.reduce(
        (acc, status) => acc + countOf(aggregate, AGGREGATE_COUNTERS.members[status]),
        0,
      ),
    },
    reviews,
  );
}

function withReviews(
  figures: { branches: number; members: number },
  reviews: readonly BranchReview[],
): ProgressCounts {
  const done = reviews.filter((review) => review.doneAt !== null).length;
  return {
    branches: figures.branches,
    done,
    missing: Math.max(0, figures.branches - done),
    members: figures.members,
    reviewed: reviews.reduce((acc, review) => acc + review.counts.reviewed, 0),
  };
}

/** The unit progress covers: the one asked for, in the caller's scope, or by default their scope, or the province. */
async function progressUnit(
  ws: ReviewWorkspace,
  principal: Principal,
  unitId: string | undefined,
): Promise<FullUnit> {
  const scope = principal.scope;
  const id = unitId ?? (scope && 'unitId' in scope ? scope.unitId : undefined);
  const unit = id === undefined ? await provinceOf(ws) : await ws.units.get(id);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id: id ?? '' });
  requireUnitInScope(principal, unit);
  return unit;
}

async function provinceOf(ws: ReviewWorkspace): Promise<FullUnit | undefined> {
  const page = await ws.units.children(undefined, 10);
  return page.items.find((unit) => unit.level === 'province');
}
