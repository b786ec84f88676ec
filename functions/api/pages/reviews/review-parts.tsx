/** Pieces the review pages share: their addresses, the year in a path, a campaign's facts. */
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import { vietnamToday } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { type ReviewCampaign, reviewYearSchema } from '#shared/domain/review/member-review.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatDate, formatDateTime } from '../components/format.ts';
import type { View } from '../http/view.ts';

export const reviewsHref = (year: number) => `/reviews?year=${year}`;

export const sheetHref = (branchId: string, year: number) =>
  `/branches/${encodeURIComponent(branchId)}/review/${year}`;

/** The year a review page's path names; one that is not a year names no campaign. */
export function yearParam(c: Context<AppEnv>): number {
  const year = reviewYearSchema.safeParse(c.req.param('year'));
  if (!year.success) throw new DomainError('REVIEW_NOT_FOUND', { year: c.req.param('year') ?? '' });
  return year.data;
}

export const thisYear = (c: Context<AppEnv>) => Number(vietnamToday(c.get('now')).slice(0, 4));

/** Whether an open campaign's deadline has passed, in Vietnam's today. */
export const isOverdue = (campaign: ReviewCampaign, now: Date) =>
  campaign.state === 'open' && campaign.deadline < vietnamToday(now);

/** The deadline as people read it, said to be past once it is. */
export const deadlineText = (view: View, campaign: ReviewCampaign, now: Date) =>
  `${formatDate(campaign.deadline)}${isOverdue(campaign, now) ? ` (${view.t('reviews.overdue')})` : ''}`;

export const CampaignFacts: FC<{ view: View; campaign: ReviewCampaign; now: Date }> = ({
  view,
  campaign,
  now,
}) => (
  <dl class="facts">
    <dt>{view.t('reviews.state')}</dt>
    <dd>
      <span class="badge">{view.t(`reviews.state.${campaign.state}`)}</span>
    </dd>
    <dt>{view.t('reviews.deadline')}</dt>
    <dd>
      {isOverdue(campaign, now) ? (
        <strong>{deadlineText(view, campaign, now)}</strong>
      ) : (
        formatDate(campaign.deadline)
      )}
    </dd>
    <dt>{view.t('reviews.openedBy')}</dt>
    <dd>
      {campaign.openedBy} · {formatDateTime(campaign.openedAt)}
    </dd>
    {campaign.closedBy && campaign.closedAt && (
      <>
        <dt>{view.t('reviews.closedBy')}</dt>
        <dd>
          {campaign.closedBy} · {formatDateTime(campaign.closedAt)}
        </dd>
      </>
    )}
  </dl>
);
