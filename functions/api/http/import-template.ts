/**
 * The import template answered as an .xlsx: one response for the API and the web admin, both
 * through importTemplate, which decides who may have it and what columns it holds.
 */
import type { Context } from 'hono';
import { XLSX_CONTENT_TYPE } from '#shared/exports/xlsx-stream.ts';
import type { AppEnv } from '../app-env.ts';

export const IMPORT_TEMPLATE_FILE = 'mau-danh-sach-hoi-vien.xlsx';

export async function importTemplateResponse(c: Context<AppEnv>): Promise<Response> {
  // Loaded on the first template: exceljs is no part of a cold start.
  const [{ importTemplate }, { importTemplateXlsx }] = await Promise.all([
    import('#shared/domain/members/import/import-template.ts'),
    import('#shared/exports/import-template-xlsx.ts'),
  ]);
  const file = await importTemplateXlsx(importTemplate(c.get('principal')));
  return c.body(file.buffer as ArrayBuffer, 200, {
    'content-type': XLSX_CONTENT_TYPE,
    'content-disposition': `attachment; filename="${IMPORT_TEMPLATE_FILE}"`,
  });
}
