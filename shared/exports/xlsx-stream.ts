/**
 * A table as an .xlsx workbook, written row by row as it is read (exceljs' streaming writer): a
 * province's list never sits in memory whole. Text cells are stored as text, never as formulas.
 * The writer waits while the reader is behind, so a slow download does not pile the file up here.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type { Column } from './member-columns.ts';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A row's fill colour (ARGB), to mark it (a row in error); undefined: none. */
export type RowFill<Row> = (row: Row) => string | undefined;

export function xlsxStream<Row>(
  sheetName: string,
  columns: readonly Column<Row>[],
  rows: AsyncIterable<Row> | Iterable<Row>,
  fillOf?: RowFill<Row>,
): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  write(output, sheetName, columns, rows, fillOf).catch((error: unknown) => output.destroy(error as Error));
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}

async function write<Row>(
  output: PassThrough,
  sheetName: string,
  columns: readonly Column<Row>[],
  rows: AsyncIterable<Row> | Iterable<Row>,
  fillOf: RowFill<Row> | undefined,
): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true });
  workbook.creator = 'doanthe';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const row of rows) {
    const added = sheet.addRow(columns.map((column) => column.cell(row)));
    const fill = fillOf?.(row);
    if (fill) added.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    added.commit();
    if (output.writableNeedDrain) await Promise.race([once(output, 'drain'), once(output, 'close')]);
    // The reader went away: leaving the loop ends the rows, whose reader records what was sent.
    if (output.destroyed) return;
  }
  sheet.commit();
  await workbook.commit();
}
