/**
 * A year's branch ratings under a unit: how far they have come per unit right below it (the same
 * use case as GET /api/v1/branch-ratings/progress), then the ratings themselves, by commune and
 * branch, narrowed by state (GET /api/v1/branch-ratings), each leading to the rating.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { BRANCH_KINDS, type BranchKind } from '#shared/domain/branches.ts';
import { vietnamToday } from '#shared/domain/dates.ts';
import {
  type BranchRating,
  RATING_STATES,
  type RatingProgress,
} from '#shared/domain/ratings/branch-rating.ts';
import { ratingYearSchema } from '#shared/domain/ratings/criteria.ts';
import { ratingProgress } from '#shared/domain/ratings/rating-progress.ts';
import { listRatings } from '#shared/domain/ratings/rating-queries.ts';
import { readUnit } from '#shared/domain/unit-queries.ts';
import type { AppEnv } from '../../app-env.ts';
import { choicesWorkspace, ratingWorkspace } from '../../http/workspaces.ts';
import { kindWord } from '../branches/branch-words.ts';
import { Pager } from '../components/pager.tsx';
import { ProgressTable } from '../components/progress-table.tsx';
import { TableWrap } from '../components/table-wrap.tsx';
import { YearFilters, yearsBack } from '../components/year-filters.tsx';
import { readQuery } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';
import { Refused } from '../members/member-parts.tsx';
import { unitChoices } from '../members/member-places.ts';
import { criteriaHref, isCriteriaAdmin } from './criteria-page.tsx';
import { formatScore, ratingHref, StateBadge } from './rating-parts.tsx';

const PER_PAGE = 50;
const YEARS_BACK = 3;

const listQuerySchema = z.object({
  year: ratingYearSchema.optional(),
  unitId: z.string().min(1).max(64).optional(),
  state: z.enum(RATING_STATES).optional(),
  cursor: z.string().max(4096).optional(),
});

export async function ratingListPage(c: Context<AppEnv>) {
  const thisYear = Number(vietnamToday(c.get('now')).slice(0, 4));
  const query = readQuery(c, listQuerySchema);
  const year = (query.ok && query.data.year) || thisYear;
  const ws = ratingWorkspace(c);
  const principal = c.get('principal');
  // The use cases answer first: whoever may not read ratings under the unit gets their refusal.
  const [progress, page] = query.ok
    ? await Promise.all([
        ratingProgress(ws, principal, { year, unitId: query.data.unitId }, c.get('now')),
        listRatings(ws, principal, { ...query.data, year, limit: PER_PAGE }),
      ])
    : [undefined, undefined];
  const [units, unitNames] = await Promise.all([
    unitChoices(c, query.values.unitId),
    namesOfUnits(c, page?.items ?? []),
  ]);
  const years = yearsBack(thisYear, YEARS_BACK, year);
  const form = { values: { ...query.values, year: String(year) }, errors: query.ok ? {} : query.errors };
  return renderPage(c, { title: (view) => view.t('ratings.title'), status: query.ok ? 200 : 400 }, (view) => (
    <>
      <YearFilters
        view={view}
        action="/ratings"
        form={form}
        years={years}
        yearLabel={view.t('ratings.year')}
        units={units}
        unitLabel={view.t('ratings.unit')}
        states={{
          label: view.t('ratings.state'),
          options: RATING_STATES.map((state) => ({ value: state, label: view.t(`ratings.state.${state}`) })),
        }}
        submit={view.t('ratings.show')}
      />
      <Refused view={view} form={form} />
      {progress && <Progress view={view} progress={progress} />}
      {progress && (
        <CriteriaLinks
          view={view}
          year={year}
          kinds={isCriteriaAdmin(principal) ? BRANCH_KINDS : progress.branchKinds}
        />
      )}
      {page && (
        <section aria-labelledby="ratings-list">
          <h2 id="ratings-list">{view.t('ratings.list')}</h2>
          {page.items.length === 0 ? (
            <p class="panel">{view.t('ratings.none')}</p>
          ) : (
            <Ratings view={view} ratings={page.items} unitNames={unitNames} />
          )}
          <Pager view={view} nextCursor={page.nextCursor} />
        </section>
      )}
    </>
  ));
}

/** The year's criteria sets: each kind with one for readers, every kind for the admin who sets them up. */
const CriteriaLinks = ({ view, year, kinds }: { view: View; year: number; kinds: readonly BranchKind[] }) =>
  kinds.length === 0 ? null : (
    <p class="actions">
      {view.t('ratings.criteriaSets')} {year}:
      {kinds.map((kind) => (
        <a href={criteriaHref(year, kind)}>{kindWord(view, kind)}</a>
      ))}
    </p>
  );

const Progress = ({ view, progress }: { view: View; progress: RatingProgress }) => (
  <section aria-labelledby="ratings-progress">
    <h2 id="ratings-progress">{view.t('ratings.progress')}</h2>
    {progress.rows.length === 0 ? (
      <p class="panel">{view.t('ratings.noProgress')}</p>
    ) : (
      <ProgressTable
        view={view}
        caption={view.t('ratings.progressCaption')}
        words={{
          unit: view.t('ratings.unit'),
          own: view.t('ratings.ownBranches'),
          total: view.t('ratings.total'),
        }}
        columns={[
          { label: view.t('ratings.branches'), value: (c) => c.branches },
          { label: view.t('ratings.rated'), value: (c) => c.rated },
          { label: view.t('ratings.approved'), value: (c) => c.approved },
          { label: view.t('ratings.missing'), value: (c) => c.missing },
        ]}
        rows={progress.rows}
        total={progress.total}
      />
    )}
  </section>
);

/** The names of the units a page of ratings names, read as the unit pickers read them. */
async function namesOfUnits(c: Context<AppEnv>, ratings: readonly BranchRating[]) {
  const ids = [...new Set(ratings.map((rating) => rating.unitId))];
  const named = await Promise.all(
    ids.map(async (id) => {
      const unit = await readUnit(choicesWorkspace(c), c.get('principal'), id).catch(() => undefined);
      return [id, unit?.name ?? id] as const;
    }),
  );
  return new Map(named);
}

const Ratings = ({
  view,
  ratings,
  unitNames,
}: {
  view: View;
  ratings: readonly BranchRating[];
  unitNames: ReadonlyMap<string, string>;
}) => (
  <TableWrap label={view.t('ratings.listCaption')}>
    <table>
      <caption>{view.t('ratings.listCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{view.t('ratings.branch')}</th>
          <th scope="col">{view.t('ratings.unit')}</th>
          <th scope="col">{view.t('ratings.state')}</th>
          <th scope="col">{view.t('ratings.level')}</th>
          <th scope="col" class="num">
            {view.t('ratings.score')}
          </th>
        </tr>
      </thead>
      <tbody>
        {ratings.map((rating) => (
          <tr>
            <th scope="row">
              <a href={ratingHref(rating.branchId, rating.year)}>{rating.branchName}</a>
            </th>
            <td>{unitNames.get(rating.unitId) ?? rating.unitId}</td>
            <td>
              <StateBadge view={view} state={rating.state} />
            </td>
            <td>{view.t(`ratings.level.${rating.level}`)}</td>
            <td class="num">{formatScore(rating.scorePercent, view)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </TableWrap>
);
