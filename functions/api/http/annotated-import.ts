/**
 * A checked list answered as the officer's own file with the check written into it: a first
 * column saying what is wrong with each row (rows in error filled red, rows with a note yellow).
 * One response for the API's check (asked for with `Accept:` .xlsx) and the web admin's button.
 */
import type { Context } from 'hono';
import type { ImportCheck } from '#shared/domain/members/import/check-import.ts';
import { type AnnotatedRow, annotatedRows } from '#shared/domain/members/import/import-annotations.ts';
import { importsText } from '#shared/domain/ui-text/imports.ts';
import type { Column } from '#shared/exports/member-columns.ts';
import { XLSX_CONTENT_TYPE, xlsxStream } from '#shared/exports/xlsx-stream.ts';
import type { AppEnv } from '../app-env.ts';

export const ANNOTATED_IMPORT_FILE = 'ket-qua-kiem-tra.xlsx';

const FILL = { error: 'FFFDE2E1', warning: 'FFFFF4CE' } as const;

export function annotatedImportResponse(
  c: Context<AppEnv>,
  table: readonly (readonly string[])[],
  check: Pick<ImportCheck, 'problems'>,
): Response {
  const result = importsText['imports.result'];
  const columns: Column<AnnotatedRow>[] = [
    { header: `${result.vi} / ${result.en}`, width: 60, cell: (row) => row.note },
    ...(table[0] ?? []).map((header, index) => ({
      header,
      width: Math.min(Math.max(header.length + 2, 12), 30),
      cell: (row: AnnotatedRow) => row.cells[index] ?? '',
    })),
  ];
  const body = xlsxStream(result.vi, columns, annotatedRows(table, check), (row) =>
    row.severity ? FILL[row.severity] : undefined,
  );
  return c.body(body, 200, {
    'content-type': XLSX_CONTENT_TYPE,
    'content-disposition': `attachment; filename="${ANNOTATED_IMPORT_FILE}"`,
  });
}

/** Whether a request asks for the check as the annotated file rather than JSON. */
export const wantsAnnotatedFile = (c: Context<AppEnv>) =>
  (c.req.header('accept') ?? '').includes(XLSX_CONTENT_TYPE);
