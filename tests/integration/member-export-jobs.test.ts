/**
 * Exports too large for a response, over HTTP: POST /api/v1/member-exports answers 202 at once,
 * a worker (this process, as under `npm start`) writes the file to the file store, and
 * GET /api/v1/member-exports/{id} gives its progress and then a link whose file holds exactly
 * what the direct export holds for the same filter; the export is audited under its id; its
 * status is for who asked and the admins only; bad input and refused callers start nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { rawItems } from '../setup/figures-oracle.ts';
import { admission, admitOk, auditOf, provinceWithBranches, userIdOf } from '../setup/members.ts';
import { accessTokens, appWithProvinces, createOfficers } from '../setup/scene.ts';
import { expectProblem, type TestApp } from '../setup/test-app.ts';

const PROVINCE = 'exportjobs';
const TENANT = `${PROVINCE}:farmers`;

let t: TestApp;
let admin: string;
let officer: string;
let front: string;

beforeAll(async () => {
  t = await appWithProvinces([PROVINCE], provinceWithBranches);
  await createOfficers(t, TENANT, [
    { username: 'exportjobs.branch', role: 'branch_officer', scope: { branchId: 'b-28261-02' } },
  ]);
  [admin, officer, front] = await accessTokens(
    t,
    `${PROVINCE}.farmers`,
    'exportjobs.branch',
    `${PROVINCE}.front`,
  );
  for (let i = 0; i < 12; i += 1)
    await admitOk(
      t,
      admin,
      admission({
        fullName: `Nguyễn Văn Xuất ${String.fromCharCode(65 + i)}`,
        branchId: i % 3 ? 'b-28261-01' : 'b-28261-02',
      }),
    );
}, 120_000);

interface ExportBody {
  id: string;
  state: 'running' | 'done' | 'failed';
  rows: number;
  size: number | null;
  by: { userId: string; username: string };
  download: { url: string; expiresAt: string } | null;
}

async function startExport(token: string, body: Record<string, unknown>) {
  const response = await t.request('/api/v1/member-exports', { method: 'POST', token, json: body });
  expect(response.status).toBe(202);
  const started = (await response.json()) as ExportBody;
  expect(response.headers.get('location')).toBe(`/api/v1/member-exports/${started.id}`);
  return started;
}

async function finished(token: string, id: string): Promise<ExportBody> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const response = await t.request(`/api/v1/member-exports/${id}`, { token });
    expect(response.status).toBe(200);
    const status = (await response.json()) as ExportBody;
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`export ${id} still running`);
}

/** The link is absolute on the app's origin (the local store's): fetched from the app, without a token. */
const download = (url: string) => t.app.request(url);

describe('an export written to a file and fetched by a link', () => {
  it('holds the same CSV as the direct export of the same filter, audited under the export’s id', async () => {
    const started = await startExport(admin, { format: 'csv', branchId: 'b-28261-01' });
    expect(started).toMatchObject({ state: 'running', download: null });

    const done = await finished(admin, started.id);
    expect(done).toMatchObject({ state: 'done', rows: 8, by: { username: `${PROVINCE}.farmers` } });
    const file = await download(done.download?.url as string);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="hoi-vien-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(bytes.byteLength).toBe(done.size);

    const direct = await t.request('/api/v1/members/export.csv?branchId=b-28261-01', { token: admin });
    expect(new Uint8Array(await direct.arrayBuffer())).toEqual(bytes);

    const audit = await auditOf(t, admin, { entityId: started.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      entityType: 'member_export',
      action: 'export',
      after: { filter: { branchId: 'b-28261-01' }, rows: 8, complete: true },
    });
  });

  it('writes an .xlsx of the caller’s scope only: a branch officer’s export holds their branch', async () => {
    const done = await finished(officer, (await startExport(officer, { format: 'xlsx' })).id);
    expect(done).toMatchObject({ state: 'done', rows: 4 });
    const file = await download(done.download?.url as string);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await file.arrayBuffer());
    const branches: unknown[] = [];
    workbook.getWorksheet('Hội viên')?.eachRow((row) => {
      if (row.number > 1) branches.push(row.getCell(7).value);
    });
    expect(branches).toEqual(Array(4).fill('Chi hội Khóm 2'));
  });

  it('refuses a link changed or stretched to another file, and answers a fresh link each time', async () => {
    const done = await finished(admin, (await startExport(admin, { format: 'csv' })).id);
    const url = new URL(done.download?.url as string);
    const other = new URL(url);
    other.pathname = other.pathname.replace(/exp-[0-9a-f]+/, 'exp-00000000000000000000');
    expect((await download(other.href)).status).toBe(403);
    const later = new URL(url);
    later.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    expect((await download(later.href)).status).toBe(403);
    expect((await download(url.href)).status).toBe(200);
  });
});

describe('who sees an export', () => {
  it('shows a branch officer’s export to them and to the admin, and to nobody else', async () => {
    const started = await startExport(officer, { format: 'csv' });
    expect((await finished(officer, started.id)).by.userId).toBe(await userIdOf(t, officer));
    expect((await finished(admin, started.id)).state).toBe('done');
    const [neighbour] = await accessTokens(t, `${PROVINCE}.women`);
    await expectProblem(
      await t.request(`/api/v1/member-exports/${started.id}`, { token: neighbour }),
      404,
      'EXPORT_NOT_FOUND',
    );
  });

  it('hides the admin’s export from the branch officer as if it did not exist', async () => {
    const started = await startExport(admin, { format: 'csv' });
    await expectProblem(
      await t.request(`/api/v1/member-exports/${started.id}`, { token: officer }),
      404,
      'EXPORT_NOT_FOUND',
    );
    await expectProblem(
      await t.request('/api/v1/member-exports/exp-00000000000000000000', { token: admin }),
      404,
      'EXPORT_NOT_FOUND',
    );
  });

  it('refuses the Front, a filter outside the caller’s scope and a bad format, starting nothing', async () => {
    const jobs = async () =>
      (await rawItems(t)).filter((item) => item._entity === 'member_export_job').length;
    const before = await jobs();
    await expectProblem(
      await t.request('/api/v1/member-exports', { method: 'POST', token: front, json: { format: 'csv' } }),
      403,
      'FORBIDDEN',
    );
    const outside = await t.request('/api/v1/member-exports', {
      method: 'POST',
      token: officer,
      json: { format: 'csv', branchId: 'b-28261-01' },
    });
    expect(outside.status).toBe(403);
    await expectProblem(
      await t.request('/api/v1/member-exports', { method: 'POST', token: admin, json: { format: 'pdf' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await jobs()).toBe(before);
  });
});
