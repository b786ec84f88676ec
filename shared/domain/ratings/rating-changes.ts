/**
 * Saving, submitting, approving, returning and unlocking a branch's rating of a year. Each reads
 * the branch (refusing what lies outside the caller's scope), checks who may act and from which
 * state, and writes the rating with its audit record in one transaction, against the version it
 * read: a refused change writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Transaction } from '../../store/transaction.ts';
import { requireRole } from '../access/tree-access.ts';
import type { AuditAction, ChangeContext } from '../audit.ts';
import { readBranch } from '../branch-changes.ts';
import type { FullBranch } from '../branches.ts';
import { DomainError } from '../errors.ts';
import type { Principal } from '../roles.ts';
import { recordTreeAudit } from '../unit-workspace.ts';
import type { FullUnit } from '../units.ts';
import type { BranchRating, RatingReason, RatingState, SaveRating } from './branch-rating.ts';
import { requireCriteriaSet } from './criteria-changes.ts';
import { requireApprover, requireSelfAssessor } from './rating-access.ts';
import type { RatingWorkspace } from './rating-workspace.ts';
import { checkAnswers, evaluate, unanswered } from './scoring.ts';

/** Which rating: a branch's, of a year. */
export interface RatingRef {
  readonly branchId: string;
  readonly year: number;
}

const EDITABLE: readonly RatingState[] = ['draft', 'returned'];

type Transition = 'submit' | 'approve' | 'return' | 'unlock';

/** Who may make each transition, the states it leaves from, and the audit action that records it. */
const TRANSITIONS: Record<
  Transition,
  {
    authorize: (principal: Principal, unit: FullUnit) => void;
    from: readonly RatingState[];
    action: AuditAction;
  }
> = {
  submit: { authorize: requireSelfAssessor, from: EDITABLE, action: 'rating_submit' },
  approve: { authorize: requireApprover, from: ['submitted'], action: 'rating_approve' },
  return: { authorize: requireApprover, from: ['submitted'], action: 'rating_return' },
  unlock: {
    authorize: (principal) => requireRole(principal, 'org_admin'),
    from: ['approved'],
    action: 'rating_unlock',
  },
};

/**
 * Creates the branch's rating of the year as a draft, or replaces the answers of an editable one
 * (a draft, or a rating returned to be reworked); `created` tells which. Scored against the set of
 * the year and the branch's kind, as it is now.
 */
export async function saveRating(
  ws: RatingWorkspace,
  ctx: ChangeContext,
  ref: RatingRef,
  input: SaveRating,
  expectedVersion?: number,
): Promise<{ rating: BranchRating; created: boolean }> {
  const { branch, unit } = await readBranch(ws, ctx.principal, ref.branchId);
  requireSelfAssessor(ctx.principal);
  const before = await ws.ratings.get(ref.branchId, ref.year);
  requireVersion(before, expectedVersion);
  if (before && !EDITABLE.includes(before.state))
    throw new DomainError('RATING_NOT_EDITABLE', { state: before.state });
  const set = await requireCriteriaSet(ws, ref.year, branch.kind);
  const answers = checkAnswers(set.criteria, input.answers);
  const evaluation = evaluate(set, answers);
  const level = input.level ?? evaluation.proposedLevel;
  const overridden = level !== evaluation.proposedLevel;
  const overrideReason = overridden ? (input.overrideReason ?? null) : null;
  if (overridden && overrideReason === null)
    throw new DomainError('RATING_OVERRIDE_NEEDS_REASON', { proposed: evaluation.proposedLevel, level }, [
      { path: 'body.overrideReason', code: 'required_for_override' },
    ]);
  const content = {
    ...placeOf(branch, unit),
    criteriaVersion: set.version,
    standardName: set.standardName,
    answers,
    ...evaluation,
    level,
    overrideReason,
  };
  if (before && isDeepStrictEqual({ ...before, ...content }, before))
    return { rating: before, created: false };
  const touched = { updatedAt: ctx.now.toISOString(), updatedBy: ctx.principal.username };
  const after: BranchRating = before
    ? { ...before, ...content, ...touched, version: before.version + 1 }
    : {
        id: randomUUID(),
        year: ref.year,
        ...content,
        state: 'draft',
        returnReason: null,
        unlockReason: null,
        submittedAt: null,
        submittedBy: null,
        decidedAt: null,
        decidedBy: null,
        createdAt: touched.updatedAt,
        ...touched,
        version: 1,
      };
  await commit(ws, ctx, before, after, before ? 'update' : 'create');
  return { rating: after, created: !before };
}

/**
 * Sends the self-assessment to the level above. Every criterion must be answered, and the set
 * still be the version the rating was scored by; the set is locked from then on.
 */
export function submitRating(
  ws: RatingWorkspace,
  ctx: ChangeContext,
  ref: RatingRef,
  expectedVersion?: number,
): Promise<BranchRating> {
  return transition(ws, ctx, ref, expectedVersion, 'submit', async (before) => {
    const set = await requireCriteriaSet(ws, before.year, before.branchKind);
    if (set.version !== before.criteriaVersion)
      throw new DomainError('RATING_CRITERIA_CHANGED', { year: String(set.year), kind: set.branchKind });
    const missing = unanswered(set.criteria, before.answers);
    if (missing.length > 0) throw new DomainError('RATING_INCOMPLETE', { missing: missing.join(', ') });
    return {
      changes: {
        state: 'submitted',
        submittedAt: ctx.now.toISOString(),
        submittedBy: ctx.principal.username,
        returnReason: null,
        unlockReason: null,
      },
      within: (tx) => ws.criteria.lockFor(tx, set),
    };
  });
}

/** The level above accepts the rating: it is locked. */
export function approveRating(
  ws: RatingWorkspace,
  ctx: ChangeContext,
  ref: RatingRef,
  expectedVersion?: number,
): Promise<BranchRating> {
  return transition(ws, ctx, ref, expectedVersion, 'approve', async () => ({
    changes: { state: 'approved', ...decided(ctx) },
  }));
}

/** The level above sends the rating back to be reworked, saying why. */
export function returnRating(
  ws: RatingWorkspace,
  ctx: ChangeContext,
  ref: RatingRef,
  { reason }: RatingReason,
  expectedVersion?: number,
): Promise<BranchRating> {
  return transition(ws, ctx, ref, expectedVersion, 'return', async () => ({
    changes: { state: 'returned', returnReason: reason, ...decided(ctx) },
  }));
}

/** The organization's admin reopens an approved rating as a draft, saying why. */
export function unlockRating(
  ws: RatingWorkspace,
  ctx: ChangeContext,
  ref: RatingRef,
  { reason }: RatingReason,
  expectedVersion?: number,
): Promise<BranchRating> {
  return transition(ws, ctx, ref, expectedVersion, 'unlock', async () => ({
    changes: {
      state: 'draft',
      unlockReason: reason,
      submittedAt: null,
      submittedBy: null,
      decidedAt: null,
      decidedBy: null,
    },
  }));
}

const decided = (ctx: ChangeContext) => ({
  decidedAt: ctx.now.toISOString(),
  decidedBy: ctx.principal.username,
});

/** Where the branch stands in the tree now, copied onto its rating for lists and figures. */
function placeOf(branch: FullBranch, unit: FullUnit) {
  const communeId = unit.level === 'commune' ? unit.id : unit.level === 'hamlet' ? unit.parentId : null;
  return {
    branchId: branch.id,
    branchName: branch.name,
    branchKind: branch.kind,
    unitId: unit.id,
    unitIds: [...unit.ancestorIds, unit.id],
    communeId,
  };
}

async function transition(
  ws: RatingWorkspace,
  ctx: ChangeContext,
  ref: RatingRef,
  expectedVersion: number | undefined,
  name: Transition,
  change: (
    before: BranchRating,
  ) => Promise<{ changes: Partial<BranchRating>; within?: (tx: Transaction) => void }>,
): Promise<BranchRating> {
  const { authorize, from, action } = TRANSITIONS[name];
  const { unit } = await readBranch(ws, ctx.principal, ref.branchId);
  authorize(ctx.principal, unit);
  const before = await ws.ratings.get(ref.branchId, ref.year);
  if (!before) throw new DomainError('RATING_NOT_FOUND', { branchId: ref.branchId, year: String(ref.year) });
  requireVersion(before, expectedVersion);
  if (!from.includes(before.state))
    throw new DomainError('RATING_INVALID_TRANSITION', { state: before.state, action: name });
  const { changes, within } = await change(before);
  const after: BranchRating = {
    ...before,
    ...changes,
    updatedAt: ctx.now.toISOString(),
    updatedBy: ctx.principal.username,
    version: before.version + 1,
  };
  await commit(ws, ctx, before, after, action, within);
  return after;
}

function requireVersion(rating: BranchRating | undefined, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== rating?.version)
    throw new DomainError('PRECONDITION_FAILED');
}

async function commit(
  ws: RatingWorkspace,
  ctx: ChangeContext,
  before: BranchRating | undefined,
  after: BranchRating,
  action: AuditAction,
  within?: (tx: Transaction) => void,
): Promise<void> {
  const tx = ws.ratings.transaction();
  if (before) ws.ratings.save(tx, before, after);
  else ws.ratings.create(tx, after);
  within?.(tx);
  recordTreeAudit(ws, tx, ctx, {
    entityType: 'branch_rating',
    action,
    entityId: after.id,
    before: before ?? null,
    after,
  });
  await tx.commit();
}
