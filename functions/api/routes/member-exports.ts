/**
 * A list of members as a file: CSV or .xlsx, the same filter and the same scope as the list,
 * streamed as it is read (member-export.ts) — in the response, or, for a list too large for one
 * (a province's), written to the file store by a worker and fetched by a link (export-jobs.ts).
 * Registered before the member routes, whose `/members/{id}` would otherwise take `export.csv`
 * or `exports` for an id.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { memberExportStatus, startMemberExport } from '#shared/domain/members/export-jobs.ts';
import { MEMBER_FILE_CONTENT_TYPES } from '#shared/exports/member-file-types.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { type MemberFileFormat, memberFileResponse } from '../http/member-file.ts';
import { bearerSecurity, errorResponses, json, jsonBody } from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';
import { changeContext, exportJobWorkspace } from '../http/workspaces.ts';
import { memberFilterQuery } from './members.ts';

const DESCRIPTIONS: Record<MemberFileFormat, string> = {
  csv: 'The list as CSV, UTF-8 with a byte-order mark / Danh sách dạng CSV',
  xlsx: 'The list as an Excel workbook / Danh sách dạng Excel',
};

const OPERATION_IDS: Record<MemberFileFormat, string> = {
  csv: 'exportMembersCsv',
  xlsx: 'exportMembersXlsx',
};

const exportRoute = <F extends MemberFileFormat>(format: F) =>
  createRoute({
    method: 'get',
    path: `/api/v1/members/export.${format}` as `/api/v1/members/export.${F}`,
    operationId: OPERATION_IDS[format],
    tags: ['members'],
    summary: `Export members to .${format} / Xuất danh sách hội viên ra tệp .${format}`,
    description:
      'Every member the list with the same filter pages through, within the caller’s scope: Vietnamese headers, dates as dd/mm/yyyy, national ids masked. Streamed; audited with the filter and the number of rows.',
    security: bearerSecurity,
    request: { query: z.object(memberFilterQuery) },
    responses: {
      200: {
        description: DESCRIPTIONS[format],
        content: {
          [MEMBER_FILE_CONTENT_TYPES[format]]: { schema: z.string().meta({ format: 'binary' }) },
        },
      },
      ...errorResponses,
    },
  });

const formatSchema = z.enum(['csv', 'xlsx']);
const filterSchema = z.object(memberFilterQuery);

const exportJobSchema = z
  .object({
    id: z.string(),
    format: formatSchema,
    filter: filterSchema,
    state: z.enum(['running', 'done', 'failed']),
    rows: z.number().int().meta({ description: 'Rows written so far; all of them once done' }),
    size: z.number().int().nullable().meta({ description: 'The file’s size in bytes, once done' }),
    by: z.object({ userId: z.string(), username: z.string() }),
    startedAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
    stalled: z.boolean().meta({
      description: 'Running, but no progress for five minutes: the export stopped. Ask for another.',
    }),
    download: z.object({ url: z.string(), expiresAt: z.string() }).nullable().meta({
      description:
        'Once done: a link to the file, good for 15 minutes without a token (reading the status again gives a fresh one). The file is kept for 3 days.',
    }),
  })
  .meta({ id: 'MemberExport' });

const startExportRoute = createRoute({
  method: 'post',
  path: '/api/v1/member-exports',
  operationId: 'startMemberExport',
  tags: ['members'],
  summary: 'Export members to a file fetched by a link / Xuất danh sách hội viên ra tệp để tải về',
  description:
    'For lists too large to answer in one response (a province’s: on AWS a response holds at most 6 MB and 30 s): the same rows, scope and filter as GET /api/v1/members/export.xlsx, written to a file by a worker. Answers 202 with the export’s id at once; GET /api/v1/member-exports/{id} tells its progress and, once done, a download link. Audited as the direct export is.',
  security: bearerSecurity,
  request: jsonBody(filterSchema.extend({ format: formatSchema }).strict(), {
    format: 'xlsx',
    unitId: '28261',
  }),
  responses: { 202: json(exportJobSchema, 'The export, started'), ...errorResponses },
});

const exportStatusRoute = createRoute({
  method: 'get',
  path: '/api/v1/member-exports/{id}',
  operationId: 'getMemberExport',
  tags: ['members'],
  summary: 'An export’s progress and link / Tiến độ và đường dẫn tải tệp xuất',
  description: 'For whoever asked for the export and the organization’s admins; anyone else gets 404.',
  security: bearerSecurity,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 200: json(exportJobSchema, 'The export'), ...errorResponses },
});

/** A relative link (the local file store's) is made absolute on the request's origin. */
const absolute = <V extends { download: { url: string } | null }>(view: V, requestUrl: string): V =>
  view.download
    ? { ...view, download: { ...view.download, url: new URL(view.download.url, requestUrl).href } }
    : view;

export function memberExportRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(exportRoute('csv'), (c) => memberFileResponse(c, deps, 'csv', c.req.valid('query')) as never)
    .openapi(exportRoute('xlsx'), (c) => memberFileResponse(c, deps, 'xlsx', c.req.valid('query')) as never)
    .openapi(startExportRoute, async (c) => {
      const { format, ...filter } = c.req.valid('json');
      const ws = exportJobWorkspace(c, deps);
      const view = await startMemberExport(ws, changeContext(c), { format, filter });
      await deps.fileJobs.send({ kind: 'member-export', tenantId: ws.tenant, id: view.id });
      return c.json(view, 202, { location: `/api/v1/member-exports/${view.id}` });
    })
    .openapi(exportStatusRoute, async (c) => {
      const view = await memberExportStatus(
        exportJobWorkspace(c, deps),
        c.get('principal'),
        c.req.valid('param').id,
        c.get('now'),
      );
      return c.json(absolute(view, c.req.url), 200);
    });
}
