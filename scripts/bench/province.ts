/**
 * One benched province: the demo province, seeded and given members by the same code as
 * `npm start`, in an in-memory DynamoDB Local of its own, with the real app over a metered client
 * and the stream poller keeping the aggregates while members are imported, as `npm start` does.
 *
 * Each province has its own emulator: DynamoDB Local writes to a second streamed table some fifty
 * times slower once the first one's stream holds records (it looks the stream up among all of
 * them on every write), so the provinces are measured one after the other, each alone. The
 * poller reads and writes through a client of its own, so the meter counts the app's calls only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '#functions/api/app.ts';
import { createDependencies } from '#functions/api/dependencies.ts';
import { type ImportDemoMembersOptions, importDemoMembers } from '#functions/local/demo/demo-members.ts';
import { recountDemoProvince } from '#functions/local/demo/recount-demo.ts';
import { DEMO_PROVINCE_ID, seedDemoProvince } from '#functions/local/demo/seed-demo-province.ts';
import { startDynamoDbLocal } from '#functions/local/dynamodb-local.ts';
import { type StreamPoller, startStreamPoller } from '#functions/local/stream-poller.ts';
import { createStreamHandler } from '#functions/stream/handler.ts';
import { readEnv } from '#shared/config/env.ts';
import { ORGANIZATIONS, type Organization, tenantIdOf } from '#shared/domain/organizations.ts';
import { toTenantId } from '#shared/domain/tenant-id.ts';
import { readUnitCounts } from '#shared/figures/counters.ts';
import { LocalKeyWrapper } from '#shared/privacy/local-key-wrapper.ts';
import { NationalIdVault } from '#shared/privacy/national-id-vault.ts';
import { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import { FiguresRepository } from '#shared/store/repositories/figures.ts';
import { ProvinceRepository } from '#shared/store/repositories/provinces.ts';
import { Table } from '#shared/store/table.ts';
import { ensureTable } from '#shared/store/table-admin.ts';
import { meterClient } from './meter.ts';
import { en } from './print.ts';
import type { Served } from './session.ts';

export type Size = 'small' | 'large';

/**
 * How the aggregates get counted: by the import itself as it writes, the bulk load path
 * (the default); by the stream poller beside the import, as when officers admit members one by
 * one (`BENCH_AGGREGATES=stream`; on DynamoDB Local it needs hours at the province's real size);
 * or by the recount once the import is done (`BENCH_AGGREGATES=recount`). The figures are read
 * the same way after each. A bench that reads no figures (BENCH_ONLY=search) has nothing counted
 * (`none`): no stream poller reads the emulator's stream beside the import, which on DynamoDB
 * Local is most of an import's time.
 */
export type Aggregation = 'load' | 'stream' | 'recount' | 'none';
export const AGGREGATION: Exclude<Aggregation, 'none'> =
  process.env.BENCH_AGGREGATES === 'recount' || process.env.BENCH_AGGREGATES === 'stream'
    ? process.env.BENCH_AGGREGATES
    : 'load';

/**
 * Shares of the four organizations' members (ours, not the article's, which gives only the sum):
 * women and farmers gather most adults, the Youth Union the young, veterans few.
 */
export const SHARES: Record<Organization, number> = {
  farmers: 0.32,
  women: 0.35,
  veterans: 0.08,
  youth: 0.25,
};

/** Fixed, so that two runs generate the same members and can be compared. */
const TODAY = '2026-01-01';
const AT = '2026-01-01T00:00:00.000Z';
/** BatchWrite calls in flight while importing. */
export const IMPORT_CONCURRENCY = 16;
/** How long the aggregates may stand still short of the members imported before the bench gives up. */
const STALL_MS = 120_000;

export interface BenchProvince extends Served {
  /** The app's table, over the metered client. */
  readonly table: Table;
  /** That client, for the raw calls the app is compared with. */
  readonly client: ReturnType<typeof createDocumentClient>;
  /** The province's unit (its official code): the top of every organization's tree. */
  readonly provinceUnitId: string;
  /** The vault the app seals national ids with, for use cases the bench calls directly. */
  readonly nationalIds: NationalIdVault;
  readonly import: (
    counts: Record<Organization, number>,
    onMember?: ImportDemoMembersOptions['onMember'],
  ) => Promise<Imported>;
  readonly close: () => Promise<void>;
}

export interface Imported {
  readonly members: number;
  readonly items: number;
  /** What the import's puts would cost on AWS (write-units.ts). */
  readonly writeUnits: number;
  /** From the first write to the last. */
  readonly importMs: number;
  /** Members the province's aggregates counted when the last one was written. */
  readonly aggregatedAtLastWrite: number;
  /** From the last write until the aggregates counted every member (or gave up). */
  readonly settleMs: number;
  readonly aggregated: number;
}

export async function openProvince(
  size: Size,
  aggregation: Aggregation = AGGREGATION,
): Promise<BenchProvince> {
  const database = await startDynamoDbLocal();
  const dataDir = await mkdtemp(join(tmpdir(), 'doanthe-bench-'));
  let poller: StreamPoller | undefined;
  const close = async () => {
    await poller?.stop();
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const { endpoint } = database;
    const env = readEnv({ DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: `bench-${size}`, DATA_DIR: dataDir });
    const client = createDocumentClient({ endpoint, region: env.AWS_REGION });
    // Creates the table with its stream, as `npm start` does.
    await ensureTable(client, env.TABLE_NAME);
    const meter = meterClient(client);
    const table = new Table(client, env.TABLE_NAME);
    const nationalIds = new NationalIdVault(
      table,
      new LocalKeyWrapper(join(dataDir, 'keys', 'master-key.json')),
    );
    const deps = {
      ...(await createDependencies(env, {
        clientAddress: () => '127.0.0.1',
        docsAssetsDir: join(process.cwd(), 'node_modules', 'swagger-ui-dist'),
      })),
      // The same table and vault the app builds, over the metered client.
      table,
      nationalIds,
    };
    await seedDemoProvince(table);
    const province = await new ProvinceRepository(table).get(DEMO_PROVINCE_ID);
    if (!province) throw new Error('The demo province was not seeded');
    const streamTable = new Table(createDocumentClient({ endpoint, region: env.AWS_REGION }), env.TABLE_NAME);
    if (aggregation === 'load' || aggregation === 'stream')
      poller = await startStreamPoller({
        endpoint,
        region: env.AWS_REGION,
        table: streamTable,
        handle: createStreamHandler(streamTable),
        log: { info: () => {}, warn: say('warning'), error: say('error') },
      });
    const stopPoller = async () => {
      await poller?.stop();
      poller = undefined;
    };
    const aggregated = () => membersAggregated(streamTable, province.code);
    return {
      app: createApp(deps),
      meter,
      table,
      client,
      provinceUnitId: province.code,
      nationalIds,
      import: async (counts, onMember) => {
        meter.take();
        const imported = await importMembers(
          table,
          nationalIds,
          counts,
          aggregation,
          aggregated,
          onMember,
          () => recountDemoProvince(streamTable, { records: false }),
        );
        const { writeUnits } = meter.take();
        // The figures are read from settled aggregates, without the poller's work beside them.
        await stopPoller();
        meter.take();
        return { ...imported, writeUnits };
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function importMembers(
  table: Table,
  vault: NationalIdVault,
  counts: Record<Organization, number>,
  aggregation: Aggregation,
  aggregated: () => Promise<number>,
  onMember: ImportDemoMembersOptions['onMember'],
  recountAll: () => Promise<void>,
): Promise<Omit<Imported, 'writeUnits'>> {
  const started = performance.now();
  let lastSaid = started;
  const result = await importDemoMembers({
    table,
    vault,
    counts,
    today: TODAY,
    at: AT,
    concurrency: IMPORT_CONCURRENCY,
    chunkSize: 2_000,
    countedBy: aggregation === 'load' ? 'load' : 'stream',
    onProgress: ({ done, total, items }) => {
      if (done === 0 || performance.now() - lastSaid < 15_000) return;
      lastSaid = performance.now();
      const seconds = (performance.now() - started) / 1000;
      const left = ((total - done) / (done / seconds) / 60).toFixed(0);
      const pace = `  ${en.format(done)}/${en.format(total)} members, ${en.format(Math.round(items / seconds))} items/s`;
      if (aggregation === 'none') console.log(`${pace}, ~${left} min left`);
      else
        void aggregated().then((counted) =>
          console.log(`${pace}, aggregates count ${en.format(counted)}, ~${left} min left`),
        );
    },
    onMember,
  });
  const lastWrite = performance.now();
  const seconds = result.ms / 1000;
  if (aggregation === 'none') {
    console.log(
      `  imported ${en.format(result.written)} members, ${en.format(result.items)} items in ${seconds.toFixed(1)} s, nothing counted`,
    );
    return {
      members: result.written,
      items: result.items,
      importMs: result.ms,
      aggregatedAtLastWrite: 0,
      settleMs: 0,
      aggregated: 0,
    };
  }
  const atLastWrite = await aggregated();
  console.log(
    `  imported ${en.format(result.written)} members, ${en.format(result.items)} items in ${seconds.toFixed(1)} s ` +
      `(${en.format(Math.round(result.items / seconds))} items/s, ${(result.items / result.written).toFixed(2)} items a member); ` +
      `the aggregates counted ${en.format(atLastWrite)} of them at the last write`,
  );
  if (aggregation === 'recount') await recountAll();
  const settled = await settle(aggregated, atLastWrite, result.written);
  const settleMs = performance.now() - lastWrite;
  console.log(
    settled === result.written
      ? `  aggregates ${aggregation === 'recount' ? 'recounted' : 'settled'} ${(settleMs / 1000).toFixed(1)} s after the last write`
      : `  aggregates stopped at ${en.format(settled)} of ${en.format(result.written)} members, ${(settleMs / 1000).toFixed(0)} s after the last write`,
  );
  return {
    members: result.written,
    items: result.items,
    importMs: result.ms,
    aggregatedAtLastWrite: atLastWrite,
    settleMs,
    aggregated: settled,
  };
}

/** Polls the count until it reaches `expected`, or stands still for STALL_MS; returns the last count. */
async function settle(count: () => Promise<number>, first: number, expected: number): Promise<number> {
  let counted = first;
  let movedAt = performance.now();
  while (counted !== expected && performance.now() - movedAt < STALL_MS) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await count();
    if (now !== counted) movedAt = performance.now();
    counted = now;
  }
  return counted;
}

/** Members of every status the four organizations' province aggregates count: 4 small reads. */
export async function membersAggregated(table: Table, provinceUnitId: string): Promise<number> {
  const counted = await Promise.all(
    ORGANIZATIONS.map(async (organization) => {
      const figures = new FiguresRepository(
        table.forTenant(toTenantId(tenantIdOf(DEMO_PROVINCE_ID, organization))),
      );
      const item = (await figures.aggregates([provinceUnitId], null)).get(provinceUnitId);
      return Object.values(readUnitCounts(item).members).reduce((sum, n) => sum + n, 0);
    }),
  );
  return counted.reduce((sum, n) => sum + n, 0);
}

/** The poller's warnings and errors: the benchmark's logger is silent, these must not be. */
function say(level: string) {
  return (message: unknown, ...extra: unknown[]) =>
    console.error(`  stream poller ${level}: ${String(message)}`, ...extra.map((e) => JSON.stringify(e)));
}

/** Members per organization, by SHARES, adding up to `total` (largest remainders). */
export function split(total: number): Record<Organization, number> {
  const exact = ORGANIZATIONS.map((o) => ({ o, value: total * SHARES[o] }));
  const counts = Object.fromEntries(exact.map(({ o, value }) => [o, Math.floor(value)])) as Record<
    Organization,
    number
  >;
  let left = total - Object.values(counts).reduce((a, b) => a + b, 0);
  for (const { o } of [...exact].sort((a, b) => (b.value % 1) - (a.value % 1))) {
    if (left-- <= 0) break;
    counts[o] += 1;
  }
  return counts;
}
