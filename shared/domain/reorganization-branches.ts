/**
 * An organization's follow-up to a reorganization of the map: its branches in the units the
 * reorganization closed, each with what to do — merge (residential branches of merged hamlets:
 * their members go to one branch of the surviving or new hamlet) or keep (a new branch of the
 * same name under the successor takes its members). A split unit's branches may each go to any of
 * the split's new units, the first by default. A branch never changes unit in place: its
 * members carry their unit's path, so each step is a dissolution (dissolve-branch.ts) into the
 * branch of the successor, made first when there is none.
 *
 * One resumable step: the plan (every branch and where its members go, new branches' ids
 * included) is stored in the organization's partition before anything moves; each branch is
 * then dissolved — itself resumable and moving each member once — and marked done. A re-run,
 * after a crash or racing a twin, follows the stored plan.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from '../store/transaction.ts';
import { requireOrganization } from './access/tenant-access.ts';
import { requireRole } from './access/tree-access.ts';
import type { ChangeContext } from './audit.ts';
import { commitNewBranch } from './branch-changes.ts';
import type { BranchKind, FullBranch } from './branches.ts';
import { DomainError } from './errors.ts';
import { dissolveBranch } from './members/dissolve-branch.ts';
import type { MemberWorkspace } from './members/member-workspace.ts';
import { type ReorganizationWorkspace, readReorganization } from './reorganization-changes.ts';
import {
  type ApplyPlan,
  type ApplyReorganization,
  type BranchStep,
  type FollowUp,
  type Reorganization,
  successorChoices,
} from './reorganizations.ts';
import type { Principal } from './roles.ts';

export type FollowUpWorkspace = MemberWorkspace & ReorganizationWorkspace;

/** What the organization has to do, or (once started) what it decided and how far it got. */
export async function reorganizationFollowUp(
  ws: FollowUpWorkspace,
  principal: Principal,
  id: string,
): Promise<FollowUp> {
  const reorganization = await readForAdmin(ws, principal, id);
  const plan = await ws.reorganizations.plan(id);
  if (plan) return followUpOf(plan);
  const steps = await suggestions(ws, reorganization);
  return {
    reorganizationId: id,
    status: 'not_started',
    branchesDone: 0,
    branchesTotal: steps.length,
    membersMoved: 0,
    steps,
    startedAt: null,
    finishedAt: null,
  };
}

/**
 * Carries out the follow-up. `membersMoved` counts the moves of runs that finished a branch: a
 * run stopped inside one leaves its moves uncounted, not undone.
 */
export async function applyReorganization(
  ws: FollowUpWorkspace,
  ctx: ChangeContext,
  id: string,
  request: ApplyReorganization,
): Promise<FollowUp> {
  const reorganization = await readForAdmin(ws, ctx.principal, id);
  if (reorganization.status !== 'applied') throw new DomainError('REORGANIZATION_UNFINISHED', { id });
  let plan = (await ws.reorganizations.plan(id)) ?? (await storePlan(ws, ctx, reorganization, request));
  const reason = `Tổ chức lại địa bàn theo ${reorganization.resolution.number}`;
  for (let step = next(plan); step; step = next(plan)) {
    const target = plan.newBranches.find((branch) => branch.id === step?.toBranchId);
    if (target && !(await ws.branches.get(target.id))) await createTarget(ws, ctx, target);
    const { moved } = await dissolveBranch(ws, ctx, step.branchId, {
      toBranchId: step.toBranchId ?? undefined,
      moves: [],
      reason,
    });
    const done = step.branchId;
    plan = await savePlan(ws, plan, {
      ...plan,
      steps: plan.steps.map((s) => (s.branchId === done ? { ...s, done: true } : s)),
      membersMoved: plan.membersMoved + moved,
      version: plan.version + 1,
    });
  }
  if (plan.status === 'applying')
    plan = await savePlan(ws, plan, {
      ...plan,
      status: 'applied',
      finishedAt: new Date(Math.max(Date.now(), ctx.now.getTime())).toISOString(),
      version: plan.version + 1,
    });
  return followUpOf(plan);
}

function next(plan: ApplyPlan): BranchStep | undefined {
  return plan.steps.find((step) => !step.done);
}

async function readForAdmin(
  ws: FollowUpWorkspace,
  principal: Principal,
  id: string,
): Promise<Reorganization> {
  requireRole(principal, 'org_admin');
  requireOrganization(principal);
  return readReorganization(ws, principal, id);
}

function followUpOf(plan: ApplyPlan): FollowUp {
  return {
    reorganizationId: plan.reorganizationId,
    status: plan.status,
    branchesDone: plan.steps.filter((step) => step.done).length,
    branchesTotal: plan.steps.length,
    membersMoved: plan.membersMoved,
    steps: plan.steps,
    startedAt: plan.startedAt,
    finishedAt: plan.finishedAt,
  };
}

/** The organization's branches still open in each closed unit, with the suggested action. */
async function suggestions(ws: FollowUpWorkspace, reorganization: Reorganization): Promise<BranchStep[]> {
  const steps: BranchStep[] = [];
  for (const unitId of reorganization.closedUnitIds) {
    const successorUnitId = reorganization.successors[unitId] as string;
    const merged = reorganization.mergedUnitIds.includes(unitId);
    for (const branch of (await ws.branches.allOfUnit(unitId)).filter((b) => b.status !== 'dissolved')) {
      const merge = merged && branch.kind === 'residential';
      const target = merge ? await openBranchOf(ws, successorUnitId, branch.kind) : undefined;
      steps.push({
        branchId: branch.id,
        name: branch.name,
        kind: branch.kind,
        unitId,
        successorUnitId,
        action: merge ? 'merge' : 'keep',
        toBranchId: target?.id ?? null,
        done: false,
      });
    }
  }
  return steps;
}

async function storePlan(
  ws: FollowUpWorkspace,
  ctx: ChangeContext,
  reorganization: Reorganization,
  request: ApplyReorganization,
): Promise<ApplyPlan> {
  const suggested = await suggestions(ws, reorganization);
  const chosen = new Map(request.actions.map((action) => [action.branchId, action]));
  if ([...chosen.keys()].some((branchId) => !suggested.some((s) => s.branchId === branchId)))
    throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'body.actions', code: 'not_in_reorganization' }]);
  const newBranches: ApplyPlan['newBranches'] = [];
  // One branch made per successor unit and kind takes every branch merged into it.
  const madeForMerge = new Map<string, string>();
  const steps: BranchStep[] = [];
  for (const suggestion of suggested) {
    const choice = chosen.get(suggestion.branchId);
    const action = choice?.action ?? suggestion.action;
    const successorUnitId = choice?.intoUnitId ?? suggestion.successorUnitId;
    if (!successorChoices(reorganization, suggestion.unitId).includes(successorUnitId))
      throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'body.actions', code: 'not_a_split_part' }]);
    const step = { ...suggestion, successorUnitId };
    let toBranchId: string | undefined;
    if (action === 'merge') {
      const given = choice?.action === 'merge' ? choice.intoBranchId : undefined;
      if (given) await requireOpenIn(ws, given, successorUnitId);
      const mergeKey = `${successorUnitId}#${suggestion.kind}`;
      // The suggested branch is one of the default successor's.
      const suggestedTarget =
        suggestion.action === 'merge' && successorUnitId === suggestion.successorUnitId
          ? (suggestion.toBranchId ?? undefined)
          : undefined;
      toBranchId = given ?? suggestedTarget ?? madeForMerge.get(mergeKey);
      if (!toBranchId) {
        toBranchId = randomUUID();
        madeForMerge.set(mergeKey, toBranchId);
        newBranches.push(newBranchFor(step, toBranchId));
      }
    } else {
      toBranchId = randomUUID();
      newBranches.push(newBranchFor(step, toBranchId));
    }
    steps.push({ ...step, action, toBranchId, done: false });
  }
  const plan: ApplyPlan = {
    reorganizationId: reorganization.id,
    status: 'applying',
    steps,
    newBranches,
    membersMoved: 0,
    startedAt: ctx.now.toISOString(),
    finishedAt: null,
    version: 1,
  };
  try {
    await commitPlan(ws, null, plan);
    return plan;
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'PRECONDITION_FAILED')) throw error;
    // A twin stored its plan first: that one is followed.
    return (await ws.reorganizations.plan(reorganization.id)) as ApplyPlan;
  }
}

function newBranchFor(step: BranchStep, id: string): ApplyPlan['newBranches'][number] {
  return { id, name: step.name, kind: step.kind, unitId: step.successorUnitId, fromBranchId: step.branchId };
}

/** Writes the plan's next state; if a twin run got there first, its state is the one to go on from. */
async function savePlan(ws: FollowUpWorkspace, before: ApplyPlan, after: ApplyPlan): Promise<ApplyPlan> {
  try {
    await commitPlan(ws, before, after);
    return after;
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'PRECONDITION_FAILED')) throw error;
    return (await ws.reorganizations.plan(after.reorganizationId)) as ApplyPlan;
  }
}

async function commitPlan(ws: FollowUpWorkspace, before: ApplyPlan | null, after: ApplyPlan): Promise<void> {
  const tx: Transaction = ws.reorganizations.tenantTransaction();
  ws.reorganizations.savePlan(tx, before, after);
  await tx.commit();
}

/** A branch of the successor unit made by the plan: the kind and fields of the branch it follows. */
async function createTarget(
  ws: FollowUpWorkspace,
  ctx: ChangeContext,
  target: ApplyPlan['newBranches'][number],
): Promise<void> {
  const source = (await ws.branches.get(target.fromBranchId)) as FullBranch;
  const branch: FullBranch = {
    id: target.id,
    name: target.name,
    kind: target.kind as BranchKind,
    unitId: target.unitId,
    economicModel: source.economicModel,
    agencyType: source.agencyType,
    status: 'active',
    createdAt: ctx.now.toISOString(),
    version: 1,
  };
  try {
    await commitNewBranch(ws, ctx, branch);
  } catch (error) {
    // A twin run made it first.
    if (!(await ws.branches.get(branch.id))) throw error;
  }
}

async function requireOpenIn(ws: FollowUpWorkspace, branchId: string, unitId: string): Promise<void> {
  const branch = await ws.branches.get(branchId);
  if (branch?.status !== 'active' || branch.unitId !== unitId)
    throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'body.actions', code: 'not_in_successor' }]);
}

async function openBranchOf(
  ws: FollowUpWorkspace,
  unitId: string,
  kind: BranchKind,
): Promise<FullBranch | undefined> {
  return (await ws.branches.allOfUnit(unitId, kind)).find((branch) => branch.status === 'active');
}
