/**
 * A spreadsheet file as rows of text cells, the first row its headers: CSV (UTF-8, with or
 * without a byte-order mark, comma- or semicolon-separated as Excel writes it under a Vietnamese
 * locale) or .xlsx (its first sheet; dates as dd/mm/yyyy, numbers as written).
 */
import { dayMonthYear } from '../domain/dates.ts';
import { DomainError } from '../domain/errors.ts';

export type TableFormat = 'csv' | 'xlsx';

export async function readTable(bytes: Uint8Array, format: TableFormat): Promise<string[][]> {
  return format === 'csv' ? readCsv(bytes) : readXlsx(bytes);
}

function readCsv(bytes: Uint8Array): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Excel's plain "CSV" is Windows-1258 or a font's legacy code page: officers save it again as UTF-8.
    throw new DomainError('IMPORT_NOT_UTF8');
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  return parseCsv(text, separator);
}

/** RFC 4180: quoted fields may hold separators, doubled quotes and line breaks. */
export function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch {
    throw new DomainError('IMPORT_UNREADABLE');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value)));
  });
  return rows;
}

/** A cell as an officer reads it: a date as dd/mm/yyyy, a formula by its result, rich text as its text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dayMonthYear(value.toISOString());
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result);
    if ('richText' in value && Array.isArray(value.richText))
      return value.richText.map((part: { text?: string }) => part.text ?? '').join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}
