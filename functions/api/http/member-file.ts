/**
 * A list of members answered as a file, CSV or .xlsx: one response for the API's export and the
 * web admin's download, both reading through exportMembers, which decides access and audits.
 */
import type { Context } from 'hono';
import { vietnamToday } from '#shared/domain/dates.ts';
import { exportMembers, type MemberExportQuery } from '#shared/domain/members/member-export.ts';
import { XLSX_CONTENT_TYPE } from '#shared/exports/xlsx-stream.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { changeContext, memberWorkspace } from './workspaces.ts';

/** The file writers, loaded on the first export rather than parsed at every cold start. */
const writers = () =>
  Promise.all([
    import('#shared/exports/member-columns.ts'),
    import('#shared/exports/csv.ts'),
    import('#shared/exports/xlsx-stream.ts'),
  ]);

export const MEMBER_FILE_FORMATS = {
  csv: { contentType: 'text/csv; charset=utf-8' },
  xlsx: { contentType: XLSX_CONTENT_TYPE },
} as const;
export type MemberFileFormat = keyof typeof MEMBER_FILE_FORMATS;

export async function memberFileResponse(
  c: Context<AppEnv>,
  deps: AppDependencies,
  format: MemberFileFormat,
  query: MemberExportQuery,
): Promise<Response> {
  const { organization, rows } = await exportMembers(memberWorkspace(c, deps), changeContext(c), query);
  const [{ memberColumns }, { csvStream }, { xlsxStream }] = await writers();
  const columns = memberColumns(organization);
  const body = format === 'csv' ? csvStream(columns, rows) : xlsxStream('Hội viên', columns, rows);
  return c.body(body, 200, {
    'content-type': MEMBER_FILE_FORMATS[format].contentType,
    'content-disposition': `attachment; filename="hoi-vien-${vietnamToday(c.get('now'))}.${format}"`,
  });
}
