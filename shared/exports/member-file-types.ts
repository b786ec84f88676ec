/** The content types of a member list's files: light, for the API's document at start, apart from their writers. */
import type { MemberFileFormat } from '../domain/members/export-jobs.ts';
import { XLSX_CONTENT_TYPE } from './xlsx-stream.ts';

export const MEMBER_FILE_CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: XLSX_CONTENT_TYPE,
} as const satisfies Record<MemberFileFormat, string>;
