/**
 * The unit tree (province → commune → hamlet) with each unit's figures. A unit's page shows its
 * facts, its figures and its children with theirs, each a link down; breadcrumbs lead back up.
 * The map is the whole province's (readUnit, listUnits), the figures only the reader's scope's
 * (unitStats): a reader refused the figures still walks the tree, and is told why numbers are missing.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { vietnamToday } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { UiTextKey } from '#shared/domain/ui-text/index.ts';
import { listUnits, readUnit } from '#shared/domain/unit-queries.ts';
import { type FullUnit, isValidOn } from '#shared/domain/units.ts';
import type { Stats } from '#shared/figures/reading/schemas.ts';
import { unitStats } from '#shared/figures/reading/stats.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { figuresSource, treeWorkspace } from '../../http/workspaces.ts';
import { formatDate } from '../components/format.ts';
import { Notice } from '../components/forms.tsx';
import { readerUnitId, unitIdFrom } from '../components/reader-unit.ts';
import { parentsOf, UnitPath } from '../components/unit-path.tsx';
import { renderPage } from '../http/render.tsx';
import { viewOf } from '../http/view.ts';
import { ChildrenTable } from './unit-children.tsx';
import { UnitFacts } from './unit-facts.tsx';
import { anySuppressed, UnitFigures } from './unit-figures.tsx';

const CHILDREN_PAGE = 100;

/** Why a unit's page has no figures, when it has none. */
type FiguresOrWhy = { readonly stats: Stats } | { readonly missing: UiTextKey };

async function figuresOf(c: Context<AppEnv>, unit: FullUnit, today: string): Promise<FiguresOrWhy> {
  if (!isValidOn(unit, today)) return { missing: 'units.figuresOfSuccessor' };
  try {
    const source = figuresSource(c.get('tenantTable'));
    return { stats: await unitStats(source, c.get('principal'), unit.id, today, today) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'FORBIDDEN') return { missing: 'units.figuresRefused' };
    if (error.code === 'NO_FIGURES_FOR_DATE') return { missing: 'units.noFigures' };
    throw error;
  }
}

async function showUnit(c: Context<AppEnv>, id: string) {
  const principal = c.get('principal');
  const ws = treeWorkspace(c);
  const today = vietnamToday(c.get('now'));
  const unit = await readUnit(ws, principal, unitIdFrom(id));
  const withClosed = c.req.query('closed') === '1';
  const [parents, successor, figures, children] = await Promise.all([
    parentsOf(c, principal, unit),
    unit.successorId ? readUnit(ws, principal, unit.successorId).catch(() => null) : null,
    figuresOf(c, unit, today),
    unit.level === 'hamlet'
      ? null
      : listUnits(ws, principal, {
          parentId: unit.id,
          validOn: withClosed ? undefined : today,
          limit: CHILDREN_PAGE,
          cursor: c.req.query('cursor'),
        }),
  ]);
  const stats = 'stats' in figures ? figures.stats : null;
  const lead = <UnitPath view={viewOf(c)} parents={parents} />;
  return renderPage(c, { title: unit.name, lead }, (view) => (
    <>
      <UnitFacts view={view} unit={unit} successor={successor} />
      <section aria-labelledby="figures">
        <h2 id="figures">{view.t('units.figures')}</h2>
        {stats ? (
          <>
            <p class="muted">
              {view.t('units.figuresAsOf')} {formatDate(stats.figuresDate)}
            </p>
            <UnitFigures view={view} row={stats} />
          </>
        ) : (
          <Notice kind="warn">{'missing' in figures && view.t(figures.missing)}</Notice>
        )}
      </section>
      {children && (
        <ChildrenTable view={view} unit={unit} page={children} stats={stats} withClosed={withClosed} />
      )}
      {stats && anySuppressed([stats, ...stats.children]) && (
        <p class="muted">
          <small>{view.t('units.suppressedLegend')}</small>
        </p>
      )}
    </>
  ));
}

export function unitPages(_deps: AppDependencies) {
  return new Hono<AppEnv>()
    .get('/units', async (c) => showUnit(c, await readerUnitId(c)))
    .get('/units/:id', (c) => showUnit(c, c.req.param('id')));
}
