/**
 * Checking a member list before importing it, over HTTP: an officer's CSV (semicolon-separated,
 * with a byte-order mark, headers as officers write them) and .xlsx (date cells, a phone number
 * that lost its 0, headers in capitals) read row by row; every kind of problem said by row and
 * column, in Vietnamese and English; an old CMND a warning, not a refusal; a person listed twice
 * caught; legacy-encoded names (TCVN3, VNI) caught; and nothing written. Files that cannot be read
 * are refused with problem+json.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../shared/imports/read-table.ts';
import { listAllPages, nationalIdFor, provinceWithBranches } from '../setup/members.ts';
import { accessTokens, appWithProvinces, createOfficers } from '../setup/scene.ts';
import { expectProblem, type TestApp } from '../setup/test-app.ts';

const PROVINCE = 'imports';
const TENANT = `${PROVINCE}:farmers`;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let admin: string;
let viewer: string;

beforeAll(async () => {
  t = await appWithProvinces([PROVINCE], provinceWithBranches);
  await createOfficers(t, TENANT, [{ username: 'imports.viewer', role: 'viewer', scope: null }]);
  [admin, viewer] = await accessTokens(t, `${PROVINCE}.farmers`, 'imports.viewer');
});

interface Check {
  rows: number;
  ready: number;
  columns: { header: string; field: string | null }[];
  problems: {
    row: number;
    column: string | null;
    field: string | null;
    code: string;
    severity: string;
    sameAsRow?: number;
    message: string;
    messageEn: string;
  }[];
}

const post = (body: RequestInit['body'], contentType: string, token = admin, query = '') =>
  t.request(`/api/v1/imports/check${query}`, {
    method: 'POST',
    token,
    body,
    headers: { 'content-type': contentType },
  });

async function check(body: RequestInit['body'], contentType: string, query = ''): Promise<Check> {
  const response = await post(body, contentType, admin, query);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as Check;
}

const cccd = nationalIdFor({ gender: 'male', birthDate: '1985-03-07' });
const HEADERS =
  'STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Số điện thoại;Chi hội;Ấp/Khóm;Tình trạng;Ngày vào hội';
/** Row numbers as the spreadsheet shows them: the headers are row 1. */
const ROWS = [
  `1;Nguyễn Văn An;07/03/1985;Nam;${cccd};+84 912 345 678;Chi hội Khóm 2;;Có mặt;15/01/2020`, // 2: ready
  '2;Trần Thị Bình;8/4/1990;Nữ;;0912.000.111;Chi hội Khóm 1;Khóm 1;;01/02/2021', // 3: two branches called so
  '3;NguyÔn V¨n Cêng;01/01/1980;Nam;;;Chi hội Khóm 2;;;01/01/2020', // 4: TCVN3
  '4;Nguyeãn Vaên Duõng;01/01/1980;Nam;;;Chi hội Khóm 2;;;01/01/2020', // 5: VNI
  '5;Lê Văn Em;31/02/1990;Nam;;;Chi hội Khóm 2;;;01/01/2020', // 6: no such day
  '6;Lê Văn Phú;01/01/1990;X;;;Chi hội Khóm 2;;;01/01/2020', // 7: gender
  '7;Lê Thị Giang;01/01/1990;Nữ;381234567;;Chi hội Khóm 2;;;01/01/2020', // 8: old CMND, still ready
  `8;Nguyễn Văn An;07/03/1985;Nam;${cccd};;Chi hội Khóm 2;;;15/01/2020`, // 9: row 2 again
  '9;Võ Văn Hậu;01/01/1990;Nam;;;Chi hội Khóm 2;;Đi làm ăn xa;01/01/2020', // 10: away, no place
  '10;Võ Thị Hoa;01/01/2012;Nữ;;;Chi hội Khóm 2;;;01/01/2024', // 11: too young for the Farmers' Union
  ';;;;;;;;;', // 12: blank
  '11;Đỗ Văn Khoa;01/01/1990;Nam;;;Chi hội Không Có;;;01/01/2020', // 13: no such branch
];
const csv = `\uFEFF${[HEADERS, ...ROWS].join('\r\n')}\r\n`;

const problemsOf = (result: Check) =>
  result.problems.map(({ row, column, code, severity, sameAsRow }) => ({
    row,
    column,
    code,
    severity,
    ...(sameAsRow && { sameAsRow }),
  }));

describe('checking an officer’s CSV', () => {
  it('reads every row, says each problem by row and column, and counts what would be admitted', async () => {
    const result = await check(csv, 'text/csv; charset=utf-8');
    expect(result.rows).toBe(11);
    expect(result.ready).toBe(2);
    expect(result.columns).toEqual([
      { header: 'STT', field: null },
      { header: 'Họ và tên', field: 'fullName' },
      { header: 'Ngày sinh', field: 'birthDate' },
      { header: 'Giới tính', field: 'gender' },
      { header: 'Số CCCD', field: 'nationalId' },
      { header: 'Số điện thoại', field: 'phone' },
      { header: 'Chi hội', field: 'branch' },
      { header: 'Ấp/Khóm', field: 'hamlet' },
      { header: 'Tình trạng', field: 'status' },
      { header: 'Ngày vào hội', field: 'joinedAt' },
    ]);
    expect(problemsOf(result)).toEqual([
      { row: 3, column: 'Chi hội', code: 'branch_ambiguous', severity: 'error' },
      { row: 4, column: 'Họ và tên', code: 'legacy_encoding', severity: 'error' },
      { row: 5, column: 'Họ và tên', code: 'legacy_encoding', severity: 'error' },
      { row: 6, column: 'Ngày sinh', code: 'date_format', severity: 'error' },
      { row: 7, column: 'Giới tính', code: 'gender_word', severity: 'error' },
      { row: 8, column: 'Số CCCD', code: 'national_id_cmnd', severity: 'warning' },
      { row: 9, column: null, code: 'duplicate_in_file', severity: 'error', sameAsRow: 2 },
      { row: 10, column: null, code: 'required_when_away', severity: 'error' },
      { row: 11, column: 'Ngày sinh', code: 'not_eligible', severity: 'error' },
      { row: 13, column: 'Chi hội', code: 'branch_unknown', severity: 'error' },
    ]);
    const legacy = result.problems.find((p) => p.code === 'legacy_encoding');
    expect(legacy?.message).toMatch(/TCVN3/);
    expect(legacy?.messageEn).toMatch(/legacy encoding/);
  });

  it('finds a branch by name within the unit the list is for', async () => {
    const result = await check(csv, 'text/csv', '?unitId=28261');
    expect(result.problems.some((p) => p.row === 3)).toBe(false);
    expect(result.ready).toBe(3);
  });

  it('writes nothing', async () => {
    await check(csv, 'text/csv');
    expect((await listAllPages(t, admin, { limit: 200 })).items).toEqual([]);
  });
});

describe('a commune column', () => {
  const HEAD = 'Họ và tên,Giới tính,Ngày sinh,Chi hội,Xã/Phường,Ngày vào hội';
  const rowsOf = (...communes: string[]) =>
    [
      HEAD,
      ...communes.map(
        (commune, i) => `Lê Văn Xã ${'ABCDE'[i]},Nam,01/01/1990,Chi hội Khóm 1,${commune},01/01/2020`,
      ),
    ].join('\r\n');

  it('tells apart branches of the same name by today’s commune, its code, or an old commune through the 2025 table', async () => {
    // Two communes have a "Chi hội Khóm 1"; 28264 was Phường 2, merged into Phường Mỹ Tho (28261).
    const result = await check(
      rowsOf('Phường Đạo Thạnh', 'phuong my tho', '28261', '28264', 'Xã Không Có'),
      'text/csv',
    );
    expect(problemsOf(result)).toEqual([
      { row: 5, column: 'Xã/Phường', code: 'commune_old', severity: 'warning' },
      { row: 6, column: 'Xã/Phường', code: 'commune_unknown', severity: 'error' },
    ]);
    expect(result.ready).toBe(4);
    const imported = await t.request('/api/v1/imports', {
      method: 'POST',
      token: admin,
      body: rowsOf('Phường Đạo Thạnh', '28264'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(201);
    const members = (await listAllPages(t, admin, { limit: 200 })).items;
    const unitOf = (name: string) => members.find((m) => m.fullName === name)?.unitId;
    expect([unitOf('Lê Văn Xã A'), unitOf('Lê Văn Xã B')]).toEqual(['28249-01', '28261-01']);
  });

  it('says a branch is not in the commune named', async () => {
    const result = await check(rowsOf('Phường Đạo Thạnh').replace('Khóm 1,', 'Khóm 2,'), 'text/csv');
    expect(problemsOf(result)).toEqual([
      { row: 2, column: 'Chi hội', code: 'branch_unknown', severity: 'error' },
    ]);
  });
});

describe('the check written into the file', () => {
  it('answers the officer’s own rows with what is wrong beside each, rows in error filled red', async () => {
    const response = await t.request('/api/v1/imports/check?unitId=28261', {
      method: 'POST',
      token: admin,
      body: csv,
      headers: { 'content-type': 'text/csv', accept: XLSX },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX);
    const bytes = await response.arrayBuffer();
    const [headers = [], ...rows] = await readTable(new Uint8Array(bytes), 'xlsx');
    expect(headers).toEqual(['Kết quả kiểm tra / What the check found', ...HEADERS.split(';')]);
    // Row for row as sent: the spreadsheet's row N is the file's row N.
    expect(rows.map((row) => row.slice(1).join(';'))).toEqual(ROWS);
    const noteOf = (rowNumber: number) => rows[rowNumber - 2]?.[0] ?? '';
    expect(noteOf(2)).toBe('');
    expect(noteOf(4)).toMatch(/^Họ và tên: .*TCVN3.* \/ .*legacy encoding/);
    expect(noteOf(9)).toContain('(2)');
    expect(noteOf(12)).toBe('');

    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    const fillOf = (rowNumber: number) => {
      const fill = workbook.worksheets[0]?.getRow(rowNumber).getCell(2).fill;
      return fill?.type === 'pattern' ? fill.fgColor?.argb : undefined;
    };
    expect([fillOf(2), fillOf(4), fillOf(8)]).toEqual([undefined, 'FFFDE2E1', 'FFFFF4CE']);
  });
});

describe('checking an .xlsx', () => {
  it('reads date cells, a phone number that lost its leading 0 and headers in capitals', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('DS');
    sheet.addRow(['HỌ VÀ TÊN', 'NGÀY SINH', 'GIỚI TÍNH', 'SĐT', 'CHI HỘI', 'NGÀY VÀO HỘI']);
    sheet.addRow([
      'Phạm Thị Lan',
      new Date(Date.UTC(1991, 5, 9)),
      'Nữ',
      912345678,
      'Chi hội Khóm 2',
      new Date(Date.UTC(2019, 0, 2)),
    ]);
    sheet.addRow(['Phạm Văn Minh', '09/06/1991', 'Nam', 'không có', 'Chi hội Khóm 2', '02/01/2019']);
    const result = await check(new Uint8Array(await workbook.xlsx.writeBuffer()), XLSX);
    expect(result.columns.map((c) => c.field)).toEqual([
      'fullName',
      'birthDate',
      'gender',
      'phone',
      'branch',
      'joinedAt',
    ]);
    expect(result.rows).toBe(2);
    expect(result.ready).toBe(1);
    expect(problemsOf(result)).toEqual([{ row: 3, column: 'SĐT', code: 'phone_format', severity: 'error' }]);
  });
});

describe('files and callers the check refuses', () => {
  it('refuses a file without the columns it needs, naming them', async () => {
    const problem = await expectProblem(
      await post('Họ và tên;Ngày sinh\r\nAn;01/01/1990\r\n', 'text/csv'),
      400,
      'IMPORT_COLUMNS_MISSING',
    );
    expect(problem.detail).toContain('Còn thiếu: Giới tính, Chi hội, Ngày vào hội.');
    expect(problem.detailEn).toContain('Missing: gender, branch, joined on.');
    expect(problem.titleEn).toBe('The file lacks required columns');
  });

  it('refuses a CSV that is not UTF-8, a broken workbook and another kind of file', async () => {
    const windows1258 = new Uint8Array([...new TextEncoder().encode('H'), 0xe7, 0x20, 0x74, 0xea, 0x6e]);
    await expectProblem(await post(windows1258, 'text/csv'), 400, 'IMPORT_NOT_UTF8');
    await expectProblem(await post(new Uint8Array([1, 2, 3]), XLSX), 400, 'IMPORT_UNREADABLE');
    await expectProblem(await post('{}', 'application/json'), 415, 'IMPORT_FILE_TYPE');
  });

  it('refuses a file over 10 MB', async () => {
    await expectProblem(await post(new Uint8Array(10 * 1024 * 1024 + 1), 'text/csv'), 413, 'BODY_TOO_LARGE');
  });

  it('is for those who admit members: a viewer is refused', async () => {
    await expectProblem(await post(csv, 'text/csv', viewer), 403, 'FORBIDDEN');
  });
});
