/**
 * Importing a member list over HTTP, with the stream running beside it as under `npm start`: a
 * clean file admits its rows through the bulk load path, and every counter then equals the
 * oracle's plain count of the table (so each imported member is counted exactly once, by the load,
 * and the stream passes their first records by); the same file sent again adds no one and changes
 * nothing; a changed phone is an audited edit of the member already here; an import cut short
 * and sent again with its Idempotency-Key goes on without counting anyone twice; a file with a row
 * in error writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import { logger } from '../../shared/config/logger.ts';
import { columnMapOf, IMPORT_FIELDS } from '../../shared/domain/members/import/import-columns.ts';
import type { ImportProgress } from '../../shared/domain/members/import/import-progress.ts';
import type { Member } from '../../shared/domain/members/member.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { XLSX_CONTENT_TYPE } from '../../shared/exports/xlsx-stream.ts';
import { createChangeApplier } from '../../shared/figures/apply-changes.ts';
import { memberLoad } from '../../shared/figures/member-load.ts';
import { readTable } from '../../shared/imports/read-table.ts';
import { MemberImportRepository } from '../../shared/store/repositories/member-imports.ts';
import { MemberRepository } from '../../shared/store/repositories/members.ts';
import { expectFiguresSettled } from '../setup/figures-settled.ts';
import { csvOf, people } from '../setup/import-lists.ts';
import { auditOf, listAllPages, provinceWithBranches } from '../setup/members.ts';
import { accessTokens } from '../setup/scene.ts';
import {
  createOfficer,
  createTestApp,
  expectProblem,
  startStreamPollerFor,
  type TestApp,
} from '../setup/test-app.ts';

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

const listed = async () => (await listAllPages(t, admin, { limit: 200 })).items;

describe('importing a clean file', () => {
  const first = people(30);

  it('admits every row, counted exactly once', async () => {
    const result = await imported(csvOf(first));
    expect(result).toMatchObject({ rows: 30, created: 30, updated: 0, unchanged: 0, warnings: [] });
    const members = await listed();
    expect(members.map((m) => m.fullName).sort()).toEqual(first.map((p) => p.fullName).sort());
    expect(new Set(members.map((m) => m.unitId))).toEqual(new Set(['28261-01', '28261-02']));
    await expectFiguresSettled(t, poller);
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
    await expectFiguresSettled(t, poller);
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
    await expectFiguresSettled(t, poller);
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
    await expectFiguresSettled(t, poller);
  });
});

interface Progress {
  id: string;
  state: string;
  rows: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  by: { username: string };
  finishedAt: string | null;
  stalled: boolean;
}

const progressOf = (id: string, token = admin) => t.request(`/api/v1/imports/${id}`, { token });

describe('watching an import', () => {
  it('says how far it went, for the one who sent it', async () => {
    const key = { 'idempotency-key': 'import-watched' };
    const half = await imported(csvOf(people(4, 300)), key);
    const response = await progressOf(half.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: half.id,
      state: 'done',
      rows: 4,
      processed: 4,
      created: 4,
      updated: 0,
      unchanged: 0,
      by: { username: `${PROVINCE}.farmers` },
      finishedAt: expect.any(String),
      stalled: false,
    });
    // Sent again whole under the same key: the same import, its progress over the whole file.
    await imported(csvOf(people(6, 300)), key);
    const whole = (await (await progressOf(half.id)).json()) as Progress;
    expect(whole).toMatchObject({ rows: 6, processed: 6, state: 'done' });
  });

  it('is said to have stopped when it made no progress for five minutes while running', async () => {
    const result = await imported(csvOf(people(2, 500)));
    const imports = new MemberImportRepository(t.deps.table.forTenant(toTenantId(`${PROVINCE}:farmers`)));
    const done = await imports.get(result.id);
    const sixMinutesAgo = new Date(Date.now() - 6 * 60_000).toISOString();
    // As a process that died part way leaves it: running, its last progress minutes old.
    await imports.save({
      ...(done as ImportProgress),
      state: 'running',
      updatedAt: sixMinutesAgo,
      finishedAt: null,
    });
    expect(await (await progressOf(result.id)).json()).toMatchObject({ state: 'running', stalled: true });
    await imports.save({
      ...(done as ImportProgress),
      state: 'running',
      finishedAt: null,
      updatedAt: new Date().toISOString(),
    });
    expect(await (await progressOf(result.id)).json()).toMatchObject({ state: 'running', stalled: false });
  });

  it('is not said to exist to another officer, nor for an id nobody imported under', async () => {
    const result = await imported(csvOf(people(1, 400)));
    await createOfficer(t, {
      username: 'importing.branch',
      tenantId: `${PROVINCE}:farmers`,
      role: 'branch_officer',
      scope: { branchId: 'b-28261-01' },
    });
    const [officer] = await accessTokens(t, 'importing.branch');
    await expectProblem(await progressOf(result.id, officer), 404, 'IMPORT_NOT_FOUND');
    await expectProblem(await progressOf('imp-nobody'), 404, 'IMPORT_NOT_FOUND');
  });
});

describe('the bulk path’s national ids', () => {
  it('are claimed before anything is written: one taken since the import looked is refused', async () => {
    const result = await imported(csvOf(people(3, 600)));
    const tenantTable = t.deps.table.forTenant(toTenantId(`${PROVINCE}:farmers`));
    const members = new MemberRepository(tenantTable);
    const holder = (await listed()).find((m) => m.fullName === people(3, 600)[1]?.fullName);
    const member = (await members.get(holder?.id as string)) as Member;
    expect(member.nationalId).not.toBeNull();
    const load = memberLoad(tenantTable, createChangeApplier(t.deps.table, { log: logger }));
    // Another member with the same CCCD, as a second import racing the first would write them.
    const rival = { ...member, id: `${result.id}-rival` };
    await expect(load(`IMPORT#${result.id}-rival`, [{ n: 2, member: rival }])).rejects.toMatchObject({
      code: 'NATIONAL_ID_TAKEN',
    });
    expect(await members.get(rival.id)).toBeUndefined();
    // The holder written again (an import sent again) keeps their own id.
    await load(`IMPORT#${result.id}`, [{ n: 3, member }]);
    expect(await members.idForNationalIdHash(member.nationalId?.hash as string)).toBe(member.id);
    await expectFiguresSettled(t, poller);
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

describe('the template', () => {
  const templateOf = async (token: string) => {
    const response = await t.request('/api/v1/imports/template.xlsx', { token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
    return readTable(new Uint8Array(await response.arrayBuffer()), 'xlsx');
  };

  it('heads every column the import reads as the import reads it, in the organization’s words', async () => {
    const [headers = [], ...rows] = await templateOf(admin);
    expect(rows).toEqual([]);
    expect(headers).toContain('Chi hội');
    expect(headers).toContain('Ngày vào hội');
    // Read back by the import's own column map: every column is a field, each field once, all of them.
    const map = columnMapOf(headers);
    expect(map.columns.every((column) => column.field !== null)).toBe(true);
    expect(Object.keys(map.indexOf).sort()).toEqual([...IMPORT_FIELDS].sort());
    const [youth] = await accessTokens(t, `${PROVINCE}.youth`);
    const [youthHeaders = []] = await templateOf(youth);
    expect(youthHeaders).toEqual(expect.arrayContaining(['Chi đoàn', 'Ngày vào đoàn']));
    expect(youthHeaders).not.toContain('Chi hội');
  });

  it('filled in and sent back, is imported', async () => {
    const [headers = []] = await templateOf(admin);
    const cells: Record<string, string> = {
      'Họ và tên': 'Đinh Văn Mẫu',
      'Giới tính': 'Nam',
      'Ngày sinh': '09/09/1979',
      'Số điện thoại': '0912000999',
      'Chi hội': 'Chi hội Khóm 1',
      'Ngày vào hội': '01/01/2015',
    };
    const csv = [headers.join(','), headers.map((header) => cells[header] ?? '').join(',')].join('\r\n');
    expect(await imported(csv)).toMatchObject({ created: 1, warnings: [] });
  });

  it('is not given to a viewer', async () => {
    await createOfficer(t, {
      username: 'importing.viewer',
      tenantId: `${PROVINCE}:farmers`,
      role: 'viewer',
      scope: null,
    });
    const [viewer] = await accessTokens(t, 'importing.viewer');
    await expectProblem(
      await t.request('/api/v1/imports/template.xlsx', { token: viewer }),
      403,
      'FORBIDDEN',
    );
  });
});
