/**
 * Importing a member list over HTTP, with the stream running beside it as under `npm start`: a
 * clean file admits its rows through the bulk load path, and every counter then equals the
 * oracle's plain count of the table (so each imported member is counted exactly once, by the load,
 * and the stream passes their first records by); the same file sent again adds no one and changes
 * nothing; a changed phone is an audited edit of the member already here; an import cut short
 * and sent again with its Idempotency-Key goes on without counting anyone twice; a file with a row
 * in error writes nothing.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import { eventually } from '../setup/eventually.ts';
import { expectedFigures, rawItems, storedFigures } from '../setup/figures-oracle.ts';
import { auditOf, listAllPages, nationalIdFor, provinceWithBranches } from '../setup/members.ts';
import { accessTokens } from '../setup/scene.ts';
import { createTestApp, expectProblem, startStreamPollerFor, type TestApp } from '../setup/test-app.ts';

const PROVINCE = 'importing';

let t: TestApp;
let poller: StreamPoller;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  await provinceWithBranches(t, PROVINCE);
  poller = await startStreamPollerFor(t);
  [admin] = await accessTokens(t, `${PROVINCE}.farmers`);
});

afterAll(async () => {
  await poller?.stop();
});

interface Result {
  id: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  warnings: { row: number; code: string }[];
}

const importFile = (csv: string, headers: Record<string, string> = {}) =>
  t.request('/api/v1/imports?unitId=28261', {
    method: 'POST',
    token: admin,
    body: csv,
    headers: { 'content-type': 'text/csv', ...headers },
  });

async function imported(csv: string, headers: Record<string, string> = {}): Promise<Result> {
  const response = await importFile(csv, headers);
  const text = await response.text();
  expect(response.status, text).toBe(201);
  return JSON.parse(text) as Result;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Võ'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Khoa'];
const HEADER = 'Họ và tên,Giới tính,Ngày sinh,Số CCCD,Số điện thoại,Chi hội,Ngày vào hội';

function people(count: number, offset = 0) {
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset;
    const gender = i % 2 ? 'female' : 'male';
    const birthDate = `19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`;
    return {
      fullName: `${FAMILY[i % 5]} ${gender === 'male' ? 'Văn' : 'Thị'} ${GIVEN[i % 7]} ${i}`,
      gender,
      birthDate,
      // Every third person without a CCCD: found again by name and birth date in the branch.
      nationalId: i % 3 ? nationalIdFor({ gender, birthDate }) : '',
      phone: `09${String(20_000_000 + i).padStart(8, '0')}`,
      branch: i % 2 ? 'Chi hội Khóm 1' : 'Chi hội Khóm 2',
    };
  });
}

const csvOf = (rows: ReturnType<typeof people>) =>
  [
    HEADER,
    ...rows.map((p) =>
      [
        p.fullName,
        p.gender === 'male' ? 'Nam' : 'Nữ',
        p.birthDate.split('-').reverse().join('/'),
        p.nationalId,
        p.phone,
        p.branch,
        '01/06/2020',
      ].join(','),
    ),
  ].join('\r\n');

async function expectFiguresSettled() {
  const settled = await eventually(
    async () => {
      await poller.idle();
      const items = await rawItems(t);
      return { stored: storedFigures(items), expected: expectedFigures(items) };
    },
    ({ stored, expected }) => isDeepStrictEqual(stored, expected),
  );
  expect(settled.stored).toEqual(settled.expected);
}

const listed = async () => (await listAllPages(t, admin, { limit: 200 })).items;

describe('importing a clean file', () => {
  const first = people(30);

  it('admits every row, counted exactly once', async () => {
    const result = await imported(csvOf(first));
    expect(result).toMatchObject({ rows: 30, created: 30, updated: 0, unchanged: 0, warnings: [] });
    const members = await listed();
    expect(members.map((m) => m.fullName).sort()).toEqual(first.map((p) => p.fullName).sort());
    expect(new Set(members.map((m) => m.unitId))).toEqual(new Set(['28261-01', '28261-02']));
    await expectFiguresSettled();
    const [record] = await auditOf(t, admin, { entityId: result.id });
    expect(record).toMatchObject({
      action: 'import',
      entityType: 'member_import',
      after: { created: 30, rows: 30 },
    });
  });

  it('adds no one and changes nothing when the same file comes again', async () => {
    const result = await imported(csvOf(first));
    expect(result).toMatchObject({ rows: 30, created: 0, updated: 0, unchanged: 30 });
    expect(await listed()).toHaveLength(30);
    await expectFiguresSettled();
  });

  it('updates the member already here when a detail changed, as an audited edit', async () => {
    const changed = first.map((p, i) => (i === 3 ? { ...p, phone: '0987654321' } : p));
    // Row 4 of people(30) has no CCCD: found by name and birth date in the branch.
    expect(first[3]?.nationalId).toBe('');
    const result = await imported(csvOf(changed));
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 29 });
    const member = (await listed()).find((m) => m.fullName === first[3]?.fullName);
    expect(member?.phone).toBe('0987654321');
    const [edit] = await auditOf(t, admin, { entityId: member?.id as string });
    expect(edit).toMatchObject({
      action: 'update',
      before: { phone: first[3]?.phone },
      after: { phone: '0987654321' },
    });
    await expectFiguresSettled();
  });
});

describe('an import cut short', () => {
  it('goes on under the same Idempotency-Key without counting anyone twice', async () => {
    const more = people(12, 100);
    const key = { 'idempotency-key': 'import-cut-short' };
    // The first attempt is the file's first half; the retry sends the whole file under the same key.
    const half = await imported(csvOf(more.slice(0, 6)), key);
    const whole = await imported(csvOf(more), key);
    expect(half.id).toBe(whole.id);
    expect(whole.created).toBe(12);
    expect(await listed()).toHaveLength(42);
    await expectFiguresSettled();
  });
});

describe('a file with a row in error', () => {
  it('is refused whole: nothing written', async () => {
    const rows = people(3, 200);
    const csv = `${csvOf(rows)}\r\nLê Văn Sai,Nam,31/02/1990,,,Chi hội Khóm 1,01/06/2020`;
    const before = await listed();
    const problem = await expectProblem(await importFile(csv), 422, 'IMPORT_HAS_ERRORS');
    expect(problem.detail).toContain('1 dòng còn lỗi');
    expect(await listed()).toEqual(before);
  });
});
