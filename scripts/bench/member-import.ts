/**
 * Issue 14's import at the province's size: a generated member list of BENCH_IMPORT_ROWS rows, as
 * an officer's CSV (name, gender, birth date, CCCD, phone, branch, joining date), uploaded to the
 * file store and imported by the file job the worker runs (POST /api/v1/imports/uploads, then
 * …/start) — read, checked, written through the bulk load path counting every member once — in
 * runs of at most BENCH_IMPORT_RUN_SECONDS (a Lambda's 15 minutes less the 2 it keeps back), each
 * going on from the last, beside the raw BatchWriteItem rate of the same emulator measured in the
 * same run, on a table of its own so the import's does not slow it. Then the aggregates are held
 * against a recount: equal, or the bench says so.
 *
 *   BENCH_ONLY=import npm run bench                 (20,000 rows)
 *   BENCH_ONLY=import BENCH_IMPORT_ROWS=531467 npm run bench
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// biome-ignore lint/style/noRestrictedImports: the yardstick is the raw SDK, without our store.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { recountDemoProvince } from '#functions/local/demo/recount-demo.ts';
import { DEMO_PROVINCE_ID } from '#functions/local/demo/seed-demo-province.ts';
import type { ChangeContext } from '#shared/domain/audit.ts';
import { uploadedFileKey } from '#shared/domain/members/import/import-files.ts';
import { beginUploadedImport, startImportUpload } from '#shared/domain/members/import/upload-import.ts';
import { composeNationalId } from '#shared/domain/national-id.ts';
import { tenantIdOf } from '#shared/domain/organizations.ts';
import { toTenantId } from '#shared/domain/tenant-id.ts';
import { runFileJob } from '#shared/file-jobs/run-file-job.ts';
import { LocalFileStore } from '#shared/files/local-file-store.ts';
import { memberWorkspaceOf } from '#shared/store/member-workspace-of.ts';
import { BranchRepository } from '#shared/store/repositories/branches.ts';
import { MemberImportRepository } from '#shared/store/repositories/member-imports.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import { ensureTable } from '#shared/store/table-admin.ts';
import { en, printTable, writeResults } from './print.ts';
import { membersAggregated, openProvince } from './province.ts';

const PROVINCE_MEMBERS = 531_467;
/** How long one run of the worker may take before it pauses and is handed the job again. */
const RUN_SECONDS = Number(process.env.BENCH_IMPORT_RUN_SECONDS ?? 13 * 60);
const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Võ',
  'Phan',
  'Trương',
  'Bùi',
  'Đặng',
  'Đỗ',
  'Ngô',
  'Hồ',
  'Dương',
];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Hữu', 'Thanh', 'Quốc', 'Kim', 'Hoàng', 'Thành'];
const GIVEN = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hòa',
  'Hùng',
  'Khoa',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Phương',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vân',
  'Xuân',
  'Yến',
  'Ánh',
  'Đức',
];
const NAMES = FAMILY.length * MIDDLE.length * GIVEN.length;

export interface ImportBench {
  readonly rows: number;
  readonly seconds: number;
  /** Runs of the worker it took, each going on from the last. */
  readonly runs: number;
  readonly itemsPut: number;
  readonly rawItemsPerSecond: number;
  readonly created: number;
  readonly aggregated: number;
  readonly recounted: number;
}

/** Row i of the file: a name, and a birth date the name has not had before, in one of the branches. */
function row(i: number, branchIds: readonly string[]): string {
  const name = `${FAMILY[i % FAMILY.length]} ${MIDDLE[Math.floor(i / FAMILY.length) % MIDDLE.length]} ${GIVEN[Math.floor(i / (FAMILY.length * MIDDLE.length)) % GIVEN.length]}`;
  const day = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / NAMES) * 86_400_000 * 3 + (i % 7) * 86_400_000);
  const birth = day.toISOString().slice(0, 10);
  const gender = i % 2 ? 'female' : 'male';
  const serial = String(i % 1_000_000).padStart(6, '0');
  const cccd = composeNationalId({ gender, birthDate: birth }, '087', serial);
  const phone = `09${String(10_000_000 + i).padStart(8, '0')}`;
  return [
    name,
    gender === 'male' ? 'Nam' : 'Nữ',
    birth.split('-').reverse().join('/'),
    cccd,
    phone,
    branchIds[i % branchIds.length],
    '01/06/2024',
  ].join(',');
}

export async function measureImport(rows: number): Promise<ImportBench> {
  const p = await openProvince('small');
  try {
    const rawItemsPerSecond = await rawWriteRate(p.client, Math.min(rows * 4, 60_000));
    const tenant = toTenantId(tenantIdOf(DEMO_PROVINCE_ID, 'farmers'));
    const tenantTable = p.table.forTenant(tenant);
    const units = await new UnitRepository(tenantTable).all();
    const branches = new BranchRepository(tenantTable);
    const branchIds = (await Promise.all(units.map((u) => branches.allOfUnit(u.id))))
      .flat()
      .filter((b) => b.status === 'active')
      .map((b) => b.id);
    const csv = [
      'Họ và tên,Giới tính,Ngày sinh,Số CCCD,Số điện thoại,Chi hội,Ngày vào hội',
      ...Array.from({ length: rows }, (_, i) => row(i, branchIds)),
    ].join('\r\n');
    const folder = await mkdtemp(join(tmpdir(), 'bench-import-'));
    const files = new LocalFileStore(folder);
    const ws = {
      ...memberWorkspaceOf(p.table, tenantTable, p.nationalIds),
      imports: new MemberImportRepository(tenantTable),
      files,
    };
    const ctx: ChangeContext = {
      principal: {
        userId: 'bench',
        username: 'bench.import',
        tenantId: tenant,
        role: 'org_admin',
        scope: null,
        permissions: [],
      },
      requestId: randomUUID(),
      now: new Date(),
    };
    const bytes = new TextEncoder().encode(csv);
    console.log(`  importing ${en.format(rows)} rows into ${en.format(branchIds.length)} branches…`);
    p.meter.take();
    const started = performance.now();
    const { import: pending } = await startImportUpload(ws, ctx, {
      format: 'csv',
      contentType: 'text/csv',
      size: bytes.length,
    });
    // What the officer's browser sends to the upload link, written as the store's handler writes it.
    await files.put(uploadedFileKey(ws, pending.id, 'csv'), new Blob([bytes]).stream(), 'text/csv');
    await beginUploadedImport(ws, ctx, pending.id);
    const job = { kind: 'member-import', tenantId: tenant, id: pending.id } as const;
    const deps = { table: p.table, vault: p.nationalIds, files, clock: () => new Date() };
    let runs = 0;
    let outcome: 'finished' | 'paused' = 'paused';
    while (outcome === 'paused') {
      const runStarted = performance.now();
      runs += 1;
      outcome = await runFileJob(deps, job, () => performance.now() - runStarted > RUN_SECONDS * 1000);
    }
    const seconds = (performance.now() - started) / 1000;
    const { itemsPut } = p.meter.take();
    const done = await ws.imports.get(pending.id);
    await rm(folder, { recursive: true, force: true });
    if (done?.state !== 'done')
      throw new Error(`the import ended ${done?.state}: ${JSON.stringify(done?.refusal)}`);
    const result = { created: done.created };
    const aggregated = await membersAggregated(p.table, p.provinceUnitId);
    await recountDemoProvince(p.table, { records: false });
    const recounted = await membersAggregated(p.table, p.provinceUnitId);
    return {
      rows,
      seconds,
      runs,
      itemsPut,
      rawItemsPerSecond,
      created: result.created,
      aggregated,
      recounted,
    };
  } finally {
    await p.close();
  }
}

/**
 * Raw BatchWriteItem, 16 calls in flight, to a table of its own, of items of the import's average
 * size (~470 B: a 1.5 KB member item beside its word entries, id guard and person record).
 */
async function rawWriteRate(client: Parameters<typeof ensureTable>[0], items: number): Promise<number> {
  const tableName = 'bench-raw-writes';
  await ensureTable(client, tableName);
  const filler = 'x'.repeat(420);
  const batches = Array.from({ length: Math.ceil(items / 25) }, (_, b) =>
    Array.from({ length: 25 }, (_, k) => ({
      PutRequest: { Item: { PK: `RAW#${b}#${k}`, SK: 'RAW', filler } },
    })),
  );
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < batches.length) {
        let requests = batches[next++] ?? [];
        while (requests.length > 0) {
          const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
          requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
        }
      }
    }),
  );
  return (batches.length * 25) / ((performance.now() - started) / 1000);
}

export async function reportImport(result: ImportBench): Promise<void> {
  const itemsPerSecond = result.itemsPut / result.seconds;
  const rowsPerSecond = result.rows / result.seconds;
  console.log(
    `\nMember import (issue 14): a generated CSV uploaded and imported by the file job in ${result.runs} run(s) of ≤ ${RUN_SECONDS} s, the bulk load path counting`,
  );
  printTable([
    [
      'rows',
      'imported in',
      'rows/s',
      'items written',
      'items/s',
      'raw BatchWrite items/s',
      'import ÷ raw',
      'aggregates',
      'after a recount',
    ],
    [
      en.format(result.rows),
      `${result.seconds.toFixed(1)} s`,
      en.format(Math.round(rowsPerSecond)),
      en.format(result.itemsPut),
      en.format(Math.round(itemsPerSecond)),
      en.format(Math.round(result.rawItemsPerSecond)),
      `×${(itemsPerSecond / result.rawItemsPerSecond).toFixed(2)}`,
      en.format(result.aggregated),
      en.format(result.recounted),
    ],
  ]);
  const equal = result.aggregated === result.created && result.recounted === result.created;
  console.log(
    `Figures ${equal ? 'equal' : 'DIFFER FROM'} a recount (${en.format(result.created)} admitted). ` +
      `At this pace ${en.format(PROVINCE_MEMBERS)} rows take ~${(PROVINCE_MEMBERS / rowsPerSecond / 60).toFixed(0)} min on this machine (a floor: DynamoDB Local slows as it fills).`,
  );
  await writeResults('member-import', { measuredAt: new Date().toISOString(), ...result });
}
