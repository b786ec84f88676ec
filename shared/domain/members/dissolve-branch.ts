/**
 * Dissolving a branch (giải thể chi hội, chi đoàn): every current member moves to a chosen branch
 * — one default, or per member (the article's commune agency youth branches, whose members went
 * to their hamlets' branches) — and the branch closes.
 *
 * It survives a crash half-way: the plan is stored on the branch first (status `dissolving`, which
 * also stops anyone joining it), each move is its own transaction conditional on the member not
 * having changed, and a re-run reads the stored plan and moves only who is still there.
 */
import { z } from 'zod';
import { requireTreeWriter, requireUnitInScope } from '../access/tree-access.ts';
import type { ChangeContext } from '../audit.ts';
import type { Dissolution, FullBranch } from '../branches.ts';
import { recordDateSchema } from '../date-fields.ts';
import { vietnamToday } from '../dates.ts';
import { DomainError } from '../errors.ts';
import type { IdempotentCall } from '../idempotency.ts';
import { singleLineText } from '../text-fields.ts';
import { recordTreeAudit } from '../unit-workspace.ts';
import { isCurrent } from './lifecycle.ts';
import { transferMember } from './member-changes.ts';
import { type MemberWorkspace, openBranch, recordIdempotency } from './member-workspace.ts';

export const dissolveBranchSchema = z
  .strictObject({
    toBranchId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .meta({ description: 'Where members without a move of their own go' }),
    moves: z
      .array(z.strictObject({ memberId: z.string().min(1).max(64), toBranchId: z.string().min(1).max(64) }))
      .max(5000)
      .default([]),
    reason: singleLineText({ max: 500 }),
    effectiveDate: recordDateSchema.optional(),
  })
  .refine((d) => new Set(d.moves.map((m) => m.memberId)).size === d.moves.length, {
    path: ['moves'],
    message: 'a member is listed twice',
  })
  .meta({ id: 'DissolveBranch' });
export type DissolveBranch = z.infer<typeof dissolveBranchSchema>;

export const dissolutionResultSchema = z
  .object({
    branchId: z.string(),
    status: z.enum(['dissolved']),
    moved: z.number().int().meta({ description: 'Members this request moved' }),
    resumed: z.boolean().meta({ description: 'true when an interrupted dissolution was finished' }),
  })
  .meta({ id: 'DissolutionResult' });
export type DissolutionResult = z.infer<typeof dissolutionResultSchema>;

const PAGE = 100;

export async function dissolveBranch(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  branchId: string,
  request: DissolveBranch,
  call?: IdempotentCall<DissolutionResult>,
): Promise<DissolutionResult> {
  requireTreeWriter(ctx.principal);
  let branch = await ws.branches.get(branchId);
  if (!branch) throw new DomainError('BRANCH_NOT_FOUND', { id: branchId });
  const unit = await ws.units.get(branch.unitId);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id: branch.unitId });
  requireUnitInScope(ctx.principal, unit);
  if (branch.status === 'dissolved') return { branchId, status: 'dissolved', moved: 0, resumed: true };
  const resumed = branch.status === 'dissolving';
  if (!resumed) {
    try {
      branch = await startDissolution(ws, ctx, branch, request);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'PRECONDITION_FAILED')) throw error;
      // A twin request stored its plan first (or someone edited the branch meanwhile): start over
      // from what is stored now, which finishes that plan like any re-run.
      return dissolveBranch(ws, ctx, branchId, request, call);
    }
  }
  const plan = branch.dissolution as Dissolution;
  let moved = 0;
  // Passes repeat until one finds nobody left: the branch index may lag a move by a moment, and
  // a member changed by someone else meanwhile is tried again.
  for (let found = Number.POSITIVE_INFINITY; found > 0; ) {
    const pass = await moveEveryone(ws, ctx, branchId, plan);
    moved += pass.moved;
    found = pass.found;
  }
  const result: DissolutionResult = { branchId, status: 'dissolved', moved, resumed };
  await finishDissolution(ws, ctx, branch, call, result);
  return result;
}

async function startDissolution(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  branch: FullBranch,
  request: DissolveBranch,
): Promise<FullBranch> {
  const moves = Object.fromEntries(request.moves.map((m) => [m.memberId, m.toBranchId]));
  const targets = new Set([...Object.values(moves), ...(request.toBranchId ? [request.toBranchId] : [])]);
  for (const target of targets) {
    if (target === branch.id)
      throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'body.toBranchId', code: 'same_branch' }]);
    const { unit } = await openBranch(ws, target);
    requireUnitInScope(ctx.principal, unit);
  }
  const members = await currentMemberIds(ws, branch.id);
  const strangers = Object.keys(moves).filter((id) => !members.includes(id));
  if (strangers.length > 0)
    throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'body.moves', code: 'not_in_branch' }]);
  if (!request.toBranchId && members.some((id) => !moves[id]))
    throw new DomainError('VALIDATION_FAILED', {}, [
      { path: 'body.toBranchId', code: 'members_without_destination' },
    ]);
  const after: FullBranch = {
    ...branch,
    status: 'dissolving',
    dissolution: {
      toBranchId: request.toBranchId ?? null,
      moves,
      reason: request.reason,
      effectiveDate: request.effectiveDate ?? vietnamToday(ctx.now),
      startedAt: ctx.now.toISOString(),
      finishedAt: null,
    },
    version: branch.version + 1,
  };
  const tx = ws.branches.transaction();
  ws.branches.saveStatus(tx, branch, after);
  recordTreeAudit(ws, tx, ctx, {
    entityType: 'branch',
    action: 'dissolve',
    entityId: branch.id,
    before: branch,
    after,
  });
  await tx.commit();
  // Someone may have joined between the check above and the lock; from now on nobody can.
  const joined = (await currentMemberIds(ws, branch.id)).filter((id) => !members.includes(id));
  if (!request.toBranchId && joined.some((id) => !moves[id])) {
    const reopened: FullBranch = { ...branch, version: after.version + 1 };
    const undo = ws.branches.transaction();
    ws.branches.saveStatus(undo, after, reopened);
    recordTreeAudit(ws, undo, ctx, {
      entityType: 'branch',
      action: 'dissolve',
      entityId: branch.id,
      before: after,
      after: reopened,
    });
    await undo.commit();
    throw new DomainError('VALIDATION_FAILED', {}, [
      { path: 'body.toBranchId', code: 'members_without_destination' },
    ]);
  }
  return after;
}

async function currentMemberIds(ws: MemberWorkspace, branchId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await ws.members.idsInBranch(branchId, PAGE, cursor);
    ids.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

/** One pass over who the index lists; each member is re-read, so whoever already left is skipped. */
async function moveEveryone(ws: MemberWorkspace, ctx: ChangeContext, branchId: string, plan: Dissolution) {
  let moved = 0;
  let found = 0;
  for (const id of await currentMemberIds(ws, branchId)) {
    const member = await ws.members.get(id);
    if (!member || member.branchId !== branchId || !isCurrent(member.status)) continue;
    found++;
    const toBranchId = plan.moves[id] ?? plan.toBranchId;
    if (!toBranchId)
      throw new DomainError('VALIDATION_FAILED', {}, [
        { path: 'body.moves', code: 'members_without_destination' },
      ]);
    try {
      await transferMember(
        ws,
        ctx,
        id,
        { toBranchId, reason: plan.reason, effectiveDate: plan.effectiveDate },
        member.version,
      );
      moved++;
    } catch (error) {
      // Someone changed the member meanwhile (another run of this dissolution, an officer): the next pass re-reads it.
      if (!(error instanceof DomainError && error.code === 'PRECONDITION_FAILED')) throw error;
    }
  }
  return { moved, found };
}

async function finishDissolution(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  branch: FullBranch,
  call: IdempotentCall<DissolutionResult> | undefined,
  result: DissolutionResult,
): Promise<void> {
  // Stamped when it finishes, not when the request began: the plan and the audit trail show the two steps apart.
  const finished: ChangeContext = { ...ctx, now: new Date(Math.max(Date.now(), ctx.now.getTime())) };
  const after: FullBranch = {
    ...branch,
    status: 'dissolved',
    dissolution: { ...(branch.dissolution as Dissolution), finishedAt: finished.now.toISOString() },
    version: branch.version + 1,
  };
  const tx = ws.branches.transaction();
  ws.branches.saveStatus(tx, branch, after);
  recordTreeAudit(ws, tx, finished, {
    entityType: 'branch',
    action: 'dissolve',
    entityId: branch.id,
    before: branch,
    after,
  });
  recordIdempotency(ws, tx, finished, call, result);
  try {
    await tx.commit();
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'PRECONDITION_FAILED')) throw error;
    // A concurrent run closed it first: the outcome this run wanted. If that run was this one's twin
    // (the same Idempotency-Key), its answer is the one to give: the failure lets the caller replay it.
    if (call && (await ws.idempotency.find(ctx.principal.userId, call.key, ctx.now))) throw error;
  }
}
