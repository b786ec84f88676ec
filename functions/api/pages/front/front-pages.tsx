/**
 * The Front's consolidated dashboard at /front: the four organizations side by side for the
 * province or any unit below it, the units below in a sortable table, coverage as a chart, the
 * comparison with the previous month-end or year-end, and the same .xlsx reports as the API.
 * Every figure comes from the Front's use cases (aggregates only, small counts hidden), which
 * also refuse anyone but the province's Front.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { vietnamToday } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { listUnits } from '#shared/domain/unit-queries.ts';
import { comparisonWorkbook, overviewWorkbook } from '#shared/figures/reading/export-xlsx.ts';
import { frontComparison, frontOverview } from '#shared/figures/reading/front-overview.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { validationError } from '../../http/validation.ts';
import { figuresWorkspace, treeWorkspace } from '../../http/workspaces.ts';
import { attachment } from '../../routes/figures.ts';
import { renderPage } from '../http/render.tsx';
import { viewOf } from '../http/view.ts';
import { COMPARE_WITH, compareFrom } from './comparison.tsx';
import { Dashboard } from './dashboard.tsx';
import { UnitPath, unitPath } from './unit-path.tsx';

const unitIdField = z.string().min(1).max(64);

/** Sorting and the comparison fall back to their defaults: a stale link still opens the page. */
const dashboardQuery = z.object({
  unitId: unitIdField.optional(),
  sort: z.string().max(40).optional().catch(undefined),
  dir: z.string().max(4).optional().catch(undefined),
  compare: z.enum(COMPARE_WITH).catch('month'),
});

const overviewExportQuery = z.object({ unitId: unitIdField.optional() });

const compareExportQuery = z
  .object({ unitId: unitIdField.optional(), from: z.iso.date(), to: z.iso.date() })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to must not be before from' });

function queryOf<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationError(parsed.error, 'query');
  return parsed.data;
}

/** The province in force today: where the dashboard opens when no unit is asked for. */
async function provinceUnitId(c: Context<AppEnv>, today: string): Promise<string> {
  const top = await listUnits(treeWorkspace(c), c.get('principal'), { limit: 1, validOn: today });
  const province = top.items[0];
  if (!province) throw new DomainError('UNIT_NOT_FOUND', { id: '' });
  return province.id;
}

export function frontPages(deps: AppDependencies) {
  const figures = figuresWorkspace(deps);
  return new Hono<AppEnv>()
    .get('/front', async (c) => {
      const query = queryOf(c, dashboardQuery);
      const principal = c.get('principal');
      const today = vietnamToday(c.get('now'));
      const unitId = query.unitId ?? (await provinceUnitId(c, today));
      const overview = await frontOverview(figures, principal, unitId, today, today);
      const from = compareFrom(query.compare, today);
      const [comparison, path] = await Promise.all([
        frontComparison(figures, principal, overview.unitId, from, today, today),
        unitPath(treeWorkspace(c), principal, overview.unitId),
      ]);
      return renderPage(
        c,
        {
          title: (view) => `${view.t('front.title')}: ${overview.name}`,
          lead: <UnitPath view={viewOf(c)} path={path} />,
        },
        (view) => <Dashboard view={view} overview={overview} comparison={comparison} query={query} />,
      );
    })
    .get('/front/overview.xlsx', async (c) => {
      const query = queryOf(c, overviewExportQuery);
      const today = vietnamToday(c.get('now'));
      const unitId = query.unitId ?? (await provinceUnitId(c, today));
      const overview = await frontOverview(figures, c.get('principal'), unitId, today, today);
      const workbook = await overviewWorkbook(overview);
      return c.body(new Uint8Array(workbook), 200, attachment(`tong-hop-${overview.unitId}-${today}`));
    })
    .get('/front/compare.xlsx', async (c) => {
      const { unitId: asked, from, to } = queryOf(c, compareExportQuery);
      const today = vietnamToday(c.get('now'));
      const unitId = asked ?? (await provinceUnitId(c, today));
      const comparison = await frontComparison(figures, c.get('principal'), unitId, from, to, today);
      const workbook = await comparisonWorkbook(comparison);
      return c.body(new Uint8Array(workbook), 200, attachment(`so-sanh-${comparison.unitId}-${from}-${to}`));
    });
}
