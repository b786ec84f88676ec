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
import { readUnit } from '#shared/domain/unit-queries.ts';
import { comparisonWorkbook, overviewWorkbook } from '#shared/figures/reading/export-xlsx.ts';
import { frontComparison, frontOverview } from '#shared/figures/reading/front-overview.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { validationError } from '../../http/validation.ts';
import { figuresWorkspace, treeWorkspace } from '../../http/workspaces.ts';
import { attachment } from '../../routes/figures.ts';
import { provinceUnitId } from '../components/reader-unit.ts';
import { parentsOf, UnitPath } from '../components/unit-path.tsx';
import { renderPage } from '../http/render.tsx';
import { viewOf } from '../http/view.ts';
import { COMPARE_WITH, compareFrom } from './comparison.tsx';
import { Dashboard } from './dashboard.tsx';

const unitIdField = z.string().min(1).max(64);

const frontHref = (unitId: string) => `/front?unitId=${encodeURIComponent(unitId)}`;

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
      // The map holds no personal data: the Front reads it like anyone in the province.
      const [comparison, parents] = await Promise.all([
        frontComparison(figures, principal, overview.unitId, from, today, today),
        readUnit(treeWorkspace(c), principal, overview.unitId).then((unit) => parentsOf(c, principal, unit)),
      ]);
      return renderPage(
        c,
        {
          title: (view) => `${view.t('front.title')}: ${overview.name}`,
          lead: <UnitPath view={viewOf(c)} parents={parents} href={frontHref} label="front.breadcrumb" />,
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
