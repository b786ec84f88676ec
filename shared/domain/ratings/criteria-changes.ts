/**
 * Reading and configuring criteria sets: everyone of the organization reads them (officers rate
 * by them, branch officers see what their branch is rated on); its admin configures them, until
 * a rating of the set is submitted. Every change is audited in its own transaction.
 */
import { isDeepStrictEqual } from 'node:util';
import { requireOrganization } from '../access/tenant-access.ts';
import { requireRole } from '../access/tree-access.ts';
import type { ChangeContext } from '../audit.ts';
import type { BranchKind } from '../branches.ts';
import { DomainError } from '../errors.ts';
import type { Principal } from '../roles.ts';
import { recordTreeAudit } from '../unit-workspace.ts';
import { type CriteriaSet, criteriaSetEntityId, type SaveCriteriaSet } from './criteria.ts';
import type { RatingWorkspace } from './rating-workspace.ts';

export async function readCriteriaSet(
  ws: RatingWorkspace,
  principal: Principal,
  year: number,
  kind: BranchKind,
): Promise<CriteriaSet> {
  requireOrganization(principal);
  return requireCriteriaSet(ws, year, kind);
}

/** The set a branch of this kind is rated by that year; none configured is RATING_CRITERIA_NOT_FOUND. */
export async function requireCriteriaSet(
  ws: RatingWorkspace,
  year: number,
  kind: BranchKind,
): Promise<CriteriaSet> {
  const set = await ws.criteria.get(year, kind);
  if (!set) throw new DomainError('RATING_CRITERIA_NOT_FOUND', { year: String(year), kind });
  return set;
}

/** Creates or replaces the set; `created` tells which. The same set again changes nothing. */
export async function saveCriteriaSet(
  ws: RatingWorkspace,
  ctx: ChangeContext,
  year: number,
  kind: BranchKind,
  input: SaveCriteriaSet,
  expectedVersion?: number,
): Promise<{ set: CriteriaSet; created: boolean }> {
  requireOrganization(ctx.principal);
  requireRole(ctx.principal, 'org_admin');
  const before = await ws.criteria.get(year, kind);
  if (expectedVersion !== undefined && expectedVersion !== before?.version)
    throw new DomainError('PRECONDITION_FAILED');
  if (before?.locked) throw new DomainError('RATING_CRITERIA_IN_USE', { year: String(year), kind });
  const content = {
    criteria: input.criteria,
    thresholds: input.thresholds,
    standardName: input.standardName,
  };
  const unchanged = {
    criteria: before?.criteria,
    thresholds: before?.thresholds,
    standardName: before?.standardName,
  };
  if (before && isDeepStrictEqual(content, unchanged)) return { set: before, created: false };
  const after: CriteriaSet = {
    year,
    branchKind: kind,
    ...content,
    locked: false,
    updatedAt: ctx.now.toISOString(),
    updatedBy: ctx.principal.username,
    version: (before?.version ?? 0) + 1,
  };
  const tx = ws.ratings.transaction();
  if (before) ws.criteria.save(tx, before, after);
  else ws.criteria.create(tx, after);
  recordTreeAudit(ws, tx, ctx, {
    entityType: 'rating_criteria',
    action: before ? 'update' : 'create',
    entityId: criteriaSetEntityId(year, kind),
    before: before ?? null,
    after,
  });
  await tx.commit();
  return { set: after, created: !before };
}
