/**
 * The unit's own figures: the four organizations side by side with their total (introductions
 * to the Party, admissions and members' ratings of the year among them), then the year's
 * branches' ratings and review of members in two tables of the same shape — one table would no
 * longer fit a page across — and how many memberships those are against how many distinct people
 * (a woman farmer who is also a veteran is two memberships, one person).
 */
import type { FC } from 'hono/jsx';
import { RATING_LEVELS } from '#shared/domain/ratings/criteria.ts';
import type { UiTextKey } from '#shared/domain/ui-text/index.ts';
import { branchRatingShare, percentOf, standardsTotal } from '#shared/figures/reading/branch-ratings.ts';
import type { FrontRow } from '#shared/figures/reading/schemas.ts';
import { TableWrap } from '../components/table-wrap.tsx';
import type { View } from '../http/view.ts';
import {
  FigureCell,
  type Figures,
  FigureText,
  organizationLabel,
  type Shown,
  shownOf,
} from './front-cells.tsx';
import { YEARLY_FIGURES } from './front-columns.ts';

interface UnitColumn {
  readonly label: UiTextKey;
  readonly shown: (f: Figures) => Shown;
  readonly percent?: boolean;
  /** A figure of the figures' year: its heading names the year. */
  readonly yearly?: boolean;
}

const FIGURES: readonly UnitColumn[] = [
  { label: 'front.members', shown: (f) => shownOf(f, f.members.total) },
  { label: 'front.active', shown: (f) => shownOf(f, f.members.active) },
  { label: 'front.away', shown: (f) => shownOf(f, f.members.away) },
  { label: 'front.lapsed', shown: (f) => shownOf(f, f.members.lapsed) },
  { label: 'front.coverage', shown: (f) => shownOf(f, f.coverage, true), percent: true },
  { label: 'front.targetPopulation', shown: (f) => shownOf(f, f.targetPopulation, true) },
  { label: 'front.branches', shown: (f) => shownOf(f, f.branches.total) },
  ...YEARLY_FIGURES.map(({ label, percent, value }) => ({
    label,
    percent,
    shown: (f: Figures) => shownOf(f, value(f)),
    yearly: true,
  })),
];

const standardShare = (f: Figures) => {
  const { met, rated } = standardsTotal(f.branchRatings);
  const percent = percentOf(met, rated);
  return percent === null ? null : percent / 100;
};

const BRANCH_RATINGS: readonly UnitColumn[] = [
  { label: 'home.branchesRated', shown: (f) => shownOf(f, f.branchRatings.rated) },
  ...RATING_LEVELS.map((level) => ({
    label: `home.branchLevel.${level}` as const,
    shown: (f: Figures) => shownOf(f, branchRatingShare(f.branchRatings, level)),
    percent: true,
  })),
  { label: 'home.standardMet', shown: (f) => shownOf(f, standardsTotal(f.branchRatings).met) },
  { label: 'home.standardRated', shown: (f) => shownOf(f, standardsTotal(f.branchRatings).rated) },
  { label: 'home.standardShare', shown: (f) => shownOf(f, standardShare(f)), percent: true },
];

const REVIEW: readonly UnitColumn[] = [
  { label: 'home.reviewBranches', shown: (f) => shownOf(f, f.review.branches) },
  { label: 'home.reviewDone', shown: (f) => shownOf(f, f.review.done) },
  { label: 'home.reviewReviewed', shown: (f) => shownOf(f, f.review.reviewed) },
  { label: 'front.active', shown: (f) => shownOf(f, f.review.active) },
  { label: 'front.away', shown: (f) => shownOf(f, f.review.away) },
  { label: 'front.lapsed', shown: (f) => shownOf(f, f.review.lapsed) },
  { label: 'home.reviewLeft', shown: (f) => shownOf(f, f.review.left) },
  {
    label: 'home.reviewedLastYear',
    // No review the year before: none reviewed then.
    shown: (f) => shownOf(f, f.review.reviewed === null ? null : (f.review.previousYear?.reviewed ?? 0)),
  },
];

export const UnitFigures: FC<{ view: View; row: FrontRow }> = ({ view, row }) => (
  <OrganizationsTable view={view} row={row} caption="front.unitTable" columns={FIGURES} />
);

/** The year's branches' ratings and review of members, each organization's and their total. */
export const YearFigures: FC<{ view: View; row: FrontRow }> = ({ view, row }) => (
  <>
    <OrganizationsTable
      view={view}
      row={row}
      caption="front.branchRatingTable"
      columns={BRANCH_RATINGS.map((column) => ({ ...column, yearly: true }))}
    />
    <OrganizationsTable
      view={view}
      row={row}
      caption="front.reviewTable"
      columns={REVIEW.map((column) => ({ ...column, yearly: true }))}
    />
  </>
);

const OrganizationsTable: FC<{
  view: View;
  row: FrontRow;
  caption: UiTextKey;
  columns: readonly UnitColumn[];
}> = ({ view, row, caption, columns }) => {
  const lines: { name: string; figures: Figures; total?: boolean }[] = [
    ...row.organizations.map((o) => ({ name: view.t(organizationLabel(o.organization)), figures: o })),
    { name: view.t('front.total'), figures: row.total, total: true },
  ];
  return (
    <TableWrap label={view.t(caption)}>
      <table>
        <caption>{view.t(caption)}</caption>
        <thead>
          <tr>
            <th scope="col">{view.t('front.organization')}</th>
            {columns.map((column) => (
              <th scope="col" class="num">
                {view.t(column.label)}
                {column.yearly && ` ${view.t('front.inYear')} ${row.total.party.year}`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr class={line.total ? 'total' : undefined}>
              <th scope="row">{line.name}</th>
              {columns.map((column) => (
                <FigureCell view={view} shown={column.shown(line.figures)} percent={column.percent} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
};

/** Memberships against people: the Front's own count, which no organization can make alone. */
export const MembershipsAndPeople: FC<{ view: View; row: FrontRow }> = ({ view, row }) => {
  const memberships = row.total.members.total;
  const people = row.total.uniquePersons;
  const overlap: Shown =
    memberships !== null && people !== null
      ? { kind: 'value', value: Math.max(0, memberships - people) }
      : { kind: row.total.suppressed ? 'hidden' : 'none' };
  return (
    <ul class="cards">
      <li class="card">
        <span class="label">{view.t('front.memberships')}</span>
        <span class="value">
          <FigureText view={view} shown={shownOf(row.total, memberships)} />
        </span>
      </li>
      <li class="card">
        <span class="label">{view.t('front.people')}</span>
        <span class="value">
          <FigureText view={view} shown={shownOf(row.total, people)} />
        </span>
      </li>
      <li class="card">
        <span class="label">{view.t('front.overlap')}</span>
        <span class="value">
          <FigureText view={view} shown={overlap} />
        </span>
      </li>
      <li class="card">
        <span class="label">{view.t('front.coverage')}</span>
        <span class="value">
          <FigureText view={view} shown={shownOf(row.total, row.total.coverage, true)} percent />
        </span>
      </li>
    </ul>
  );
};
