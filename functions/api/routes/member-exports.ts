/**
 * A list of members as a file: CSV or .xlsx, the same filter and the same scope as the list,
 * streamed as it is read (member-export.ts). Registered before the member routes, whose
 * `/members/{id}` would otherwise take `export.csv` for an id.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { MEMBER_FILE_FORMATS, type MemberFileFormat, memberFileResponse } from '../http/member-file.ts';
import { bearerSecurity, errorResponses } from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';
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
          [MEMBER_FILE_FORMATS[format].contentType]: { schema: z.string().meta({ format: 'binary' }) },
        },
      },
      ...errorResponses,
    },
  });

export function memberExportRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(exportRoute('csv'), (c) => memberFileResponse(c, deps, 'csv', c.req.valid('query')) as never)
    .openapi(exportRoute('xlsx'), (c) => memberFileResponse(c, deps, 'xlsx', c.req.valid('query')) as never);
}
