/**
 * A list too large for a request, over HTTP: POST /api/v1/imports/uploads records the import and
 * answers a presigned link, the file is PUT to it (the local store's /files/, as a browser sends
 * it), POST …/start hands it to the worker (this process, as under `npm start`), and
 * GET /api/v1/imports/{id} follows it to the end — members admitted and counted once. A file not
 * there whole is not started; a file with rows in error is refused with the file annotated; an
 * unreadable one is refused and says why. The worker stopped part way (a Lambda's 15 minutes) and
 * run again goes on: the chunks and updates it recorded are not written again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import { uploadedFileKey } from '../../shared/domain/members/import/import-files.ts';
import { runUploadedImport } from '../../shared/domain/members/import/upload-import.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { annotatedImportFile } from '../../shared/exports/annotated-import-file.ts';
import { XLSX_CONTENT_TYPE } from '../../shared/exports/xlsx-stream.ts';
import { tenantMemberLoad } from '../../shared/figures/member-load.ts';
import { readTable } from '../../shared/imports/read-table.ts';
import { memberWorkspaceOf } from '../../shared/store/member-workspace-of.ts';
import { MemberImportRepository } from '../../shared/store/repositories/member-imports.ts';
import { eventually } from '../setup/eventually.ts';
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

const PROVINCE = 'uploading';
const TENANT = toTenantId(`${PROVINCE}:farmers`);

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

interface Progress {
  id: string;
  state: 'uploading' | 'running' | 'done' | 'refused';
  rows: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  upload: { format: string; size: number } | null;
  refusal: { code: string; message: string; messageEn: string } | null;
  checked: { url: string; expiresAt: string } | null;
  stalled: boolean;
}

interface Upload {
  import: Progress;
  upload: { url: string; method: 'PUT'; headers: Record<string, string>; expiresAt: string };
}

const encoded = (text: string) => new TextEncoder().encode(text);

async function askUpload(file: Uint8Array, token = admin, format = 'csv'): Promise<Upload> {
  const response = await t.request('/api/v1/imports/uploads', {
    method: 'POST',
    token,
    json: { format, size: file.length, unitId: '28261' },
  });
  const text = await response.text();
  expect(response.status, text).toBe(201);
  return JSON.parse(text) as Upload;
}

/** Sent as a browser sends it: to the link, with its headers, without a token. */
const put = (upload: Upload['upload'], body: Uint8Array) =>
  t.app.request(upload.url, { method: upload.method, headers: upload.headers, body });

const start = (id: string, token = admin) =>
  t.request(`/api/v1/imports/${id}/start`, { method: 'POST', token, json: {} });

const progressOf = async (id: string, token = admin) => {
  const response = await t.request(`/api/v1/imports/${id}`, { token });
  expect(response.status).toBe(200);
  return (await response.json()) as Progress;
};

async function ended(id: string): Promise<Progress> {
  return eventually(
    () => progressOf(id),
    (progress) => progress.state !== 'running',
  );
}

/** Uploads the file, starts it and waits for the worker: the import as it ended. */
async function uploadedImport(file: Uint8Array): Promise<Progress> {
  const asked = await askUpload(file);
  expect((await put(asked.upload, file)).status).toBe(200);
  const started = await start(asked.import.id);
  expect(started.status).toBe(202);
  expect(await started.json()).toMatchObject({ id: asked.import.id, state: 'running' });
  return ended(asked.import.id);
}

const listed = async () => (await listAllPages(t, admin, { limit: 200 })).items;

describe('a list uploaded to the file store', () => {
  it('is imported by the worker once started, every member counted once, and audited', async () => {
    const rows = people(30);
    const file = encoded(csvOf(rows));
    const asked = await askUpload(file);
    expect(asked.import).toMatchObject({ state: 'uploading', upload: { format: 'csv', size: file.length } });
    expect(asked.upload).toMatchObject({ method: 'PUT', headers: { 'content-type': 'text/csv' } });
    expect(await progressOf(asked.import.id)).toMatchObject({ state: 'uploading', processed: 0 });

    expect((await put(asked.upload, file)).status).toBe(200);
    expect((await start(asked.import.id)).status).toBe(202);
    const done = await ended(asked.import.id);
    expect(done).toMatchObject({ state: 'done', rows: 30, processed: 30, created: 30, refusal: null });
    expect((await listed()).map((m) => m.fullName).sort()).toEqual(rows.map((p) => p.fullName).sort());
    const audit = await auditOf(t, admin, { entityId: asked.import.id });
    expect(audit).toMatchObject([{ entityType: 'member_import', action: 'import', after: { created: 30 } }]);
    await expectFiguresSettled(t, poller);

    // Started again: nothing more to do, nothing handed to the worker, nobody added.
    const again = await start(asked.import.id);
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ state: 'done', created: 30 });
    expect(await listed()).toHaveLength(30);
  });

  it('updates the people already here from a second file, as the request’s import does', async () => {
    const before = await listed();
    const changed = people(3).map((p) => ({ ...p, phone: p.phone.replace(/^09/, '08') }));
    const done = await uploadedImport(encoded(csvOf(changed)));
    expect(done).toMatchObject({ state: 'done', created: 0, updated: 3, unchanged: 0 });
    expect(await listed()).toHaveLength(before.length);
  });

  it('is not started until the whole file is there, and the store takes no other size', async () => {
    const file = encoded(csvOf(people(2, 900)));
    const asked = await askUpload(file);
    const early = await expectProblem(await start(asked.import.id), 409, 'IMPORT_NOT_UPLOADED');
    expect(early.title).toContain('Tệp chưa được tải lên đủ');
    expect(early.detail).toContain(`${file.length} byte`);
    // A shorter or longer file than the link was signed for is refused by the store.
    expect((await put(asked.upload, file.slice(0, -1))).status).toBe(400);
    expect((await put(asked.upload, encoded(`${csvOf(people(2, 900))}\r\n`))).status).toBe(400);
    await expectProblem(await start(asked.import.id), 409, 'IMPORT_NOT_UPLOADED');
    // The link cannot be turned to another file.
    const other = new URL(asked.upload.url, 'http://localhost');
    other.pathname = other.pathname.replace(asked.import.id, 'imp-someoneelse0000000000');
    expect((await put({ ...asked.upload, url: `${other.pathname}${other.search}` }, file)).status).toBe(403);
    expect(await progressOf(asked.import.id)).toMatchObject({ state: 'uploading', processed: 0 });
  });

  it('refuses bad requests for a link, recording nothing', async () => {
    for (const body of [
      { format: 'pdf', size: 10 },
      { format: 'csv', size: 0 },
      { format: 'csv', size: 300 * 1024 * 1024 },
      { format: 'csv' },
    ]) {
      const problem = await expectProblem(
        await t.request('/api/v1/imports/uploads', { method: 'POST', token: admin, json: body }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.title).toMatch(/.+/);
    }
    await expectProblem(
      await t.request('/api/v1/imports/uploads', {
        method: 'POST',
        token: admin,
        json: { format: 'csv', size: 10, unitId: '99999' },
      }),
      404,
      'UNIT_NOT_FOUND',
    );
  });
});

describe('an uploaded list the worker refuses', () => {
  it('with rows in error: writes nothing, says so, and leaves the file annotated to download', async () => {
    const before = await listed();
    const csv = `${csvOf(people(3, 200))}\r\nLê Văn Sai,Nam,31/02/1990,,,Chi hội Khóm 1,01/06/2020`;
    const refused = await uploadedImport(encoded(csv));
    expect(refused).toMatchObject({
      state: 'refused',
      created: 0,
      refusal: { code: 'IMPORT_HAS_ERRORS', messageEn: expect.stringContaining('1 rows are in error') },
    });
    expect(refused.refusal?.message).toContain('1 dòng còn lỗi');
    expect(await listed()).toEqual(before);

    const file = await t.app.request(refused.checked?.url as string);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('ket-qua-kiem-tra.xlsx');
    const [, ...rows] = await readTable(new Uint8Array(await file.arrayBuffer()), 'xlsx');
    expect(rows.map((row) => row[0] === '')).toEqual([true, true, true, false]);
    expect(rows[3]?.[0]).toContain('Ngày sinh');
  });

  it('that cannot be read: says which columns are missing', async () => {
    const refused = await uploadedImport(encoded('Tên;Tuổi\r\nAn;30\r\n'));
    expect(refused).toMatchObject({
      state: 'refused',
      checked: null,
      refusal: { code: 'IMPORT_COLUMNS_MISSING' },
    });
    expect(refused.refusal?.message).toContain('Còn thiếu');
  });
});

describe('who may start and follow an upload', () => {
  it('is started by who uploaded it; another officer is not told it exists', async () => {
    await createOfficer(t, {
      username: 'uploading.branch',
      tenantId: TENANT,
      role: 'branch_officer',
      scope: { branchId: 'b-28261-01' },
    });
    const [officer] = await accessTokens(t, 'uploading.branch');
    const file = encoded(csvOf(people(1, 950)));
    const mine = await askUpload(file);
    expect((await put(mine.upload, file)).status).toBe(200);
    await expectProblem(await start(mine.import.id, officer), 404, 'IMPORT_NOT_FOUND');
    await expectProblem(
      await t.request(`/api/v1/imports/${mine.import.id}`, { token: officer }),
      404,
      'IMPORT_NOT_FOUND',
    );
    // The officer's own upload: followed by them and by the admin, started by them only.
    const theirs = await askUpload(file, officer);
    expect((await put(theirs.upload, file)).status).toBe(200);
    await expectProblem(await start(theirs.import.id, admin), 404, 'IMPORT_NOT_FOUND');
    expect(await progressOf(theirs.import.id)).toMatchObject({ state: 'uploading' });
  });
});

describe('a worker stopped part way', () => {
  const ws = () => {
    const tenantTable = t.deps.table.forTenant(TENANT);
    return {
      ...memberWorkspaceOf(t.deps.table, tenantTable, t.deps.nationalIds),
      imports: new MemberImportRepository(tenantTable),
      files: t.deps.files,
    };
  };

  /** An upload recorded as started, without handing it to this process's worker: the test runs it. */
  async function startedByHand(csv: string): Promise<string> {
    const file = encoded(csv);
    const asked = await askUpload(file);
    await t.deps.files.put(
      uploadedFileKey(ws(), asked.import.id, 'csv'),
      new Blob([file]).stream(),
      'text/csv',
    );
    const imports = ws().imports;
    const progress = await imports.get(asked.import.id);
    await imports.save({ ...(progress as NonNullable<typeof progress>), state: 'running' });
    return asked.import.id;
  }

  /** The worker's tools, its load path watched: which rows of the file each chunk wrote. */
  function tools(pauseAfterChunks: number) {
    const loaded: number[][] = [];
    return {
      loaded,
      tools: {
        readTable,
        annotate: (
          table: readonly (readonly string[])[],
          check: Parameters<typeof annotatedImportFile>[1],
        ) => ({
          body: annotatedImportFile(table, check),
          contentType: XLSX_CONTENT_TYPE,
        }),
        load: async (...[loadId, members]: Parameters<ReturnType<typeof tenantMemberLoad>>) => {
          await tenantMemberLoad(t.deps.table, t.deps.table.forTenant(TENANT))(loadId, members);
          loaded.push(members.map((m) => m.n));
        },
        clock: () => new Date(),
        pauseWhen: () => loaded.length >= pauseAfterChunks,
      },
    };
  }

  it('goes on from the chunks it recorded: none written twice, everyone counted once', async () => {
    const before = (await listed()).length;
    // More than one chunk of 2,000; without CCCDs, whose generated serials can meet in so many.
    const id = await startedByHand(csvOf(people(2_300, 10_000).map((p) => ({ ...p, nationalId: '' }))));
    const first = tools(1);
    const outcome = await runUploadedImport(ws(), id, first.tools);
    expect(outcome, JSON.stringify(await progressOf(id))).toBe('paused');
    expect(first.loaded.map((rows) => [rows[0], rows.length])).toEqual([[2, 2_000]]);
    expect(await progressOf(id)).toMatchObject({ state: 'running', created: 2_000, processed: 2_000 });

    const second = tools(Number.POSITIVE_INFINITY);
    expect(await runUploadedImport(ws(), id, second.tools)).toBe('finished');
    expect(second.loaded.map((rows) => [rows[0], rows.length])).toEqual([[2_002, 300]]);
    expect(await progressOf(id)).toMatchObject({ state: 'done', created: 2_300, processed: 2_300 });
    expect(await listAllPages(t, admin, { limit: 200 }).then((page) => page.items.length)).toBe(
      before + 2_300,
    );
    await expectFiguresSettled(t, poller);
  }, 180_000);

  it('goes on from the updates it recorded: each member edited once', async () => {
    await uploadedImport(encoded(csvOf(people(4, 3_000))));
    const changed = people(4, 3_000).map((p) => ({ ...p, phone: p.phone.replace(/^09/, '07') }));
    const id = await startedByHand(csvOf(changed));
    const first = tools(0);
    // Paused after the first update, as a worker whose time ran out there.
    let updates = 0;
    const pausing = { ...first.tools, pauseWhen: () => ++updates >= 1 };
    expect(await runUploadedImport(ws(), id, pausing)).toBe('paused');
    expect(await progressOf(id)).toMatchObject({ state: 'running', updated: 1 });
    expect(await runUploadedImport(ws(), id, tools(Number.POSITIVE_INFINITY).tools)).toBe('finished');
    expect(await progressOf(id)).toMatchObject({ state: 'done', updated: 4, unchanged: 0 });
    for (const person of changed) {
      const member = (await listed()).find((m) => m.fullName === person.fullName);
      const edits = await auditOf(t, admin, { entityId: member?.id as string });
      expect(edits.filter((record) => record.action === 'update')).toHaveLength(1);
    }
  });
});
