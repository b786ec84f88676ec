/**
 * The columns of a member list as officers write them, recognised by their headers: case,
 * diacritics, spacing and punctuation do not matter ("HỌ VÀ TÊN", "Ho ten", "Họ và tên hội viên"),
 * nor does the organization's word for a branch ("Chi hội", "Chi đoàn").
 */
import { foldVietnamese } from '../../vietnamese-text.ts';

export const IMPORT_FIELDS = [
  'fullName',
  'gender',
  'birthDate',
  'nationalId',
  'phone',
  'cardNumber',
  'branch',
  'hamlet',
  'commune',
  'status',
  'awayPlace',
  'joinedAt',
  'occupation',
  'address',
  'ethnicity',
  'religion',
  'education',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Folded headers, each the start of what officers write (a longer header such as "Họ và tên hội viên" still matches). */
const HEADERS: Record<ImportField, readonly string[]> = {
  fullName: ['ho va ten', 'ho ten'],
  gender: ['gioi tinh', 'nam nu', 'nam/nu'],
  birthDate: ['ngay sinh', 'ngay thang nam sinh', 'ngay/thang/nam sinh'],
  nationalId: ['so cccd', 'cccd', 'so cmnd', 'cmnd', 'so dinh danh', 'ma dinh danh'],
  phone: ['so dien thoai', 'dien thoai', 'sdt', 'so dt'],
  cardNumber: ['so the'],
  branch: ['chi hoi', 'chi doan'],
  hamlet: ['ap/khom', 'ap, khom', 'ap khom', 'ap', 'khom', 'don vi'],
  commune: ['xa/phuong', 'xa, phuong', 'xa phuong', 'xa', 'phuong', 'ma xa', 'ma xa/phuong'],
  status: ['tinh trang', 'trang thai'],
  awayPlace: ['noi lam an xa', 'noi di lam an xa', 'noi lam viec'],
  joinedAt: ['ngay vao hoi', 'ngay vao doan', 'ngay ket nap', 'ngay vao'],
  occupation: ['nghe nghiep'],
  address: ['dia chi', 'noi o', 'cho o'],
  ethnicity: ['dan toc'],
  religion: ['ton giao'],
  education: ['trinh do', 'hoc van'],
  notes: ['ghi chu'],
};

const normalise = (header: string) =>
  foldVietnamese(header)
    .replace(/[.:*()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The field a header names, or null for a column the import does not read (kept out, and said so). */
export function fieldOfHeader(header: string): ImportField | null {
  const folded = normalise(header);
  let best: { field: ImportField; length: number } | null = null;
  for (const field of IMPORT_FIELDS)
    for (const start of HEADERS[field])
      if ((folded === start || folded.startsWith(`${start} `)) && start.length > (best?.length ?? 0))
        best = { field, length: start.length };
  return best?.field ?? null;
}

export interface ColumnMap {
  /** Each header of the file, in order, with the field it was read as (null: not read). */
  readonly columns: readonly { readonly header: string; readonly field: ImportField | null }[];
  /** The column index of each field read. */
  readonly indexOf: Partial<Record<ImportField, number>>;
}

export function columnMapOf(headers: readonly string[]): ColumnMap {
  const indexOf: Partial<Record<ImportField, number>> = {};
  const columns = headers.map((header, index) => {
    const field = fieldOfHeader(header);
    // The first column of a field is read; a repeated header is left out, not silently merged.
    if (field === null || indexOf[field] !== undefined) return { header, field: null };
    indexOf[field] = index;
    return { header, field };
  });
  return { columns, indexOf };
}
