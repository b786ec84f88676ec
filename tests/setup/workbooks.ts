/** Reading the .xlsx reports the API answers: a named sheet, and its rows by their label. */
import type { Row, Worksheet } from 'exceljs';
import { expect } from 'vitest';
import { XLSX_CONTENT_TYPE } from '../../shared/exports/xlsx-stream.ts';
import type { TestApp } from './test-app.ts';

/** The sheet `name` of the workbook at `path`, downloaded with `token`. */
export async function sheetOf(t: TestApp, token: string, path: string, name: string): Promise<Worksheet> {
  const response = await t.request(path, { token });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** A sheet's rows by the label in column B, below the titles. */
export function rowsOf(sheet: Worksheet): Map<string, Row> {
  const rows = new Map<string, Row>();
  sheet.eachRow((row) => {
    const label = row.number > 4 ? row.getCell(2).value : null;
    if (typeof label === 'string') rows.set(label, row);
  });
  return rows;
}
