/**
 * The reminders of what is missing in the member review. Nothing is sent (there is no e-mail):
 * while a campaign is open, the officers who must act read what is left where they work — on
 * /home, the branches not done under their scope out of all, with the deadline; on a branch's
 * page, its members not yet reviewed, with the way to its sheet. Past the deadline it says so.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { requireMemberReader, requireMemberWriter } from '#shared/domain/access/member-access.ts';
import { requireRole } from '#shared/domain/access/tree-access.ts';
import { branchReviewSheet } from '#shared/domain/review/branch-reviews.ts';
import type { ReviewCampaign } from '#shared/domain/review/member-review.ts';
import { currentCampaign } from '#shared/domain/review/review-campaigns.ts';
import { reviewProgress } from '#shared/domain/review/review-progress.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { reviewWorkspace } from '../../http/workspaces.ts';
import { formatCount, formatDate } from '../components/format.ts';
import { allows } from '../components/navigation.ts';
import type { View } from '../http/view.ts';
import { viewOf } from '../http/view.ts';
import { deadlineText, isOverdue, reviewsHref, sheetHref } from './review-parts.tsx';

/** Who follows a whole scope's progress and can act on it: the admins and unit officers. */
const followsProgress = allows(requireMemberWriter, (p) => requireRole(p, 'org_admin', 'unit_officer'));

/** On /home: how many branches under the reader's scope are not done, while a campaign is open. */
export async function scopeReminder(c: Context<AppEnv>, deps: AppDependencies): Promise<Child> {
  const principal = c.get('principal');
  if (!followsProgress(principal)) return null;
  const ws = reviewWorkspace(c, deps);
  const campaign = await currentCampaign(ws, principal, c.get('now'));
  if (!campaign) return null;
  const { total } = await reviewProgress(ws, principal, campaign.year, undefined, c.get('now'));
  if (total.missing === 0) return null;
  const view = viewOf(c);
  const n = (value: number) => formatCount(value, view.lang);
  return (
    <Reminder view={view} campaign={campaign} now={c.get('now')}>
      {n(total.missing)} {view.t('reviews.branchesLeftOf')} {n(total.branches)}; {n(total.reviewed)}{' '}
      {view.t('reviews.membersReviewedOf')} {n(total.members)}.{' '}
      <a href={reviewsHref(campaign.year)}>{view.t('reviews.seeProgress')}</a>
    </Reminder>
  );
}

/** On a branch's page: its members left in the campaign under way, and the way to its sheet. */
export async function branchReminder(
  c: Context<AppEnv>,
  deps: AppDependencies,
  branchId: string,
): Promise<Child> {
  const principal = c.get('principal');
  if (!allows(requireMemberReader)(principal)) return null;
  const ws = reviewWorkspace(c, deps);
  const campaign = await currentCampaign(ws, principal, c.get('now'));
  if (!campaign) return null;
  const sheet = await branchReviewSheet(ws, principal, branchId, campaign.year);
  const view = viewOf(c);
  const link = <a href={sheetHref(branchId, campaign.year)}>{view.t('reviews.openSheet')}</a>;
  if (sheet.doneAt)
    return (
      <p class="actions">
        {view.t('reviews.branchDone')} {formatDate(sheet.doneAt)}. {link}
      </p>
    );
  return (
    <Reminder view={view} campaign={campaign} now={c.get('now')}>
      {formatCount(sheet.counts.members - sheet.counts.reviewed, view.lang)} {view.t('reviews.membersLeft')}.{' '}
      {link}
    </Reminder>
  );
}

const Reminder = ({
  view,
  campaign,
  now,
  children,
}: {
  view: View;
  campaign: ReviewCampaign;
  now: Date;
  children: Child;
}) => (
  <p class={`notice ${isOverdue(campaign, now) ? 'error' : 'warn'}`} role="status">
    <strong>
      {view.t('reviews.reminder')} {campaign.year}
    </strong>{' '}
    ({view.t('reviews.deadline').toLowerCase()} {deadlineText(view, campaign, now)}): {children}
  </p>
);
