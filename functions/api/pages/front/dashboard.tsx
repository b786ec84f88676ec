/**
 * The dashboard's content, in the order a report reads: the headline counts, the four
 * organizations side by side, coverage drawn, the units below, the comparison, then what the
 * marks mean. Links keep the reader's choices (unit, sort, comparison) so each click changes one.
 */
import type { FC } from 'hono/jsx';
import type { Comparison, Overview } from '#shared/figures/reading/schemas.ts';
import { formatDate } from '../components/format.ts';
import type { View } from '../http/view.ts';
import { ChildrenTable } from './children-table.tsx';
import { type CompareWith, ComparisonSection } from './comparison.tsx';
import { CoverageChart } from './coverage-chart.tsx';
import { Legend } from './front-cells.tsx';
import { NAME_SORT, type Sort, sortOf } from './front-columns.ts';
import { MembershipsAndPeople, UnitFigures, YearFigures } from './unit-figures.tsx';

export interface DashboardQuery {
  readonly unitId?: string | undefined;
  readonly sort?: string | undefined;
  readonly dir?: string | undefined;
  readonly compare: CompareWith;
}

interface DashboardProps {
  readonly view: View;
  readonly overview: Overview;
  readonly comparison: Comparison;
  readonly query: DashboardQuery;
}

const BY_NAME: Sort = { key: NAME_SORT, dir: 'asc' };

/** The dashboard's choices as address parameters; defaults are left out to keep links short. */
function dashboardParams(
  unitId: string | undefined,
  sort: Sort,
  compare?: CompareWith,
): Record<string, string> {
  const params: Record<string, string> = {};
  if (unitId) params.unitId = unitId;
  if (sort.key !== BY_NAME.key || sort.dir !== BY_NAME.dir)
    Object.assign(params, { sort: sort.key, dir: sort.dir });
  if (compare && compare !== 'month') params.compare = compare;
  return params;
}

function dashboardHref(unitId: string | undefined, sort: Sort, compare: CompareWith): string {
  const search = new URLSearchParams(dashboardParams(unitId, sort, compare)).toString();
  return search ? `/front?${search}` : '/front';
}

export const Dashboard: FC<DashboardProps> = ({ view, overview, comparison, query }) => {
  const sort = sortOf(query.sort, query.dir);
  const revised = overview.sources.some((source) => source.revised);
  const unitQuery = `unitId=${encodeURIComponent(overview.unitId)}`;
  return (
    <div class="front-report">
      <p class="muted">
        {view.t('front.figuresOf')} {formatDate(overview.asOf)} · {view.t('front.aggregatesOnly')}
      </p>
      {overview.resolvedFrom && (
        <p class="notice warn">
          {view.t('front.resolvedFrom')} {overview.resolvedFrom.name}
        </p>
      )}
      {revised && <p class="notice warn">{view.t('front.revised')}</p>}
      <div class="actions no-print">
        <a class="button secondary" href={`/front/overview.xlsx?${unitQuery}`}>
          {view.t('front.downloadOverview')}
        </a>
        <a
          class="button secondary"
          href={`/front/compare.xlsx?${unitQuery}&from=${comparison.from}&to=${comparison.to}`}
        >
          {view.t('front.downloadComparison')}
        </a>
        <button type="button" class="secondary" data-print hidden>
          {view.t('front.print')}
        </button>
      </div>

      <MembershipsAndPeople view={view} row={overview} />
      <UnitFigures view={view} row={overview} />
      <YearFigures view={view} row={overview} />

      <section aria-labelledby="chart-title" class="panel">
        <h2 id="chart-title">{view.t('front.chartTitle')}</h2>
        <CoverageChart view={view} row={overview} />
      </section>

      {overview.children.length > 0 && (
        <section aria-labelledby="children-title">
          <h2 id="children-title">{view.t('front.childrenTitle')}</h2>
          <ChildrenTable
            view={view}
            rows={overview.children}
            sort={sort}
            sortHref={(next) => dashboardHref(query.unitId, next, query.compare)}
            unitHref={(unitId) => dashboardHref(unitId, BY_NAME, query.compare)}
          />
        </section>
      )}

      <ComparisonSection
        view={view}
        comparison={comparison}
        compareWith={query.compare}
        keep={dashboardParams(query.unitId, sort)}
      />
      <Legend view={view} />
    </div>
  );
};
