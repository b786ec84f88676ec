/**
 * The import template as an .xlsx: a sheet of headers to fill in — the digits columns formatted as
 * text, so Excel keeps a phone's leading 0 and a CCCD's 12 digits — and a sheet that says, in
 * Vietnamese and English, how to fill in each column.
 */
import type { TemplateColumn } from '../domain/members/import/import-template.ts';
import { importsText } from '../domain/ui-text/imports.ts';

const t = (key: keyof typeof importsText) => importsText[key];

export async function importTemplateXlsx(columns: readonly TemplateColumn[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'doanthe';
  const list = workbook.addWorksheet(t('imports.template.sheet').vi, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  list.columns = columns.map((column) => ({
    header: column.header,
    width: column.width,
    ...(column.text ? { style: { numFmt: '@' } } : {}),
  }));
  list.getRow(1).font = { bold: true };

  const guide = workbook.addWorksheet(t('imports.template.guide').vi);
  const both = (key: Parameters<typeof t>[0]) => `${t(key).vi} / ${t(key).en}`;
  guide.columns = [
    { header: both('imports.template.column'), width: 20 },
    { header: both('imports.template.required'), width: 16 },
    { header: t('imports.template.how').vi, width: 60 },
    { header: t('imports.template.how').en, width: 60 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const column of columns)
    guide.addRow([
      column.header,
      column.required ? both('imports.template.yes') : '',
      column.how.vi,
      column.how.en,
    ]);
  guide.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  guide.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
