/**
 * The check of a list written back into the list: each row of the officer's own file, as they
 * sent it, beside what the check says of it — so they fix the file they know, row by row, in
 * Excel, rather than reading a table of row numbers.
 */
import { fieldMessageOf } from '../../messages.ts';
import type { ImportCheck } from './check-import.ts';

export interface AnnotatedRow {
  /** The row's cells as the file had them. */
  readonly cells: readonly string[];
  /** What the check says of the row, Vietnamese then English; empty when nothing. */
  readonly note: string;
  readonly severity: 'error' | 'warning' | null;
}

/** The file's data rows in order (its header row aside), each with the check's problems of that row. */
export function* annotatedRows(
  table: readonly (readonly string[])[],
  check: Pick<ImportCheck, 'problems'>,
): Generator<AnnotatedRow> {
  const byRow = new Map<number, ImportCheck['problems'][number][]>();
  for (const problem of check.problems) byRow.set(problem.row, [...(byRow.get(problem.row) ?? []), problem]);
  for (const [index, cells] of table.entries()) {
    if (index === 0) continue;
    const problems = byRow.get(index + 1) ?? [];
    const notes = problems.map((problem) => {
      const message = fieldMessageOf(problem.code);
      const where = problem.column ? `${problem.column}: ` : '';
      const same = problem.sameAsRow === undefined ? '' : ` (${problem.sameAsRow})`;
      return `${where}${message.vi}${same} / ${message.en}${same}`;
    });
    const severity = problems.some((p) => p.severity === 'error')
      ? 'error'
      : problems.length > 0
        ? 'warning'
        : null;
    yield { cells, note: notes.join('\n'), severity };
  }
}
