/** A dissolution's plan as stored on the branch: why, from when, where members went, when it ran. */
import type { FC } from 'hono/jsx';
import type { FullBranch } from '#shared/domain/branches.ts';
import { formatCount, formatDate } from '../components/format.ts';
import type { View } from '../http/view.ts';
import { branchHref } from './branch-paths.ts';

/** An instant (2025-07-01T03:04:05Z) as the day and time in Vietnam, dd/mm/yyyy hh:mm. */
function vietnamTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString();
  return `${formatDate(local)} ${local.slice(11, 16)}`;
}

interface Props {
  readonly view: View;
  readonly branch: FullBranch;
  /** The branch members without a move of their own went to, when the reader may read it. */
  readonly destination: FullBranch | null;
}

export const DissolutionFacts: FC<Props> = ({ view, branch, destination }) => {
  const plan = branch.dissolution;
  if (!plan) return null;
  const ownMoves = Object.keys(plan.moves).length;
  return (
    <section class="panel tight" aria-labelledby="dissolution">
      <h2 id="dissolution">{view.t('branches.dissolution')}</h2>
      <dl class="facts">
        <dt>{view.t('branches.reason')}</dt>
        <dd>{plan.reason}</dd>
        <dt>{view.t('branches.effectiveDate')}</dt>
        <dd>{formatDate(plan.effectiveDate)}</dd>
        {plan.toBranchId && (
          <>
            <dt>{view.t('branches.defaultGoesTo')}</dt>
            <dd>
              <a href={branchHref(plan.toBranchId)}>{destination?.name ?? plan.toBranchId}</a>
            </dd>
          </>
        )}
        {ownMoves > 0 && (
          <>
            <dt>{view.t('branches.ownMoves')}</dt>
            <dd>{formatCount(ownMoves, view.lang)}</dd>
          </>
        )}
        <dt>{view.t('branches.startedAt')}</dt>
        <dd>{vietnamTime(plan.startedAt)}</dd>
        {plan.finishedAt && (
          <>
            <dt>{view.t('branches.finishedAt')}</dt>
            <dd>{vietnamTime(plan.finishedAt)}</dd>
          </>
        )}
      </dl>
    </section>
  );
};
