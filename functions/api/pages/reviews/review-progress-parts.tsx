/**
 * The review's progress as /reviews shows it: a row per unit below the one read (each a link
 * down into it), the branches not done there with the way to their sheets, and for a branch's
 * officer their own branch.
 */
import type { FC } from 'hono/jsx';
import type { BranchReviewSheet, ReviewProgress } from '#shared/domain/review/member-review.ts';
import { formatCount, formatDate } from '../components/format.ts';
import { ProgressTable } from '../components/progress-table.tsx';
import { TableWrap } from '../components/table-wrap.tsx';
import type { View } from '../http/view.ts';
import { sheetHref } from './review-parts.tsx';

export const Progress: FC<{ view: View; progress: ReviewProgress }> = ({ view, progress }) => (
  <section aria-labelledby="review-progress">
    <h2 id="review-progress">{view.t('reviews.progress')}</h2>
    {progress.rows.length === 0 ? (
      <p class="panel">{view.t('reviews.noProgress')}</p>
    ) : (
      <ProgressTable
        view={view}
        caption={view.t('reviews.progressCaption')}
        words={{
          unit: view.t('reviews.unit'),
          own: view.t('reviews.ownBranches'),
          total: view.t('reviews.total'),
        }}
        columns={[
          { label: view.t('reviews.branches'), value: (c) => c.branches },
          { label: view.t('reviews.branchesDone'), value: (c) => c.done },
          { label: view.t('reviews.branchesMissing'), value: (c) => c.missing },
          { label: view.t('reviews.members'), value: (c) => c.members },
          { label: view.t('reviews.membersReviewed'), value: (c) => c.reviewed },
        ]}
        rows={progress.rows}
        total={progress.total}
      />
    )}
  </section>
);

/** The reminder of what is missing: each branch not done, and how far it has come. */
export const BranchesLeft: FC<{ view: View; progress: ReviewProgress }> = ({ view, progress }) => {
  const left = progress.branchesLeft;
  // A unit whose branches are not done and not listed here holds them further down.
  const below = progress.rows.some(
    (row) => !row.own && row.missing > 0 && !left.some((branch) => branch.unitId === row.unitId),
  );
  return (
    <section aria-labelledby="review-left">
      <h2 id="review-left">{view.t('reviews.left')}</h2>
      {left.length > 0 ? (
        <TableWrap label={view.t('reviews.leftCaption')}>
          <table class="stacked">
            <caption>{view.t('reviews.leftCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{view.t('reviews.branches')}</th>
                <th scope="col">{view.t('reviews.unit')}</th>
                <th scope="col">{view.t('reviews.membersReviewed')}</th>
              </tr>
            </thead>
            <tbody>
              {left.map((branch) => (
                <tr>
                  <th scope="row">
                    <a href={sheetHref(branch.branchId, progress.year)}>{branch.name}</a>
                  </th>
                  <td>{branch.unitName}</td>
                  <td>
                    {branch.members === null
                      ? view.t('reviews.notStarted')
                      : `${formatCount(branch.reviewed, view.lang)} / ${formatCount(branch.members, view.lang)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        !below && <p class="panel">{view.t('reviews.leftNone')}</p>
      )}
      {below && <p class="muted">{view.t('reviews.leftBelow')}</p>}
    </section>
  );
};

/** A branch officer's own branch: what is left of it, and its sheet. */
export const OwnBranch: FC<{ view: View; sheet: BranchReviewSheet }> = ({ view, sheet }) => (
  <section class="panel tight" aria-labelledby="own-branch">
    <h2 id="own-branch">
      {view.t('reviews.yourBranch')}: {sheet.branchName}
    </h2>
    <p>
      {sheet.doneAt
        ? `${view.t('reviews.branchDone')} ${formatDate(sheet.doneAt)}.`
        : `${formatCount(sheet.counts.reviewed, view.lang)} / ${formatCount(sheet.counts.members, view.lang)} ${view.t('reviews.membersReviewed').toLowerCase()}.`}
    </p>
    <p class="actions">
      <a class="button" href={sheetHref(sheet.branchId, sheet.year)}>
        {view.t('reviews.openSheet')}
      </a>
    </p>
  </section>
);
