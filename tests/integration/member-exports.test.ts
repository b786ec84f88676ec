/**
 * Member lists as files over HTTP: CSV (UTF-8 with a byte-order mark, Vietnamese headers, dates
 * dd/mm/yyyy, masked national ids, branch and unit names) and .xlsx hold exactly the rows the list
 * pages through with the same filter, in the same order, across more than one page of reading;
 * the scope and filters of the list apply; every export is audited with its filter and row count;
 * a refused or invalid export writes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  admission,
  admitOk,
  auditOf,
  changeStatusOk,
  listAllPages,
  type MemberRow,
  provinceWithBranches,
  userIdOf,
} from '../setup/members.ts';
import { accessTokens, appWithProvinces, createOfficers } from '../setup/scene.ts';
import { expectProblem, type TestApp } from '../setup/test-app.ts';
import { sheetOf } from '../setup/workbooks.ts';

const PROVINCE = 'exports';
const TENANT = `${PROVINCE}:farmers`;
/** More than the export reads in one page (500), so the file is read across pages. */
const MEMBERS = 503;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Võ', 'Huỳnh', 'Đặng'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Hữu'];
const GIVEN = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Đào',
  'Giang',
  'Hà',
  'Khoa',
  'Lan',
  'Mai',
  'Nam',
  'Ánh',
  'Yến',
  'Tâm',
  'Xuân',
];
const BRANCH_NAMES: Record<string, string> = {
  'b-28261-01': 'Chi hội Khóm 1',
  'b-28261-02': 'Chi hội Khóm 2',
};
const UNIT_NAMES: Record<string, string> = { '28261-01': 'Khóm 1', '28261-02': 'Khóm 2' };

let t: TestApp;
let admin: string;
let officer: string;
let front: string;
let lapsedId: string;

beforeAll(async () => {
  t = await appWithProvinces([PROVINCE], provinceWithBranches);
  await createOfficers(t, TENANT, [
    { username: 'export.branch', role: 'branch_officer', scope: { branchId: 'b-28261-02' } },
  ]);
  [admin, officer, front] = await accessTokens(
    t,
    `${PROVINCE}.farmers`,
    'export.branch',
    `${PROVINCE}.front`,
  );
  const ids: string[] = [];
  const bodies = Array.from({ length: MEMBERS }, (_, i) =>
    admission({
      fullName: `${FAMILY[i % 7]} ${MIDDLE[i % 5]} ${GIVEN[i % 15]}`,
      gender: i % 2 ? 'female' : 'male',
      birthDate: `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
      branchId: i % 3 ? 'b-28261-01' : 'b-28261-02',
      ...(i % 4 === 0 && { phone: `09${String(10_000_000 + i).padStart(8, '0')}` }),
    }),
  );
  for (let start = 0; start < bodies.length; start += 8)
    ids.push(
      ...(await Promise.all(
        bodies.slice(start, start + 8).map(async (body) => (await admitOk(t, admin, body)).id),
      )),
    );
  lapsedId = ids[7] as string;
  await changeStatusOk(t, admin, lapsedId, { status: 'lapsed', effectiveDate: t.today });
}, 180_000);

/** A CSV line's fields, quotes undone (no field of this test holds a comma or a quote). */
const fields = (line: string) => line.split(',');

async function csvOf(token: string, query = '') {
  const response = await t.request(`/api/v1/members/export.csv${query}`, { token });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('content-disposition')).toMatch(
    /^attachment; filename="hoi-vien-\d{4}-\d{2}-\d{2}\.csv"$/,
  );
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
  expect(lines.pop()).toBe('');
  return { header: fields(lines[0] as string), rows: lines.slice(1).map(fields) };
}

const dayMonthYear = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const STATUS_WORDS: Record<string, string> = { active: 'Có mặt tại địa phương', lapsed: 'Bỏ sinh hoạt' };

/** The row the file should hold for a member as the list shows them, computed here from the list row. */
function expectedRow(member: MemberRow & { gender?: string; birthDate?: string }): string[] {
  return [
    member.fullName,
    member.gender === 'female' ? 'Nữ' : 'Nam',
    dayMonthYear(member.birthDate as string),
    member.nationalIdMasked ?? '',
    member.phone ?? '',
    member.cardNumber ?? '',
    BRANCH_NAMES[member.branchId] as string,
    UNIT_NAMES[member.unitId] as string,
    STATUS_WORDS[member.status] as string,
    member.id,
  ];
}

describe('a member list exported as CSV', () => {
  it('holds every member the list pages through, in the same order, with the officers’ headers and formats', async () => {
    const { header, rows } = await csvOf(admin);
    expect(header).toEqual([
      'Họ và tên',
      'Giới tính',
      'Ngày sinh',
      'Số CCCD',
      'Số điện thoại',
      'Số thẻ',
      'Chi hội',
      'Đơn vị',
      'Trạng thái',
      'Mã hội viên',
    ]);
    const listed = await listAllPages(t, admin, { limit: 200 });
    expect(listed.items.length).toBe(MEMBERS);
    expect(rows).toEqual(listed.items.map(expectedRow));
    expect(rows.filter((row) => /^\*+\d{3}$/.test(row[3] as string)).length).toBe(MEMBERS);
  });

  it('applies the list’s filters: a status, a search', async () => {
    const lapsed = await csvOf(admin, '?status=lapsed');
    expect(lapsed.rows.map((row) => row.at(-1))).toEqual([lapsedId]);
    const found = await csvOf(admin, `?q=${encodeURIComponent('tran minh')}`);
    const listed = await listAllPages(t, admin, { q: 'tran minh', limit: 200 });
    expect(listed.items.length).toBeGreaterThan(0);
    expect(found.rows.map((row) => row.at(-1))).toEqual(listed.items.map((m) => m.id));
  });

  it('covers only what the reader’s scope holds: a branch officer gets their branch', async () => {
    const { rows } = await csvOf(officer);
    const listed = await listAllPages(t, officer, { limit: 200 });
    expect(rows.length).toBe(listed.items.length);
    expect(new Set(rows.map((row) => row[6]))).toEqual(new Set(['Chi hội Khóm 2']));
  });
});

describe('a member list exported as .xlsx', () => {
  it('holds the same rows as the CSV, under a bold, frozen header', async () => {
    const sheet = await sheetOf(t, admin, '/api/v1/members/export.xlsx', 'Hội viên');
    const cells: string[][] = [];
    // exceljs keeps a row's values from index 1, with holes where a cell is empty.
    sheet.eachRow((row) => {
      const values = row.values as unknown[];
      cells.push(Array.from({ length: 10 }, (_, i) => String(values[i + 1] ?? '')));
    });
    const csv = await csvOf(admin);
    expect(cells[0]).toEqual(csv.header);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(cells.slice(1)).toEqual(csv.rows);
  });
});

describe('exports are audited', () => {
  it('records who exported, with which filter, how many rows, and that the file was read to the end', async () => {
    const response = await t.request('/api/v1/members/export.csv?status=lapsed', { token: admin });
    expect(response.status).toBe(200);
    await response.text();
    const requestId = response.headers.get('x-request-id') as string;
    const [record, ...more] = await auditOf(t, admin, { entityId: requestId });
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      action: 'export',
      entityType: 'member_export',
      actor: { username: `${PROVINCE}.farmers` },
      after: { filter: { status: 'lapsed' }, rows: 1, complete: true },
    });
  });
});

describe('a download cut short', () => {
  it('is audited with the rows sent so far, as not complete', async () => {
    const response = await t.request('/api/v1/members/export.csv', { token: admin });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (let chunk = 0; chunk < 3; chunk++) await reader.read();
    await reader.cancel();
    const requestId = response.headers.get('x-request-id') as string;
    const [record] = await auditOf(t, admin, { entityId: requestId });
    expect(record?.after).toMatchObject({ complete: false });
    expect(record?.after?.rows).toBeLessThan(MEMBERS);
  });
});

describe('refused and invalid exports', () => {
  it('refuses the Front, a stranger, a bad filter and a branch out of scope with problem+json, and records nothing', async () => {
    const actors = await Promise.all([userIdOf(t, admin), userIdOf(t, officer)]);
    const recorded = async () =>
      (await Promise.all(actors.map((actor) => auditOf(t, admin, { actor })))).flat().length;
    const before = await recorded();
    await expectProblem(await t.request('/api/v1/members/export.csv', { token: front }), 403, 'FORBIDDEN');
    await expectProblem(await t.request('/api/v1/members/export.xlsx'), 401, 'UNAUTHENTICATED');
    const bad = await expectProblem(
      await t.request('/api/v1/members/export.csv?status=gone', { token: admin }),
      400,
      'VALIDATION_FAILED',
    );
    expect([bad.title, bad.titleEn]).toEqual(['Dữ liệu không hợp lệ', 'Invalid input']);
    await expectProblem(
      await t.request('/api/v1/members/export.csv?branchId=b-28249-01', { token: officer }),
      403,
      'FORBIDDEN',
    );
    expect(await recorded()).toBe(before);
  });
});
