/**
 * A unit's figures as the stats use case gives them: members by status, branches by kind,
 * coverage, introductions to the Party and admissions of the year, the members rated that year
 * with each rating's share, the branches rated with each level's share and those meeting their
 * standard, and the year's review of members. A count the reader may not see (null) shows as a
 * dash the legend explains.
 */
import type { FC } from 'hono/jsx';
import { MEMBER_RATING_LEVELS } from '#shared/domain/members/member.ts';
import { RATING_LEVELS } from '#shared/domain/ratings/criteria.ts';
import type { UiTextKey } from '#shared/domain/ui-text/index.ts';
import { branchRatingShare, percentOf, standardsTotal } from '#shared/figures/reading/branch-ratings.ts';
import { ratingShare } from '#shared/figures/reading/member-ratings.ts';
import type { StatsRow } from '#shared/figures/reading/schemas.ts';
import { formatCount, formatPercent } from '../components/format.ts';
import type { View } from '../http/view.ts';

export interface Figure {
  readonly label: UiTextKey;
  readonly value: (row: StatsRow) => number | null;
  readonly percent?: boolean;
}

const MEMBERS: readonly Figure[] = [
  { label: 'home.members', value: (r) => r.members.total },
  { label: 'home.active', value: (r) => r.members.active },
  { label: 'home.away', value: (r) => r.members.away },
  { label: 'home.lapsed', value: (r) => r.members.lapsed },
];
const BRANCH_TOTAL: Figure = { label: 'home.branches', value: (r) => r.branches.total };
const TARGET: Figure = { label: 'home.targetPopulation', value: (r) => r.targetPopulation };
const COVERED: Figure = { label: 'home.coverage', value: (r) => r.coverage, percent: true };

const BRANCHES: readonly Figure[] = [
  BRANCH_TOTAL,
  { label: 'home.residential', value: (r) => r.branches.residential },
  { label: 'home.professional', value: (r) => r.branches.professional },
  { label: 'home.agency', value: (r) => r.branches.agency },
];
const COVERAGE: readonly Figure[] = [
  COVERED,
  TARGET,
  { label: 'units.notYetGathered', value: (r) => r.notYetGathered },
];

/** The columns of a table of units with their figures. */
export const FIGURE_COLUMNS: readonly Figure[] = [...MEMBERS, BRANCH_TOTAL, TARGET, COVERED];

export const FigureValue: FC<{ view: View; figure: Figure; row: StatsRow }> = ({ view, figure, row }) => {
  const value = figure.value(row);
  if (value === null) return <span class="suppressed">—</span>;
  return <>{figure.percent ? formatPercent(value, view.lang) : formatCount(value, view.lang)}</>;
};

export const PARTY: readonly Figure[] = [
  { label: 'home.partyIntroduced', value: (r) => r.party.introduced },
  { label: 'home.partyAdmitted', value: (r) => r.party.admitted },
];

/** Members rated for the year, then each rating's share of them. */
export const MEMBER_RATINGS: readonly Figure[] = [
  { label: 'home.rated', value: (r) => r.memberRatings.rated },
  ...MEMBER_RATING_LEVELS.map(
    (level): Figure => ({
      label: `memberRatings.level.${level}`,
      value: (r) => ratingShare(r.memberRatings, level),
      percent: true,
    }),
  ),
];

/** Branches with an approved rating, each level's share, then those meeting their standard (every kind). */
export const BRANCH_RATINGS: readonly Figure[] = [
  { label: 'home.branchesRated', value: (r) => r.branchRatings.rated },
  ...RATING_LEVELS.map(
    (level): Figure => ({
      label: `home.branchLevel.${level}`,
      value: (r) => branchRatingShare(r.branchRatings, level),
      percent: true,
    }),
  ),
  { label: 'home.standardMet', value: (r) => standardsTotal(r.branchRatings).met },
  { label: 'home.standardRated', value: (r) => standardsTotal(r.branchRatings).rated },
  {
    label: 'home.standardShare',
    value: (r) => {
      const { met, rated } = standardsTotal(r.branchRatings);
      const percent = percentOf(met, rated);
      return percent === null ? null : percent / 100;
    },
    percent: true,
  },
];

/** How far the year's review of members has come. */
export const REVIEW_PROGRESS: readonly Figure[] = [
  { label: 'home.reviewBranches', value: (r) => r.review.branches },
  { label: 'home.reviewDone', value: (r) => r.review.done },
  { label: 'home.reviewReviewed', value: (r) => r.review.reviewed },
];

/** What the review found, beside the year before's. */
const REVIEW_RESULTS: readonly Figure[] = [
  { label: 'home.active', value: (r) => r.review.active },
  { label: 'home.away', value: (r) => r.review.away },
  { label: 'home.lapsed', value: (r) => r.review.lapsed },
  { label: 'home.reviewLeft', value: (r) => r.review.left },
  // No review the year before: none reviewed then.
  {
    label: 'home.reviewedLastYear',
    value: (r) => (r.review.previousYear ? r.review.previousYear.reviewed : 0),
  },
];

const GROUPS: readonly { heading: UiTextKey; figures: readonly Figure[]; yearly?: boolean }[] = [
  { heading: 'units.membersByStatus', figures: MEMBERS },
  { heading: 'units.branchesByKind', figures: BRANCHES },
  { heading: 'units.coverage', figures: COVERAGE },
  // Counts of a year: the heading names it.
  { heading: 'units.party', figures: PARTY, yearly: true },
  { heading: 'units.memberRatings', figures: MEMBER_RATINGS, yearly: true },
  { heading: 'units.branchRatings', figures: BRANCH_RATINGS, yearly: true },
  { heading: 'units.review', figures: [...REVIEW_PROGRESS, ...REVIEW_RESULTS], yearly: true },
];

export const UnitFigures: FC<{ view: View; row: StatsRow }> = ({ view, row }) => (
  <>
    {GROUPS.map((group) => (
      <>
        <h3>
          {view.t(group.heading)}
          {group.yearly && ` ${view.t('home.inYear')} ${row.party.year}`}
        </h3>
        <ul class="cards">
          {group.figures.map((figure) => (
            <li class="card">
              <span class="label">{view.t(figure.label)}</span>
              <span class="value">
                <FigureValue view={view} figure={figure} row={row} />
              </span>
            </li>
          ))}
        </ul>
      </>
    ))}
  </>
);

/** Whether any of these rows hides a count, so the legend is worth showing. */
export const anySuppressed = (rows: readonly StatsRow[]) => rows.some((row) => row.suppressed);
