/** Where an uploaded import's files are kept in the file store: the officer's file, and it annotated by the check. */
import type { MemberFileFormat } from '../export-jobs.ts';

type Tenant = { readonly tenant: string };

/** More than a province's list as CSV; the worker reads the file in memory. */
export const UPLOAD_MAX_BYTES = 200 * 1024 * 1024;

export const uploadedFileKey = (ws: Tenant, id: string, format: MemberFileFormat) =>
  `imports/${ws.tenant}/${id}.${format}`;

export const checkedFileKey = (ws: Tenant, id: string) => `imports/${ws.tenant}/${id}-checked.xlsx`;

/** The name a checked file is saved as: the web admin's button, the API's check, a refused upload's link. */
export const ANNOTATED_IMPORT_FILE = 'ket-qua-kiem-tra.xlsx';
