/**
 * An organization's home page: the key figures of the reader's scope — members by status,
 * branches by kind, coverage, introductions to the Party, admissions, members' and branches'
 * ratings and the review's progress this year — and how each moved since the last month-end, from the same figures use case as
 * GET /api/v1/stats.
 */
import { Hono } from 'hono';
import { vietnamToday } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { UiTextKey } from '#shared/domain/ui-text/index.ts';
import type { Stats } from '#shared/figures/reading/schemas.ts';
import { unitStats } from '#shared/figures/reading/stats.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { figuresSource } from '../http/workspaces.ts';
import { formatCount, formatDate, formatPercent } from './components/format.ts';
import { readerUnitId } from './components/reader-unit.ts';
import { renderPage } from './http/render.tsx';
import type { View } from './http/view.ts';
import { scopeReminder } from './reviews/review-reminder.tsx';
import { BRANCH_RATINGS, MEMBER_RATINGS, PARTY, REVIEW_PROGRESS } from './units/unit-figures.tsx';

/** The last day of the month before `today` (2026-12-06 → 2026-11-30). */
export function previousMonthEnd(today: string): string {
  const firstOfMonth = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  return new Date(firstOfMonth.getTime() - 86_400_000).toISOString().slice(0, 10);
}

export function homePages(deps: AppDependencies) {
  return new Hono<AppEnv>().get('/home', async (c) => {
    const principal = c.get('principal');
    const source = figuresSource(c.get('tenantTable'));
    const today = vietnamToday(c.get('now'));
    const unitId = await readerUnitId(c);
    const monthEnd = previousMonthEnd(today);
    // Today's figures and the month-end's are read side by side: neither waits for the other.
    const [now, before] = await Promise.all([
      unitStats(source, principal, unitId, today, today),
      unitStats(source, principal, unitId, monthEnd, today).catch((error) => {
        if (error instanceof DomainError && error.code === 'NO_FIGURES_FOR_DATE') return null;
        throw error;
      }),
    ]);
    const reminder = await scopeReminder(c, deps);
    return renderPage(c, { title: (view) => `${view.t('home.title')}: ${now.name}` }, (view) => (
      <>
        {reminder}
        <HomeFigures view={view} now={now} before={before} monthEnd={monthEnd} />
      </>
    ));
  });
}

interface Figure {
  readonly label: UiTextKey;
  readonly value: (stats: Stats) => number | null;
  readonly percent?: boolean;
  /** A count of the year asked about: its label names the year, and it moves only within a year. */
  readonly yearly?: boolean;
}

const FIGURES: readonly Figure[] = [
  { label: 'home.members', value: (s) => s.members.total },
  { label: 'home.active', value: (s) => s.members.active },
  { label: 'home.away', value: (s) => s.members.away },
  { label: 'home.lapsed', value: (s) => s.members.lapsed },
  { label: 'home.branches', value: (s) => s.branches.total },
  { label: 'home.residential', value: (s) => s.branches.residential },
  { label: 'home.professional', value: (s) => s.branches.professional },
  { label: 'home.agency', value: (s) => s.branches.agency },
  { label: 'home.coverage', value: (s) => s.coverage, percent: true },
  { label: 'home.targetPopulation', value: (s) => s.targetPopulation },
  ...[...PARTY, ...MEMBER_RATINGS, ...BRANCH_RATINGS, ...REVIEW_PROGRESS].map((figure) => ({
    ...figure,
    yearly: true,
  })),
];

const HomeFigures = ({
  view,
  now,
  before,
  monthEnd,
}: {
  view: View;
  now: Stats;
  before: Stats | null;
  monthEnd: string;
}) => (
  <>
    <p class="muted">
      {view.t('home.figuresOf')} {formatDate(now.figuresDate)}
      {before
        ? ` · ${view.t('home.changeSince')} ${formatDate(monthEnd)}`
        : ` · ${view.t('home.noMonthEnd')}`}
    </p>
    <ul class="cards">
      {FIGURES.map((figure) => {
        const value = figure.value(now);
        // Last December's count is of another year: no change to show in January.
        const earlier =
          before && (!figure.yearly || before.party.year === now.party.year) ? figure.value(before) : null;
        const show = (n: number) =>
          figure.percent ? formatPercent(n, view.lang) : formatCount(n, view.lang);
        const change = value !== null && earlier !== null ? value - earlier : null;
        return (
          <li class="card">
            <span class="label">
              {view.t(figure.label)}
              {figure.yearly && ` ${view.t('home.inYear')} ${now.party.year}`}
            </span>
            <span class="value">{value === null ? '—' : show(value)}</span>
            {change !== null && change !== 0 && (
              <span class={`change ${change > 0 ? 'up' : 'down'}`}>
                {change > 0 ? '+' : '−'}
                {figure.percent
                  ? `${formatCount(Math.round(Math.abs(change) * 10_000) / 100, view.lang)} ${view.t('home.points')}`
                  : formatCount(Math.abs(change), view.lang)}
              </span>
            )}
          </li>
        );
      })}
    </ul>
    {now.missingTargets.length > 0 && (
      <p class="notice warn">
        {view.t('home.missingTargets')} {formatCount(now.missingTargets.length, view.lang)}
      </p>
    )}
  </>
);
