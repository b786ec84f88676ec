/**
 * A checked list as the officer's own file with the check written into it: a first column saying
 * what is wrong with each row (rows in error filled red, rows with a note yellow). Answered by the
 * API's check and the web admin's button, and left in the file store beside an uploaded file the
 * worker refused.
 */
import type { ImportCheck } from '../domain/members/import/check-import.ts';
import { type AnnotatedRow, annotatedRows } from '../domain/members/import/import-annotations.ts';
import { importsText } from '../domain/ui-text/imports.ts';
import type { Column } from './member-columns.ts';
import { xlsxStream } from './xlsx-stream.ts';

const FILL = { error: 'FFFDE2E1', warning: 'FFFFF4CE' } as const;

export function annotatedImportFile(
  table: readonly (readonly string[])[],
  check: Pick<ImportCheck, 'problems'>,
): ReadableStream<Uint8Array> {
  const result = importsText['imports.result'];
  const columns: Column<AnnotatedRow>[] = [
    { header: `${result.vi} / ${result.en}`, width: 60, cell: (row) => row.note },
    ...(table[0] ?? []).map((header, index) => ({
      header,
      width: Math.min(Math.max(header.length + 2, 12), 30),
      cell: (row: AnnotatedRow) => row.cells[index] ?? '',
    })),
  ];
  return xlsxStream(result.vi, columns, annotatedRows(table, check), (row) =>
    row.severity ? FILL[row.severity] : undefined,
  );
}
