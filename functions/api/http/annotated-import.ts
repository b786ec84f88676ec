/** A checked list answered as the officer's own file with the check written into it (shared/exports). */
import type { Context } from 'hono';
import type { ImportCheck } from '#shared/domain/members/import/check-import.ts';
import { ANNOTATED_IMPORT_FILE } from '#shared/domain/members/import/import-files.ts';
import { annotatedImportFile } from '#shared/exports/annotated-import-file.ts';
import { XLSX_CONTENT_TYPE } from '#shared/exports/xlsx-stream.ts';
import type { AppEnv } from '../app-env.ts';

export function annotatedImportResponse(
  c: Context<AppEnv>,
  table: readonly (readonly string[])[],
  check: Pick<ImportCheck, 'problems'>,
): Response {
  return c.body(annotatedImportFile(table, check), 200, {
    'content-type': XLSX_CONTENT_TYPE,
    'content-disposition': `attachment; filename="${ANNOTATED_IMPORT_FILE}"`,
  });
}

/** Whether a request asks for the check as the annotated file rather than JSON. */
export const wantsAnnotatedFile = (c: Context<AppEnv>) =>
  (c.req.header('accept') ?? '').includes(XLSX_CONTENT_TYPE);
