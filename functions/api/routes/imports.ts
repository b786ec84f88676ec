/**
 * Member lists brought in from officers' spreadsheets: the check (dry run) — the file read row by
 * row as admissions into the branches of a unit, every problem said by row and column in
 * Vietnamese and English, nothing written — and the import, which takes a file the check passes:
 * sent in the request, or, for a file past the request's 10 MB, uploaded to the file store and
 * imported by the worker (upload-import.ts).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DomainError } from '#shared/domain/errors.ts';
import { IMPORT_FIELDS } from '#shared/domain/members/import/import-columns.ts';
import { UPLOAD_MAX_BYTES } from '#shared/domain/members/import/import-files.ts';
import { importProgress } from '#shared/domain/members/import/import-progress.ts';
import { fieldMessageOf } from '#shared/domain/messages.ts';
import { XLSX_CONTENT_TYPE } from '#shared/exports/xlsx-stream.ts';
import { tenantMemberLoad } from '#shared/figures/member-load.ts';
import type { TableFormat } from '#shared/imports/read-table.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { annotatedImportResponse, wantsAnnotatedFile } from '../http/annotated-import.ts';
import { importTemplateResponse } from '../http/import-template.ts';
import { bearerSecurity, errorResponses, json, problemSchema } from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';
import { changeContext, importWorkspace, memberWorkspace } from '../http/workspaces.ts';

const CSV = 'text/csv';
const file = { schema: z.string().meta({ format: 'binary' }) };

const importCheckSchema = z
  .object({
    rows: z.number().int().meta({ description: 'Data rows read, blank rows aside' }),
    ready: z.number().int().meta({ description: 'Rows that would be admitted as they are' }),
    columns: z.array(
      z.object({
        header: z.string(),
        field: z
          .enum(IMPORT_FIELDS)
          .nullable()
          .meta({ description: 'null: a column the import does not read' }),
      }),
    ),
    problems: z.array(
      z.object({
        row: z.number().int().meta({ description: 'As the spreadsheet numbers it: the headers are row 1' }),
        column: z.string().nullable(),
        field: z.enum(IMPORT_FIELDS).nullable(),
        code: z.string(),
        severity: z.enum(['error', 'warning']),
        sameAsRow: z.number().int().optional(),
        message: z.string(),
        messageEn: z.string(),
      }),
    ),
  })
  .meta({ id: 'ImportCheck' });

const FILE_DESCRIPTION =
  'The body is the file: an .xlsx (first sheet) or a UTF-8 CSV, headers as officers write them ("Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Số điện thoại", "Chi hội"/"Chi đoàn", "Ấp/Khóm", "Tình trạng", "Ngày vào hội"…), dates dd/mm/yyyy, at most 10 MB. Branches are found by name (or id) among those of unitId (by default the caller’s scope).';
const fileRequest = {
  query: z.object({ unitId: z.string().min(1).max(64).optional() }),
  body: { required: true, content: { [CSV]: file, [XLSX_CONTENT_TYPE]: file } },
};

const checkRoute = createRoute({
  method: 'post',
  path: '/api/v1/imports/check',
  operationId: 'checkMemberImport',
  tags: ['imports'],
  summary: 'Check a member list before importing it / Kiểm tra danh sách hội viên trước khi nhập',
  description: `${FILE_DESCRIPTION} Nothing is written.`,
  security: bearerSecurity,
  request: fileRequest,
  responses: {
    200: {
      description:
        'What importing the file would do; with `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`, the file itself as .xlsx with a first column saying what is wrong with each row (rows in error filled red, rows with a note yellow)',
      content: {
        'application/json': { schema: importCheckSchema },
        [XLSX_CONTENT_TYPE]: file,
      },
    },
    ...errorResponses,
  },
});

const importResultSchema = z
  .object({
    id: z.string(),
    rows: z.number().int(),
    created: z.number().int().meta({ description: 'New members, admitted from the file' }),
    updated: z.number().int().meta({
      description: 'Members found (by CCCD, else name and birth date in the branch) whose details changed',
    }),
    unchanged: z.number().int(),
    warnings: importCheckSchema.shape.problems,
  })
  .meta({ id: 'ImportResult' });

const importRoute = createRoute({
  method: 'post',
  path: '/api/v1/imports',
  operationId: 'importMembers',
  tags: ['imports'],
  summary: 'Import a member list / Nhập danh sách hội viên từ tệp',
  description: `${FILE_DESCRIPTION} Imported only if the check finds no row in error (422 otherwise, nothing written). A person already here — the same CCCD, else the same name and birth date in the branch — has their details updated, never a second record: sending the same file again changes nothing. With an Idempotency-Key, an import cut short and sent again goes on where it stopped.`,
  security: bearerSecurity,
  request: {
    ...fileRequest,
    headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
  },
  responses: {
    201: json(importResultSchema, 'What the import did'),
    ...errorResponses,
    422: {
      description: 'Rows in error: nothing imported / Có dòng lỗi: chưa nhập',
      content: { 'application/problem+json': { schema: problemSchema } },
    },
  },
});

const importProgressSchema = z
  .object({
    id: z.string(),
    state: z.enum(['uploading', 'running', 'done', 'refused']).meta({
      description:
        'uploading: waiting for its file (an upload); running; done; refused: an uploaded file the worker would not import (see refusal)',
    }),
    rows: z.number().int().meta({ description: 'Rows of the file ready to import' }),
    processed: z.number().int().meta({ description: 'Rows written so far (created, updated or unchanged)' }),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    unitId: z.string().nullable(),
    by: z.object({ userId: z.string(), username: z.string() }),
    startedAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
    stalled: z.boolean().meta({
      description:
        'Running, but no progress for five minutes: the import stopped. Send the same file again with the same Idempotency-Key to go on (an upload: POST …/start again).',
    }),
    upload: z
      .object({ format: z.enum(['csv', 'xlsx']), size: z.number().int() })
      .nullable()
      .meta({ description: 'The uploaded file this import reads; null for a file sent in the request' }),
    refusal: z
      .object({ code: z.string(), message: z.string(), messageEn: z.string() })
      .nullable()
      .meta({ description: 'Why an uploaded file was not imported; nothing of it was written' }),
    checked: z.object({ url: z.string(), expiresAt: z.string() }).nullable().meta({
      description:
        'A refused file with rows in error: the file itself with a first column saying what is wrong with each row. The link is good for 15 minutes; read the progress again for a fresh one.',
    }),
  })
  .meta({ id: 'ImportProgress' });

const uploadRequestSchema = z
  .object({
    format: z.enum(['csv', 'xlsx']),
    size: z
      .number()
      .int()
      .min(1)
      .max(UPLOAD_MAX_BYTES)
      .meta({ description: 'The file’s exact size in bytes: the link takes no other' }),
    unitId: z.string().min(1).max(64).optional().meta({
      description: 'The unit whose branches the rows name (by default the caller’s scope)',
    }),
  })
  .meta({ id: 'ImportUploadRequest' });

const uploadRoute = createRoute({
  method: 'post',
  path: '/api/v1/imports/uploads',
  operationId: 'uploadMemberImport',
  tags: ['imports'],
  summary: 'Upload a large member list / Tải lên danh sách hội viên lớn để nhập',
  description:
    'For a file past the 10 MB a request takes (a province’s list): records an import waiting for its file and answers a presigned link. Send the file with that method, URL and headers, as it is, within the hour; then POST /api/v1/imports/{id}/start. The worker checks and imports it as POST /api/v1/imports would, and GET /api/v1/imports/{id} follows it.',
  security: bearerSecurity,
  request: { body: { required: true, content: { 'application/json': { schema: uploadRequestSchema } } } },
  responses: {
    201: json(
      z
        .object({
          import: importProgressSchema,
          upload: z.object({
            url: z.string().meta({ description: 'Absolute, or relative to this API (one machine)' }),
            method: z.literal('PUT'),
            headers: z
              .record(z.string(), z.string())
              .meta({ description: 'Send them as they are: they are signed' }),
            expiresAt: z.string(),
          }),
        })
        .meta({ id: 'ImportUpload' }),
      'The import, waiting for its file, and where to send the file',
    ),
    ...errorResponses,
  },
});

const startRoute = createRoute({
  method: 'post',
  path: '/api/v1/imports/{id}/start',
  operationId: 'startUploadedImport',
  tags: ['imports'],
  summary: 'Import an uploaded member list / Bắt đầu nhập danh sách đã tải lên',
  description:
    'Hands an uploaded file to the worker, once it is in the store whole (409 otherwise). Asked again it changes nothing, but hands again an import that stalled. For whoever uploaded the file.',
  security: bearerSecurity,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 202: json(importProgressSchema, 'The import, handed to the worker'), ...errorResponses },
});

const UPLOAD_CONTENT_TYPES = { csv: CSV, xlsx: XLSX_CONTENT_TYPE } as const;

const templateRoute = createRoute({
  method: 'get',
  path: '/api/v1/imports/template.xlsx',
  operationId: 'getImportTemplate',
  tags: ['imports'],
  summary: 'The template of a member list / Tệp mẫu danh sách hội viên',
  description:
    'The columns the import reads, headed as officers write them in the organization’s words ("Chi đoàn", "Ngày vào đoàn" for the Youth Union), phone and CCCD columns formatted as text, and a second sheet saying how to fill in each column. Sensitive columns only for those who may import them.',
  security: bearerSecurity,
  responses: {
    200: { description: 'The template', content: { [XLSX_CONTENT_TYPE]: file } },
    ...errorResponses,
  },
});

const progressRoute = createRoute({
  method: 'get',
  path: '/api/v1/imports/{id}',
  operationId: 'getImportProgress',
  tags: ['imports'],
  summary: 'How far an import has gone / Tiến độ nhập danh sách',
  description:
    'Recorded as the import goes, so it can be watched while POST /api/v1/imports is still running (its id is known in advance: the one an Idempotency-Key gives). For whoever sent the import and for the organization’s admins.',
  security: bearerSecurity,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 200: json(importProgressSchema, 'The import’s progress'), ...errorResponses },
});

function formatOf(c: Context<AppEnv>): TableFormat {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === CSV) return 'csv';
  if (type === XLSX_CONTENT_TYPE) return 'xlsx';
  throw new DomainError('IMPORT_FILE_TYPE');
}

/** The problems of a file, each with the catalog's sentence. */
const withMessages = <P extends { code: string }>(problems: readonly P[]) =>
  problems.map((problem) => {
    const message = fieldMessageOf(problem.code);
    return { ...problem, message: message.vi, messageEn: message.en };
  });

/** The import's code, loaded on the first file rather than parsed at every cold start. */
const importing = async () => {
  const [check, run, read, upload] = await Promise.all([
    import('#shared/domain/members/import/check-import.ts'),
    import('#shared/domain/members/import/run-import.ts'),
    import('#shared/imports/read-table.ts'),
    import('#shared/domain/members/import/upload-import.ts'),
  ]);
  return {
    checkImport: check.checkImport,
    importMembers: run.importMembers,
    readTable: read.readTable,
    startImportUpload: upload.startImportUpload,
    beginUploadedImport: upload.beginUploadedImport,
  };
};

const tableOf = async (c: Context<AppEnv>) =>
  (await importing()).readTable(new Uint8Array(await c.req.arrayBuffer()), formatOf(c));

export function importRoutes(deps: AppDependencies) {
  return (
    new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
      .openapi(importRoute, async (c) => {
        const { importMembers } = await importing();
        const result = await importMembers(importWorkspace(c, deps), changeContext(c), await tableOf(c), {
          unitId: c.req.valid('query').unitId,
          idempotencyKey: c.req.valid('header')['idempotency-key'],
          load: tenantMemberLoad(deps.table, c.get('tenantTable')),
        });
        return c.json({ ...result, warnings: withMessages(result.warnings) }, 201);
      })
      .openapi(checkRoute, async (c) => {
        const table = await tableOf(c);
        const { checkImport } = await importing();
        const check = await checkImport(
          memberWorkspace(c, deps),
          c.get('principal'),
          table,
          c.get('now'),
          c.req.valid('query').unitId,
        );
        if (wantsAnnotatedFile(c)) return annotatedImportResponse(c, table, check);
        return c.json({ ...check, columns: [...check.columns], problems: withMessages(check.problems) }, 200);
      })
      .openapi(uploadRoute, async (c) => {
        const request = c.req.valid('json');
        const { startImportUpload } = await importing();
        const started = await startImportUpload(importWorkspace(c, deps), changeContext(c), {
          ...request,
          contentType: UPLOAD_CONTENT_TYPES[request.format],
        });
        return c.json(started, 201);
      })
      .openapi(startRoute, async (c) => {
        const ws = importWorkspace(c, deps);
        const { beginUploadedImport } = await importing();
        const begun = await beginUploadedImport(ws, changeContext(c), c.req.valid('param').id);
        if (begun.queue)
          await deps.fileJobs.send({ kind: 'member-import', tenantId: ws.tenant, id: begun.import.id });
        return c.json(begun.import, 202);
      })
      // Before the progress route: "template.xlsx" would otherwise be read as an import's id.
      .openapi(templateRoute, (c) => importTemplateResponse(c))
      .openapi(progressRoute, async (c) =>
        c.json(
          await importProgress(
            importWorkspace(c, deps),
            c.get('principal'),
            c.req.valid('param').id,
            c.get('now'),
          ),
          200,
        ),
      )
  );
}
