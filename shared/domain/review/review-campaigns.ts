/**
 * Opening, reading and closing an organization's review campaign of a year. Opening and closing
 * are the organization admin's, each written with its audit record in one transaction; everyone
 * of the organization who reads members reads the campaign.
 */
import { requireMemberReader } from '../access/member-access.ts';
import { requireRole } from '../access/tree-access.ts';
import type { AuditAction, ChangeContext } from '../audit.ts';
import { vietnamToday } from '../dates.ts';
import { DomainError } from '../errors.ts';
import type { Principal } from '../roles.ts';
import { recordTreeAudit } from '../unit-workspace.ts';
import type { OpenReview, ReviewCampaign } from './member-review.ts';
import type { ReviewWorkspace } from './review-workspace.ts';

/** The campaign of a year, which must exist. */
export async function requireCampaign(ws: ReviewWorkspace, year: number): Promise<ReviewCampaign> {
  const campaign = await ws.reviews.campaign(year);
  if (!campaign) throw new DomainError('REVIEW_NOT_FOUND', { year: String(year) });
  return campaign;
}

/** The campaign of a year, which must still take confirmations. */
export async function requireOpenCampaign(ws: ReviewWorkspace, year: number): Promise<ReviewCampaign> {
  const campaign = await requireCampaign(ws, year);
  if (campaign.state !== 'open') throw new DomainError('REVIEW_CLOSED', { year: String(year) });
  return campaign;
}

export async function readCampaign(
  ws: ReviewWorkspace,
  principal: Principal,
  year: number,
): Promise<ReviewCampaign> {
  requireMemberReader(principal);
  return requireCampaign(ws, year);
}

/** A review is of the year before, the current one or the next: a year-end review runs over New Year. */
const YEARS_AROUND = 1;

/** The years a review may be of today, the latest first. */
export function reviewableYears(now: Date): number[] {
  const thisYear = Number(vietnamToday(now).slice(0, 4));
  return Array.from({ length: 2 * YEARS_AROUND + 1 }, (_, i) => thisYear + YEARS_AROUND - i);
}

/** The campaign under way today: the latest open one of the years a review may be of, if any. */
export async function currentCampaign(
  ws: ReviewWorkspace,
  principal: Principal,
  now: Date,
): Promise<ReviewCampaign | undefined> {
  requireMemberReader(principal);
  const campaigns = await Promise.all(reviewableYears(now).map((year) => ws.reviews.campaign(year)));
  return campaigns.find((campaign) => campaign?.state === 'open');
}

/**
 * A year's campaign is opened once. A review is of the year before, the current one or the next
 * (opened in December); its deadline lies ahead.
 */
export async function openCampaign(
  ws: ReviewWorkspace,
  ctx: ChangeContext,
  { year, deadline }: OpenReview,
): Promise<ReviewCampaign> {
  requireMemberReader(ctx.principal);
  requireRole(ctx.principal, 'org_admin');
  const today = vietnamToday(ctx.now);
  const thisYear = Number(today.slice(0, 4));
  const problems = [
    ...(Math.abs(year - thisYear) > YEARS_AROUND ? [{ path: 'body.year', code: 'out_of_range' }] : []),
    ...(deadline < today ? [{ path: 'body.deadline', code: 'out_of_range' }] : []),
  ];
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', {}, problems);
  const campaign: ReviewCampaign = {
    year,
    deadline,
    state: 'open',
    openedAt: ctx.now.toISOString(),
    openedBy: ctx.principal.username,
    closedAt: null,
    closedBy: null,
    version: 1,
  };
  await commit(ws, ctx, undefined, campaign, 'review_open');
  return campaign;
}

/** After closing, branches confirm nothing more: a late change is an ordinary status change. */
export async function closeCampaign(
  ws: ReviewWorkspace,
  ctx: ChangeContext,
  year: number,
): Promise<ReviewCampaign> {
  requireMemberReader(ctx.principal);
  requireRole(ctx.principal, 'org_admin');
  const before = await requireOpenCampaign(ws, year);
  const after: ReviewCampaign = {
    ...before,
    state: 'closed',
    closedAt: ctx.now.toISOString(),
    closedBy: ctx.principal.username,
    version: before.version + 1,
  };
  await commit(ws, ctx, before, after, 'review_close');
  return after;
}

async function commit(
  ws: ReviewWorkspace,
  ctx: ChangeContext,
  before: ReviewCampaign | undefined,
  after: ReviewCampaign,
  action: AuditAction,
): Promise<void> {
  const tx = ws.reviews.transaction();
  if (before) ws.reviews.saveCampaign(tx, before, after);
  else ws.reviews.createCampaign(tx, after);
  recordTreeAudit(ws, tx, ctx, {
    entityType: 'review_campaign',
    action,
    entityId: `reviews/${after.year}`,
    before: before ?? null,
    after,
  });
  await tx.commit();
}
