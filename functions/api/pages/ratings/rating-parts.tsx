/** Pieces the rating pages share: a state as a badge, a criterion's terms, the result, the answers read-only. */
import type { FC } from 'hono/jsx';
import type { BranchRating, RatingState } from '#shared/domain/ratings/branch-rating.ts';
import type { CriteriaSet, Criterion } from '#shared/domain/ratings/criteria.ts';
import { formatCount, formatDateTime } from '../components/format.ts';
import { TableWrap } from '../components/table-wrap.tsx';
import type { View } from '../http/view.ts';

export const ratingHref = (branchId: string, year: number, tail = '') =>
  `/branches/${encodeURIComponent(branchId)}/ratings/${year}${tail}`;

export const StateBadge: FC<{ view: View; state: RatingState }> = ({ view, state }) => (
  <span class="badge">{view.t(`ratings.state.${state}`)}</span>
);

/** A percentage with two decimals, as the score is kept: 82,00 % · 82.00%. */
export const formatScore = (percent: number, view: View) => {
  const text = percent.toFixed(2);
  return view.lang === 'vi' ? `${text.replace('.', ',')} %` : `${text}%`;
};

/** Weight, pass mark and whether the standard needs it, under the criterion's label. */
export function criterionHint(view: View, criterion: Criterion): string {
  const parts = [`${view.t('ratings.weight')} ${formatCount(criterion.weight, view.lang)}`];
  if (criterion.kind === 'score')
    parts.push(`${view.t('ratings.passAt')} ${criterion.pass}/${criterion.max}`);
  if (criterion.required) parts.push(view.t('ratings.required'));
  return parts.join(' · ');
}

export const RatingSummary: FC<{ view: View; rating: BranchRating }> = ({ view, rating }) => (
  <dl class="facts panel">
    <dt>{view.t('ratings.state')}</dt>
    <dd>
      <StateBadge view={view} state={rating.state} />
    </dd>
    <dt>{view.t('ratings.score')}</dt>
    <dd>{formatScore(rating.scorePercent, view)}</dd>
    <dt>{view.t('ratings.proposedLevel')}</dt>
    <dd>{view.t(`ratings.level.${rating.proposedLevel}`)}</dd>
    <dt>{view.t('ratings.level')}</dt>
    <dd>
      <strong>{view.t(`ratings.level.${rating.level}`)}</strong>
    </dd>
    {rating.overrideReason && (
      <>
        <dt>{view.t('ratings.overrideReason')}</dt>
        <dd>{rating.overrideReason}</dd>
      </>
    )}
    {rating.standardName && (
      <>
        <dt>{rating.standardName}</dt>
        <dd>{view.t(rating.standardMet ? 'ratings.standardMet' : 'ratings.standardNotMet')}</dd>
      </>
    )}
    {rating.returnReason && (
      <>
        <dt>{view.t('ratings.returnReason')}</dt>
        <dd>{rating.returnReason}</dd>
      </>
    )}
    {rating.unlockReason && (
      <>
        <dt>{view.t('ratings.unlockReason')}</dt>
        <dd>{rating.unlockReason}</dd>
      </>
    )}
    {rating.submittedBy && rating.submittedAt && (
      <>
        <dt>{view.t('ratings.submittedBy')}</dt>
        <dd>
          {rating.submittedBy} · {formatDateTime(rating.submittedAt)}
        </dd>
      </>
    )}
    {rating.decidedBy && rating.decidedAt && (rating.state === 'approved' || rating.state === 'returned') && (
      <>
        <dt>{view.t(`ratings.decidedBy.${rating.state}`)}</dt>
        <dd>
          {rating.decidedBy} · {formatDateTime(rating.decidedAt)}
        </dd>
      </>
    )}
  </dl>
);

/** The answers as they stand, for whoever may not (or no longer) change them. */
export const AnswersTable: FC<{ view: View; set: CriteriaSet; rating: BranchRating | undefined }> = ({
  view,
  set,
  rating,
}) => (
  <TableWrap label={view.t('ratings.criteriaCaption')}>
    <table class="stacked rating-answers">
      <caption>{view.t('ratings.criteriaCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{view.t('ratings.criterion')}</th>
          <th scope="col">{view.t('ratings.answer')}</th>
        </tr>
      </thead>
      <tbody>
        {set.criteria.map((criterion) => {
          const answer = rating?.answers[criterion.id];
          const shown =
            criterion.kind === 'yes_no'
              ? answer?.met == null
                ? view.t('ratings.notAnswered')
                : view.t(answer.met ? 'ratings.yes' : 'ratings.no')
              : answer?.score == null
                ? view.t('ratings.notAnswered')
                : `${answer.score}/${criterion.max}`;
          return (
            <tr>
              <th scope="row">
                {criterion.label}
                <br />
                <span class="muted">{criterionHint(view, criterion)}</span>
              </th>
              <td>
                <strong>{shown}</strong>
                {answer?.note && (
                  <>
                    <br />
                    <span class="muted">
                      {view.t('ratings.note')}: {answer.note}
                    </span>
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  </TableWrap>
);
