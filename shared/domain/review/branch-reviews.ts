/**
 * A branch's review in a campaign: the sheet of its current members, each confirmed or not;
 * confirming members as they stand or with a change of status; declaring the branch done.
 *
 * A change of status is the member's ordinary change (changeStatus: versioned, with its history
 * event and audit record), made before the confirmation is recorded. Every row is checked before
 * the first is written, so a refused request writes nothing. The branch's review is written with
 * its audit record, against the version read, and only while the campaign is open.
 */
import { isDeepStrictEqual } from 'node:util';
import { requireMemberReader, requireMemberWriter } from '../access/member-access.ts';
import type { AuditAction, ChangeContext } from '../audit.ts';
import { readBranch } from '../branch-changes.ts';
import type { FullBranch } from '../branches.ts';
import { vietnamToday } from '../dates.ts';
import { DomainError, type FieldError } from '../errors.ts';
import { applyStatusChange, isCurrent } from '../members/lifecycle.ts';
import type { Member, StatusChange } from '../members/member.ts';
import { changeStatus } from '../members/member-changes.ts';
import type { Principal } from '../roles.ts';
import { recordTreeAudit } from '../unit-workspace.ts';
import type { FullUnit } from '../units.ts';
import type {
  BranchReview,
  BranchReviewSheet,
  Confirmation,
  ConfirmMembers,
  ReviewCampaign,
  ReviewCounts,
} from './member-review.ts';
import { requireCampaign, requireOpenCampaign } from './review-campaigns.ts';
import type { ReviewWorkspace } from './review-workspace.ts';

type Confirmations = Record<string, Confirmation>;

const isReviewed = (member: Member, confirmations: Confirmations) =>
  confirmations[member.id]?.status === member.status;

export async function branchReviewSheet(
  ws: ReviewWorkspace,
  principal: Principal,
  branchId: string,
  year: number,
): Promise<BranchReviewSheet> {
  requireMemberReader(principal);
  const campaign = await requireCampaign(ws, year);
  const { branch } = await readBranch(ws, principal, branchId);
  const [members, review] = await Promise.all([
    ws.members.currentInBranch(branchId),
    ws.reviews.review(branchId, year),
  ]);
  return sheetOf(campaign, branch, members, review);
}

/** Writes this many members' changes at once: a branch's sheet is done in a few round trips. */
const CONCURRENT_WRITES = 8;
/** A confirmation that lost a race with another on the same branch is made again this many times. */
const RETRIES = 3;

export async function confirmMembers(
  ws: ReviewWorkspace,
  ctx: ChangeContext,
  branchId: string,
  year: number,
  request: ConfirmMembers,
): Promise<BranchReviewSheet> {
  const organization = requireMemberWriter(ctx.principal);
  const campaign = await requireOpenCampaign(ws, year);
  const { branch, unit } = await readBranch(ws, ctx.principal, branchId);
  const [members, before] = await Promise.all([
    ws.members.currentInBranch(branchId),
    ws.reviews.review(branchId, year),
  ]);
  const byId = new Map(members.map((member) => [member.id, member]));
  const today = vietnamToday(ctx.now);
  checkRows(request, byId);
  const changes = request.confirm.flatMap((row, index) => {
    const member = byId.get(row.memberId) as Member;
    if (row.status === member.status) return [];
    const change: StatusChange = {
      status: row.status,
      reason: row.reason as string,
      effectiveDate: row.effectiveDate ?? today,
      awayPlace: row.awayPlace ?? null,
    };
    // The member's own rules (transitions, dates, graduation) refuse a row before anything is written.
    onRow(index, () => applyStatusChange(member, change, organization, today));
    return [{ member, change }];
  });

  const changed = new Map<string, Member>();
  for (let start = 0; start < changes.length; start += CONCURRENT_WRITES)
    await Promise.all(
      changes.slice(start, start + CONCURRENT_WRITES).map(async ({ member, change }) => {
        changed.set(member.id, await changeStatus(ws, ctx, member.id, change, member.version));
      }),
    );

  const stamp = { at: ctx.now.toISOString(), by: ctx.principal.username };
  const now = members.map((member) => changed.get(member.id) ?? member).filter((m) => isCurrent(m.status));
  // Two officers confirming the same branch at once both land: the later one re-reads the review.
  for (let attempt = 0, review = before; ; attempt++) {
    const confirmations: Confirmations = { ...review?.confirmations };
    for (const row of request.confirm) {
      const was = byId.get(row.memberId) as Member;
      // Confirming again what is already confirmed keeps the first confirmation, and whether it was a change.
      if (row.status === was.status && isReviewed(was, confirmations)) continue;
      confirmations[row.memberId] = { status: row.status, changed: row.status !== was.status, ...stamp };
    }
    if (request.confirmRest)
      for (const member of now)
        if (!isReviewed(member, confirmations))
          confirmations[member.id] = { status: member.status, changed: false, ...stamp };
    const after = nextReview(ctx, review, branch, unit, year, confirmations, now, {});
    try {
      if (after) await commit(ws, ctx, review, after, 'review_confirm');
      return sheetOf(campaign, branch, now, after ?? review);
    } catch (error) {
      const stale = error instanceof DomainError && error.code === 'PRECONDITION_FAILED';
      if (!stale || attempt >= RETRIES) throw error;
      review = await ws.reviews.review(branchId, year);
    }
  }
}

/** The branch declares its review finished: refused while a current member is not reviewed. */
export async function markBranchDone(
  ws: ReviewWorkspace,
  ctx: ChangeContext,
  branchId: string,
  year: number,
): Promise<BranchReviewSheet> {
  requireMemberWriter(ctx.principal);
  const campaign = await requireOpenCampaign(ws, year);
  const { branch, unit } = await readBranch(ws, ctx.principal, branchId);
  const [members, before] = await Promise.all([
    ws.members.currentInBranch(branchId),
    ws.reviews.review(branchId, year),
  ]);
  const confirmations = before?.confirmations ?? {};
  const missing = members.filter((member) => !isReviewed(member, confirmations)).length;
  if (missing > 0) throw new DomainError('REVIEW_INCOMPLETE', { missing: String(missing) });
  const done = before?.doneAt ? {} : { doneAt: ctx.now.toISOString(), doneBy: ctx.principal.username };
  const after = nextReview(ctx, before, branch, unit, year, confirmations, members, done);
  if (after) await commit(ws, ctx, before, after, 'review_done');
  return sheetOf(campaign, branch, members, after ?? before);
}

function checkRows(request: ConfirmMembers, byId: ReadonlyMap<string, Member>): void {
  const seen = new Set<string>();
  const problems: FieldError[] = [];
  request.confirm.forEach((row, index) => {
    const at = `body.confirm.${index}`;
    const member = byId.get(row.memberId);
    if (!member) problems.push({ path: `${at}.memberId`, code: 'not_a_current_member' });
    else if (seen.has(row.memberId)) problems.push({ path: `${at}.memberId`, code: 'duplicate_id' });
    else if (row.status === member.status) {
      // A confirmation takes the member as they stand; where an away member works changes with a change of status.
      if (row.awayPlace != null && row.awayPlace !== member.awayPlace)
        problems.push({ path: `${at}.awayPlace`, code: 'only_with_change' });
    } else {
      if (!row.reason) problems.push({ path: `${at}.reason`, code: 'required_for_change' });
      if (row.status === 'away' && !row.awayPlace)
        problems.push({ path: `${at}.awayPlace`, code: 'required_when_away' });
    }
    seen.add(row.memberId);
  });
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', {}, problems);
}

/** A member's rule refusing a row names the row: its fields, or else its status. */
function onRow(index: number, check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const at = `body.confirm.${index}`;
    const fields =
      error.fields.length > 0
        ? error.fields.map((field) => ({ ...field, path: field.path.replace(/^body/, at) }))
        : [{ path: `${at}.status`, code: 'invalid_value' }];
    throw new DomainError(error.code, error.params, fields);
  }
}

function countsOf(members: readonly Member[], confirmations: Confirmations): ReviewCounts {
  const reviewed = members.filter((member) => isReviewed(member, confirmations));
  const inStatus = (status: string) => reviewed.filter((member) => member.status === status).length;
  return {
    members: members.length,
    reviewed: reviewed.length,
    active: inStatus('active'),
    away: inStatus('away'),
    lapsed: inStatus('lapsed'),
    left: Object.values(confirmations).filter((confirmation) => !isCurrent(confirmation.status)).length,
  };
}

/** The review as it is to be written, or null when it would not change. */
function nextReview(
  ctx: ChangeContext,
  before: BranchReview | undefined,
  branch: FullBranch,
  unit: FullUnit,
  year: number,
  confirmations: Confirmations,
  members: readonly Member[],
  done: Partial<Pick<BranchReview, 'doneAt' | 'doneBy'>>,
): BranchReview | null {
  const content = {
    branchName: branch.name,
    unitId: unit.id,
    unitIds: [...unit.ancestorIds, unit.id],
    communeId: unit.level === 'commune' ? unit.id : unit.level === 'hamlet' ? unit.parentId : null,
    confirmations,
    counts: countsOf(members, confirmations),
    ...done,
  };
  if (before && isDeepStrictEqual({ ...before, ...content }, before)) return null;
  const touched = { updatedAt: ctx.now.toISOString(), updatedBy: ctx.principal.username };
  return before
    ? { ...before, ...content, ...touched, version: before.version + 1 }
    : {
        year,
        branchId: branch.id,
        doneAt: null,
        doneBy: null,
        ...content,
        createdAt: touched.updatedAt,
        ...touched,
        version: 1,
      };
}

async function commit(
  ws: ReviewWorkspace,
  ctx: ChangeContext,
  before: BranchReview | undefined,
  after: BranchReview,
  action: AuditAction,
): Promise<void> {
  const tx = ws.reviews.transaction();
  ws.reviews.requireOpen(tx, after.year);
  ws.reviews.saveReview(tx, before, after);
  // The record names the members this write confirmed, not the whole branch's list again.
  const touched = Object.keys(after.confirmations).filter(
    (id) => !isDeepStrictEqual(after.confirmations[id], before?.confirmations[id]),
  );
  const only = (confirmations: Confirmations = {}) =>
    Object.fromEntries(touched.filter((id) => id in confirmations).map((id) => [id, confirmations[id]]));
  recordTreeAudit(ws, tx, ctx, {
    entityType: 'branch_review',
    action,
    entityId: `${after.branchId}/review/${after.year}`,
    before: before ? { ...before, confirmations: only(before.confirmations) } : null,
    after: { ...after, confirmations: only(after.confirmations) },
  });
  await tx.commit();
}

function sheetOf(
  campaign: ReviewCampaign,
  branch: FullBranch,
  members: readonly Member[],
  review: BranchReview | null | undefined,
): BranchReviewSheet {
  const confirmations = review?.confirmations ?? {};
  return {
    year: campaign.year,
    branchId: branch.id,
    branchName: branch.name,
    campaign,
    done: Boolean(review?.doneAt),
    doneAt: review?.doneAt ?? null,
    counts: countsOf(members, confirmations),
    members: members.map((member) => ({
      memberId: member.id,
      fullName: member.fullName,
      status: member.status,
      awayPlace: member.awayPlace,
      reviewed: isReviewed(member, confirmations),
      confirmation: confirmations[member.id] ?? null,
    })),
  };
}
