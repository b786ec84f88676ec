/**
 * Figures: targets of a unit (coverage's denominator), an organization's own figures, the
 * Front's consolidated overview and comparison, and snapshots for past days. Read from
 * aggregate items only (shared/figures/reading/), never from members.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { vietnamToday } from '#shared/domain/dates.ts';
import { XLSX_CONTENT_TYPE } from '#shared/exports/xlsx-stream.ts';
import { frontComparison, frontOverview } from '#shared/figures/reading/front-overview.ts';
import {
  comparisonSchema,
  overviewSchema,
  snapshotRequestSchema,
  snapshotResultSchema,
  snapshotRevisionRequestSchema,
  snapshotRevisionSchema,
  statsSchema,
} from '#shared/figures/reading/schemas.ts';
import { reviseSnapshot } from '#shared/figures/reading/snapshot-revisions.ts';
import { requestSnapshot, snapshotSourceOf } from '#shared/figures/reading/snapshots.ts';
import { unitStats } from '#shared/figures/reading/stats.ts';
import {
  readTarget,
  setTarget,
  setTargetSchema,
  targetSchema,
  targetYearSchema,
} from '#shared/figures/reading/targets.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { bearerSecurity, conflictResponse, errorResponses, json, jsonBody } from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';
import { changeContext, figuresSource, figuresWorkspace, targetWorkspace } from '../http/workspaces.ts';

const unitIdQuery = z.string().min(1).max(64).meta({ example: '28261' });
const asOfQuery = z.iso.date().optional().meta({
  description:
    'The day the figures are for; past days read the latest snapshot on or before it. Default: today',
});
const targetParams = z.object({ id: z.string().min(1).max(64), year: targetYearSchema });

const readTargetRoute = createRoute({
  method: 'get',
  path: '/api/v1/units/{id}/targets/{year}',
  operationId: 'getUnitTarget',
  tags: ['figures'],
  summary: 'The target population of a unit for a year / Số đối tượng cần tập hợp',
  security: bearerSecurity,
  request: { params: targetParams },
  responses: { 200: json(targetSchema, 'The target'), ...errorResponses },
});

const setTargetRoute = createRoute({
  method: 'put',
  path: '/api/v1/units/{id}/targets/{year}',
  operationId: 'setUnitTarget',
  tags: ['figures'],
  summary: 'Set the target population of a unit for a year / Đặt số đối tượng cần tập hợp',
  description:
    'Eligible people present locally that the organization should gather, per hamlet (or per commune). Coverage divides active members by it.',
  security: bearerSecurity,
  request: { params: targetParams, ...jsonBody(setTargetSchema) },
  responses: { 200: json(targetSchema, 'The target now set'), ...errorResponses, ...conflictResponse },
});

const statsRoute = createRoute({
  method: 'get',
  path: '/api/v1/stats',
  operationId: 'getStats',
  tags: ['figures'],
  summary: 'Figures of a unit and its children / Số liệu thống kê của đơn vị',
  description:
    'Members by status, gender and age band, branches, target population, coverage, introductions to the Party, admissions, members rated by level (with each level’s share of those rated, adding up to 100.00), branches with an approved rating by level (shares likewise) and against their standard by branch kind, and the review of members (branches started and done, members reviewed by what was found, beside the previous year’s) in the year of asOf, and the units lacking a target, for the unit and each child in force. Viewers see counts of 1–4 in hamlets as null, and as many other counts as it takes that none can be worked out from the rest (complementary suppression).',
  security: bearerSecurity,
  request: { query: z.object({ unitId: unitIdQuery, asOf: asOfQuery }) },
  responses: { 200: json(statsSchema, 'The figures'), ...errorResponses },
});

const overviewRoute = createRoute({
  method: 'get',
  path: '/api/v1/front/overview',
  operationId: 'getFrontOverview',
  tags: ['front'],
  summary: 'The four organizations side by side, for a unit and its children / Số liệu tổng hợp của Mặt trận',
  description:
    'Aggregates only, each organization’s and their total, the yearly figures (Party, ratings of members and branches, the review of members) of the year of asOf; counts of 1–4 people in hamlets are null (suppressed), and so are as many other counts as it takes that none can be worked out by adding or subtracting the published ones.',
  security: bearerSecurity,
  request: { query: z.object({ unitId: unitIdQuery, asOf: asOfQuery }) },
  responses: { 200: json(overviewSchema, 'The overview'), ...errorResponses },
});

const compareQuery = z
  .object({ unitId: unitIdQuery, from: z.iso.date(), to: z.iso.date() })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to must not be before from' });

const compareRoute = createRoute({
  method: 'get',
  path: '/api/v1/front/compare',
  operationId: 'compareFrontFigures',
  tags: ['front'],
  summary: 'Differences between two days / So sánh số liệu giữa hai thời điểm',
  security: bearerSecurity,
  request: { query: compareQuery },
  responses: { 200: json(comparisonSchema, 'The comparison'), ...errorResponses },
});

/** The report writer, loaded on the first export rather than parsed at every cold start. */
const reports = () => import('#shared/figures/reading/export-xlsx.ts');

const workbook = {
  description: 'The workbook (.xlsx)',
  content: { [XLSX_CONTENT_TYPE]: { schema: z.string().meta({ format: 'binary' }) } },
};

const overviewExportRoute = createRoute({
  method: 'get',
  path: '/api/v1/front/overview.xlsx',
  operationId: 'exportFrontOverview',
  tags: ['front'],
  summary: 'The overview as a report in .xlsx / Xuất báo cáo tổng hợp ra Excel',
  security: bearerSecurity,
  request: { query: z.object({ unitId: unitIdQuery, asOf: asOfQuery }) },
  responses: { 200: workbook, ...errorResponses },
});

const compareExportRoute = createRoute({
  method: 'get',
  path: '/api/v1/front/compare.xlsx',
  operationId: 'exportFrontComparison',
  tags: ['front'],
  summary: 'The comparison as a report in .xlsx / Xuất báo cáo so sánh ra Excel',
  security: bearerSecurity,
  request: { query: compareQuery },
  responses: { 200: workbook, ...errorResponses },
});

/** A download named after what it holds; only safe characters reach the header. */
export function attachment(name: string): Record<string, string> {
  return {
    'content-type': XLSX_CONTENT_TYPE,
    'content-disposition': `attachment; filename="${name.replace(/[^0-9A-Za-z.-]/g, '_')}.xlsx"`,
  };
}

const snapshotRoute = createRoute({
  method: 'post',
  path: '/api/v1/admin/snapshots',
  operationId: 'takeSnapshot',
  tags: ['figures'],
  summary: 'Snapshot the aggregates for a day / Chốt số liệu',
  description:
    'Organization admins snapshot their own organization; platform operators every tenant of a province. Month ends are snapshotted by a schedule; this is for other days and tests. A day already snapshotted is refused (409 SNAPSHOT_EXISTS): correct it with a revision. Days before the province was onboarded (400 DATE_BEFORE_ONBOARDING) and days to come are refused.',
  security: bearerSecurity,
  request: jsonBody(snapshotRequestSchema),
  responses: { 200: json(snapshotResultSchema, 'What was copied'), ...errorResponses, ...conflictResponse },
});

const snapshotRevisionRoute = createRoute({
  method: 'post',
  path: '/api/v1/admin/snapshots/{date}/revisions',
  operationId: 'reviseSnapshot',
  tags: ['figures'],
  summary: 'Correct a snapshot with a new revision / Điều chỉnh số liệu đã chốt',
  description:
    'Organization admins: recopies the organization’s current figures as the next revision of the day’s snapshot, with the reason, audited. Earlier revisions are kept; the Front sees the figures as revised (số liệu điều chỉnh).',
  security: bearerSecurity,
  request: { params: z.object({ date: z.iso.date() }), ...jsonBody(snapshotRevisionRequestSchema) },
  responses: {
    201: json(snapshotRevisionSchema, 'The revision now read for the day'),
    ...errorResponses,
    ...conflictResponse,
  },
});

export function figuresRoutes(deps: AppDependencies) {
  const figures = figuresWorkspace(deps);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(readTargetRoute, async (c) => {
      const { id, year } = c.req.valid('param');
      return c.json(await readTarget(targetWorkspace(c), c.get('principal'), id, year), 200);
    })
    .openapi(setTargetRoute, async (c) => {
      const { id, year } = c.req.valid('param');
      const target = await setTarget(targetWorkspace(c), changeContext(c), id, year, c.req.valid('json'));
      return c.json(target, 200);
    })
    .openapi(statsRoute, async (c) => {
      const { unitId, asOf } = c.req.valid('query');
      const today = vietnamToday(c.get('now'));
      const source = figuresSource(c.get('tenantTable'));
      return c.json(await unitStats(source, c.get('principal'), unitId, asOf ?? today, today), 200);
    })
    .openapi(overviewRoute, async (c) => {
      const { unitId, asOf } = c.req.valid('query');
      const today = vietnamToday(c.get('now'));
      return c.json(await frontOverview(figures, c.get('principal'), unitId, asOf ?? today, today), 200);
    })
    .openapi(compareRoute, async (c) => {
      const { unitId, from, to } = c.req.valid('query');
      const today = vietnamToday(c.get('now'));
      return c.json(await frontComparison(figures, c.get('principal'), unitId, from, to, today), 200);
    })
    .openapi(overviewExportRoute, async (c) => {
      const { unitId, asOf } = c.req.valid('query');
      const today = vietnamToday(c.get('now'));
      const day = asOf ?? today;
      const overview = await frontOverview(figures, c.get('principal'), unitId, day, today);
      return c.body(
        new Uint8Array(await (await reports()).overviewWorkbook(overview)),
        200,
        attachment(`tong-hop-${unitId}-${day}`),
      );
    })
    .openapi(compareExportRoute, async (c) => {
      const { unitId, from, to } = c.req.valid('query');
      const today = vietnamToday(c.get('now'));
      const comparison = await frontComparison(figures, c.get('principal'), unitId, from, to, today);
      return c.body(
        new Uint8Array(await (await reports()).comparisonWorkbook(comparison)),
        200,
        attachment(`so-sanh-${unitId}-${from}-${to}`),
      );
    })
    .openapi(snapshotRoute, async (c) => {
      const tenant = c.get('tenantTable').tenant;
      return c.json(await requestSnapshot(deps.table, tenant, changeContext(c), c.req.valid('json')), 200);
    })
    .openapi(snapshotRevisionRoute, async (c) => {
      const tenant = c.get('tenantTable').tenant;
      const { date } = c.req.valid('param');
      const source = snapshotSourceOf(deps.table, tenant);
      return c.json(await reviseSnapshot(source, tenant, changeContext(c), date, c.req.valid('json')), 201);
    });
}
