/**
 * Issue 14's import at the province's size: a generated member list of BENCH_IMPORT_ROWS rows, as
 * an officer's CSV (name, gender, birth date, CCCD, phone, branch, joining date), read, checked and
 * imported through the same use case as POST /api/v1/imports — the bulk load path counting every
 * member once — beside the raw BatchWriteItem rate of the same emulator measured in the same run,
 * on a table of its own so the import's does not slow it. Then the aggregates are held against a
 * recount: equal, or the bench says so.
 *
 *   BENCH_ONLY=import npm run bench                 (20,000 rows)
 *   BENCH_ONLY=import BENCH_IMPORT_ROWS=531467 npm run bench
 */
import { randomUUID } from 'node:crypto';
// biome-ignore lint/style/noRestrictedImports: the yardstick is the raw SDK, without our store.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { recountDemoProvince } from '#functions/local/demo/recount-demo.ts';
import { DEMO_PROVINCE_ID } from '#functions/local/demo/seed-demo-province.ts';
import { logger } from '#shared/config/logger.ts';
import type { ChangeContext } from '#shared/domain/audit.ts';
import type { ImportWorkspace } from '#shared/domain/members/import/import-progress.ts';
import { importMembers } from '#shared/domain/members/import/run-import.ts';
import { composeNationalId } from '#shared/domain/national-id.ts';
import { tenantIdOf } from '#shared/domain/organizations.ts';
import { toTenantId } from '#shared/domain/tenant-id.ts';
import { createChangeApplier } from '#shared/figures/apply-changes.ts';
import { memberLoad } from '#shared/figures/member-load.ts';
import { readTable } from '#shared/imports/read-table.ts';
import { AuditRepository } from '#shared/store/repositories/audit.ts';
import { BranchRepository } from '#shared/store/repositories/branches.ts';
import { IdempotencyRepository } from '#shared/store/repositories/idempotency.ts';
import { MemberImportRepository } from '#shared/store/repositories/member-imports.ts';
import { MemberRepository } from '#shared/store/repositories/members.ts';
import { SettingsRepository } from '#shared/store/repositories/settings.ts';
import { TransferRepository } from '#shared/store/repositories/transfers.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import { ensureTable } from '#shared/store/table-admin.ts';
import { en, printTable, writeResults } from './print.ts';
import { membersAggregated, openProvince } from './province.ts';

const PROVINCE_MEMBERS = 531_467;
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
    const ws: ImportWorkspace = {
      tenant,
      members: new MemberRepository(tenantTable),
      branches,
      units: new UnitRepository(tenantTable),
      audit: new AuditRepository(tenantTable),
      idempotency: new IdempotencyRepository(tenantTable),
      settings: new SettingsRepository(tenantTable),
      transfers: new TransferRepository(p.table, tenantTable),
      vault: p.nationalIds,
      cipher: () => p.nationalIds.cipherFor(tenant),
      imports: new MemberImportRepository(tenantTable),
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
    const load = memberLoad(tenantTable, createChangeApplier(p.table, { log: logger }));
    console.log(`  importing ${en.format(rows)} rows into ${en.format(branchIds.length)} branches…`);
    p.meter.take();
    const started = performance.now();
    const table = await readTable(new TextEncoder().encode(csv), 'csv');
    const result = await importMembers(ws, ctx, table, { load });
    const seconds = (performance.now() - started) / 1000;
    const { itemsPut } = p.meter.take();
    const aggregated = await membersAggregated(p.table, p.provinceUnitId);
    await recountDemoProvince(p.table, { records: false });
    const recounted = await membersAggregated(p.table, p.provinceUnitId);
    return { rows, seconds, itemsPut, rawItemsPerSecond, created: result.created, aggregated, recounted };
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
    `\nMember import (issue 14): a generated CSV through importMembers, the bulk load path counting`,
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
