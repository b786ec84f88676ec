/** A member list's rows as the bytes of a CSV or .xlsx file, for a response and for the file store alike. */
import type { MemberFileFormat } from '../domain/members/export-jobs.ts';
import type { MemberExportRow } from '../domain/members/member-export.ts';
import type { Organization } from '../domain/organizations.ts';
import { csvStream } from './csv.ts';
import { memberColumns } from './member-columns.ts';
import { MEMBER_FILE_CONTENT_TYPES } from './member-file-types.ts';
import { xlsxStream } from './xlsx-stream.ts';

export function memberFile(
  format: MemberFileFormat,
  organization: Organization,
  rows: AsyncIterable<MemberExportRow>,
): { readonly body: ReadableStream<Uint8Array>; readonly contentType: string } {
  const columns = memberColumns(organization);
  const body = format === 'csv' ? csvStream(columns, rows) : xlsxStream('Hội viên', columns, rows);
  return { body, contentType: MEMBER_FILE_CONTENT_TYPES[format] };
}
