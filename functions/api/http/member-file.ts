/**
 * A list of members answered as a file, CSV or .xlsx: one response for the API's export and the
 * web admin's download, both reading through exportMembers, which decides access and audits.
 */
import type { Context } from 'hono';
import { vietnamToday } from '#shared/domain/dates.ts';
import type { MemberFileFormat } from '#shared/domain/members/export-jobs.ts';
import { exportMembers, type MemberExportQuery } from '#shared/domain/members/member-export.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { changeContext, memberWorkspace } from './workspaces.ts';

export type { MemberFileFormat };

/** The file writers, loaded on the first export rather than parsed at every cold start. */
const renderMemberFile = async (
  ...args: Parameters<typeof import('#shared/exports/member-file.ts').memberFile>
) => (await import('#shared/exports/member-file.ts')).memberFile(...args);

export async function memberFileResponse(
  c: Context<AppEnv>,
  deps: AppDependencies,
  format: MemberFileFormat,
  query: MemberExportQuery,
): Promise<Response> {
  const { organization, rows } = await exportMembers(memberWorkspace(c, deps), changeContext(c), query);
  const { body, contentType } = await renderMemberFile(format, organization, rows);
  return c.body(body, 200, {
    'content-type': contentType,
    'content-disposition': `attachment; filename="hoi-vien-${vietnamToday(c.get('now'))}.${format}"`,
  });
}
