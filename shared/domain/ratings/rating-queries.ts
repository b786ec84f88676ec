/**
 * Reading branch ratings: one branch's rating of a year, for whoever reads the branch; and a
 * year's ratings under a unit, by commune, unit and branch name, for the organization's readers
 * of units (a branch officer reads their own branch's rating, not lists).
 */

import type { Page } from '../../store/table.ts';
import { requireProvinceMember } from '../access/map-access.ts';
import { requireOrganization } from '../access/tenant-access.ts';
import { requireRole, requireUnitInScope } from '../access/tree-access.ts';
import { yearListPlaceOf } from '../admin-units/year-list-place.ts';
import { readBranch } from '../branch-changes.ts';
import { DomainError } from '../errors.ts';
import type { Principal } from '../roles.ts';
import type { FullUnit } from '../units.ts';
import type { BranchRating, RatingListQuery } from './branch-rating.ts';
import { requireRatingReader } from './rating-access.ts';
import type { RatingRef } from './rating-changes.ts';
import type { RatingWorkspace } from './rating-workspace.ts';

export async function getRating(
  ws: RatingWorkspace,
  principal: Principal,
  ref: RatingRef,
): Promise<BranchRating> {
  await readBranch(ws, principal, ref.branchId);
  requireRatingReader(principal);
  const rating = await ws.ratings.get(ref.branchId, ref.year);
  if (!rating) throw new DomainError('RATING_NOT_FOUND', { branchId: ref.branchId, year: String(ref.year) });
  return rating;
}

export async function listRatings(
  ws: RatingWorkspace,
  principal: Principal,
  query: RatingListQuery,
): Promise<Page<BranchRating>> {
  const unit = await ratingUnitOf(ws, principal, query.unitId);
  const place = unit ? yearListPlaceOf(unit) : {};
  return ws.ratings.list(query.year, place, query.state, query.limit, query.cursor);
}

/**
 * The unit a list or a progress report covers: the one asked for, in the caller's scope, or by
 * default their scope; null for the whole organization.
 */
export async function ratingUnitOf(
  ws: RatingWorkspace,
  principal: Principal,
  unitId: string | undefined,
): Promise<FullUnit | null> {
  // The unit is looked up on the caller's province's map: the platform has none.
  requireProvinceMember(principal);
  requireOrganization(principal);
  requireRole(principal, 'org_admin', 'unit_officer', 'viewer');
  const scope = principal.scope;
  const id = unitId ?? (scope && 'unitId' in scope ? scope.unitId : undefined);
  if (id === undefined) return null;
  const unit = await ws.units.get(id);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id });
  requireUnitInScope(principal, unit);
  return unit;
}
