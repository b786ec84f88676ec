/**
 * `npm run bench`: what member lists and searches cost to read, in a province of 5,000 members
 * and in one the size of Đồng Tháp's four organizations at the end of 2020 (531,467), side by side.
 *
 * Each province is the demo province, seeded and given members by the same code as `npm start`,
 * in an in-memory DynamoDB Local of its own: the emulator writes to a second streamed table some
 * fifty times slower once the first one's stream holds records (it looks the stream up among all
 * of them on every write), so the provinces are measured one after the other, each alone.
 *
 * Requests go through the real app as signed-in users; a middleware on the benchmark's DynamoDB
 * client counts each request's calls, consumed read capacity (RCU) and items read. The small
 * province's members are the first ones of the large one (the generator is a seeded stream), so
 * the same person is searched in both.
 *
 *   npm run bench                        BENCH_LARGE=20000 npm run bench   (a quick trial)
 *
 * Results are also written to .data/bench/members-search.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createApp } from '#functions/api/app.ts';
import { createDependencies } from '#functions/api/dependencies.ts';
import { importDemoMembers } from '#functions/local/demo/demo-members.ts';
import { DEMO_COMMUNE, DEMO_PASSWORD, seedDemoProvince } from '#functions/local/demo/seed-demo-province.ts';
import { startDynamoDbLocal } from '#functions/local/dynamodb-local.ts';
import { readEnv } from '#shared/config/env.ts';
import { planSearch } from '#shared/domain/members/search.ts';
import { ORGANIZATIONS, type Organization, tenantIdOf } from '#shared/domain/organizations.ts';
import { toTenantId } from '#shared/domain/tenant-id.ts';
import { estimatedWordShare } from '#shared/domain/vietnamese-names.ts';
import { foldVietnamese } from '#shared/domain/vietnamese-text.ts';
import { LocalKeyWrapper } from '#shared/privacy/local-key-wrapper.ts';
import { NationalIdVault } from '#shared/privacy/national-id-vault.ts';
import { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import { BranchRepository } from '#shared/store/repositories/branches.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import { Table } from '#shared/store/table.ts';
import { ensureTable } from '#shared/store/table-admin.ts';
import { type Meter, meterClient, type Reading } from './meter.ts';

/**
 * Shares of the four organizations' members (ours, not the article's, which gives only the sum):
 * women and farmers gather most adults, the Youth Union the young, veterans few.
 */
const SHARES: Record<Organization, number> = { farmers: 0.32, women: 0.35, veterans: 0.08, youth: 0.25 };
const SIZES = {
  small: positiveInteger('BENCH_SMALL', 5_000),
  large: positiveInteger('BENCH_LARGE', 531_467),
};
type Size = keyof typeof SIZES;
/** Fixed, so that two runs generate the same members and can be compared. */
const TODAY = '2026-01-01';
const AT = '2026-01-01T00:00:00.000Z';
const PAGE = 50;
const NAME_SEARCHES = ['nguyen van an', 'an', 'thu', 'nguy', 'tran thi'];
/** Searches whose second page is read too. */
const SECOND_PAGES = new Set(['an', 'nguy']);
const OUTPUT = join('.data', 'bench', 'members-search.json');

const vi = new Intl.NumberFormat('vi-VN');
const en = new Intl.NumberFormat('en-US');

interface Sample {
  /** A current member's national id: found in both provinces. */
  nationalId?: string;
  /** The name, typed family-first without diacritics, whose rarest word is the rarest seen. */
  rareName?: { q: string; share: number };
}

interface Province {
  readonly size: Size;
  readonly members: number;
  readonly counts: Record<Organization, number>;
  readonly app: ReturnType<typeof createApp>;
  readonly meter: Meter;
  readonly hamletId: string;
  readonly branchIds: Record<Organization, string>;
  readonly importMs: number;
  readonly items: number;
}

interface Probe {
  readonly organization: Organization;
  readonly label: string;
  readonly as: 'admin' | 'officer';
  readonly query: Record<string, string>;
  /** Read the page after this probe's first one. */
  readonly secondPage: boolean;
}

interface Measured extends Reading {
  readonly items: number;
  readonly ms: number;
}

type Row = { organization: Organization; label: string; page: 1 | 2 } & Record<Size, Measured | null>;

async function main(): Promise<void> {
  console.log(
    `Benchmark: member lists and searches, ${en.format(SIZES.small)} vs ${en.format(SIZES.large)} members ` +
      `(farmers ${pct(SHARES.farmers)}, women ${pct(SHARES.women)}, veterans ${pct(SHARES.veterans)}, youth ${pct(SHARES.youth)}), page size ${PAGE}`,
  );
  const samples = Object.fromEntries(ORGANIZATIONS.map((o) => [o, {}])) as Record<Organization, Sample>;
  // The small province picks the people searched for: its members are the large one's first ones.
  const small = await measureProvince('small', samples, true);
  const large = await measureProvince('large', samples, false);
  const rows: Row[] = small.results.flatMap(({ probe, first, second }, i) => {
    const other = large.results[i];
    if (other?.probe.label !== probe.label) throw new Error('The two provinces ran different probes');
    const row = { organization: probe.organization, label: probe.label };
    return [
      { ...row, page: 1 as const, small: first, large: other.first },
      ...(probe.secondPage
        ? [{ ...row, label: `${probe.label}, page 2`, page: 2 as const, small: second, large: other.second }]
        : []),
    ];
  });
  report(rows, small, large, samples);
  await mkdir(dirname(OUTPUT), { recursive: true });
  await writeFile(
    OUTPUT,
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        emulator: 'DynamoDB Local, in memory, one per province',
        pageSize: PAGE,
        shares: SHARES,
        sizes: Object.fromEntries(
          [small, large].map((p) => [
            p.size,
            {
              members: p.members,
              counts: p.counts,
              importSeconds: Math.round(p.importMs / 1000),
              items: p.items,
              itemsPerSecond: Math.round(p.items / (p.importMs / 1000)),
            },
          ]),
        ),
        samples,
        rows,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nResults written to ${OUTPUT}`);
}

interface ProvinceResults {
  readonly size: Size;
  readonly members: number;
  readonly counts: Record<Organization, number>;
  readonly importMs: number;
  readonly items: number;
  readonly results: { probe: Probe; first: Measured; second: Measured | null }[];
}

async function measureProvince(
  size: Size,
  samples: Record<Organization, Sample>,
  pickSamples: boolean,
): Promise<ProvinceResults> {
  const database = await startDynamoDbLocal();
  const dataDir = await mkdtemp(join(tmpdir(), 'doanthe-bench-'));
  try {
    const p = await province(size, database.endpoint, dataDir, pickSamples ? samples : undefined);
    const results = [];
    for (const probe of ORGANIZATIONS.flatMap((organization) => probes(organization, samples[organization])))
      results.push({ probe, ...(await measure(p, probe)) });
    return { size, members: p.members, counts: p.counts, importMs: p.importMs, items: p.items, results };
  } finally {
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A table holding the demo province with `SIZES[size]` members, and the app over it. */
async function province(
  size: Size,
  endpoint: string,
  dataDir: string,
  samples: Record<Organization, Sample> | undefined,
): Promise<Province> {
  const members = SIZES[size];
  const env = readEnv({ DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: `bench-${size}`, DATA_DIR: dataDir });
  const client = createDocumentClient({ endpoint, region: env.AWS_REGION });
  await ensureTable(client, env.TABLE_NAME);
  const meter = meterClient(client);
  const table = new Table(client, env.TABLE_NAME);
  const deps = {
    ...(await createDependencies(env, {
      clientAddress: () => '127.0.0.1',
      docsAssetsDir: join(process.cwd(), 'node_modules', 'swagger-ui-dist'),
    })),
    // The same table and vault the app builds, over the metered client.
    table,
    nationalIds: new NationalIdVault(table, new LocalKeyWrapper(join(dataDir, 'keys', 'master-key.json'))),
  };
  await seedDemoProvince(table);
  const counts = split(members);
  console.log(
    `\n${size}: ${en.format(members)} members (${ORGANIZATIONS.map((o) => `${o} ${en.format(counts[o])}`).join(', ')})`,
  );
  const started = performance.now();
  let lastSaid = started;
  const result = await importDemoMembers({
    table,
    vault: deps.nationalIds,
    counts,
    today: TODAY,
    at: AT,
    concurrency: 16,
    chunkSize: 2_000,
    onProgress: ({ done, total, items }) => {
      if (done === 0 || performance.now() - lastSaid < 15_000) return;
      lastSaid = performance.now();
      const seconds = (performance.now() - started) / 1000;
      const left = ((total - done) / (done / seconds) / 60).toFixed(0);
      console.log(
        `  ${en.format(done)}/${en.format(total)} members, ${en.format(Math.round(items / seconds))} items/s, ~${left} min left`,
      );
    },
    onMember: (organization, _n, generated, member) => {
      if (!samples) return;
      const sample = samples[organization];
      if (!sample.nationalId && member.status === 'active') sample.nationalId = generated.nationalId;
      const search = planSearch(generated.fullName);
      const share = search.kind === 'words' ? estimatedWordShare(search.drive) : 1;
      if (member.status === 'active' && share < (sample.rareName?.share ?? 1))
        sample.rareName = { q: foldVietnamese(generated.fullName).toLowerCase(), share };
    },
  });
  meter.take();
  const seconds = result.ms / 1000;
  console.log(
    `  imported ${en.format(result.written)} members, ${en.format(result.items)} items in ${seconds.toFixed(0)} s ` +
      `(${en.format(Math.round(result.items / seconds))} items/s, ${(result.items / result.written).toFixed(2)} items a member)`,
  );

  const tenants = Object.fromEntries(
    ORGANIZATIONS.map((o) => [o, table.forTenant(toTenantId(tenantIdOf('dong-thap', o)))]),
  ) as Record<Organization, ReturnType<Table['forTenant']>>;
  // Every organization's copy of the tree has the same hamlets: the seed gives them fixed ids.
  const hamlet = (await new UnitRepository(tenants.farmers).children(DEMO_COMMUNE.code, 1)).items[0];
  if (!hamlet) throw new Error(`${DEMO_COMMUNE.name} has no hamlet`);
  const branchIds = {} as Record<Organization, string>;
  for (const organization of ORGANIZATIONS) {
    const branch = (await new BranchRepository(tenants[organization]).ofUnit(hamlet.id, 'residential', 1))
      .items[0];
    if (!branch) throw new Error(`${hamlet.name} has no ${organization} branch`);
    branchIds[organization] = branch.id;
  }
  meter.take();
  return {
    size,
    members,
    counts,
    app: createApp(deps),
    meter,
    hamletId: hamlet.id,
    branchIds,
    importMs: result.ms,
    items: result.items,
  };
}

function probes(organization: Organization, sample: Sample): Probe[] {
  const probe = (
    label: string,
    as: Probe['as'],
    query: Record<string, string>,
    secondPage = false,
  ): Probe => ({
    organization,
    label,
    as,
    query,
    secondPage,
  });
  const names = [...NAME_SEARCHES, ...(sample.rareName ? [sample.rareName.q] : [])];
  const rare = (q: string) => (q === sample.rareName?.q ? `rare name "${q}"` : `"${q}"`);
  return [
    probe('list: province', 'admin', {}, true),
    probe(`list: commune (${DEMO_COMMUNE.name})`, 'admin', { unitId: DEMO_COMMUNE.code }),
    probe('list: branch', 'admin', { branchId: 'BRANCH' }),
    probe('list: hamlet', 'admin', { unitId: 'HAMLET' }),
    ...names.map((q) => probe(`search ${rare(q)}, province`, 'admin', { q }, SECOND_PAGES.has(q))),
    probe('search "09" (phone), province', 'admin', { q: '09' }),
    ...(sample.nationalId
      ? [probe('search national id (12 digits), province', 'admin', { q: sample.nationalId })]
      : []),
    ...names.map((q) =>
      probe(`search ${rare(q)}, commune officer`, 'officer', { q, unitId: DEMO_COMMUNE.code }, q === 'an'),
    ),
  ];
}

const tokens = new Map<string, string>();

async function tokenFor(p: Province, username: string): Promise<string> {
  const key = `${p.size}|${username}`;
  let token = tokens.get(key);
  if (!token) {
    const response = await p.app.request('/api/v1/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status}`);
    token = ((await response.json()) as { access_token: string }).access_token;
    tokens.set(key, token);
  }
  return token;
}

async function measure(p: Province, probe: Probe): Promise<{ first: Measured; second: Measured | null }> {
  const username = probe.as === 'admin' ? `${probe.organization}.admin` : `${probe.organization}.mytho`;
  const token = await tokenFor(p, username);
  const query = Object.fromEntries(
    Object.entries(probe.query).map(([name, value]) => [
      name,
      value === 'BRANCH' ? p.branchIds[probe.organization] : value === 'HAMLET' ? p.hamletId : value,
    ]),
  );
  const page = async (cursor?: string) => {
    const params = new URLSearchParams({ ...query, limit: String(PAGE), ...(cursor && { cursor }) });
    p.meter.take();
    const started = performance.now();
    const response = await p.app.request(`/api/v1/members?${params}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    const ms = performance.now() - started;
    const reading = p.meter.take();
    if (response.status !== 200) throw new Error(`${probe.label}: ${response.status} ${text}`);
    const body = JSON.parse(text) as { items: unknown[]; nextCursor: string | null };
    return { measured: { ...reading, items: body.items.length, ms }, next: body.nextCursor };
  };
  const first = await page();
  const second = probe.secondPage && first.next ? (await page(first.next)).measured : null;
  return { first: first.measured, second };
}

function report(
  rows: Row[],
  small: ProvinceResults,
  large: ProvinceResults,
  samples: Record<Organization, Sample>,
): void {
  const importSeconds = large.importMs / 1000;
  console.log(
    `\nImport of the large province: ${en.format(large.members)} members, ${en.format(large.items)} items in ` +
      `${(importSeconds / 60).toFixed(1)} min (${en.format(Math.round(large.items / importSeconds))} items/s, concurrency 16, in memory)`,
  );
  for (const organization of ORGANIZATIONS) {
    const sample = samples[organization];
    console.log(
      `${organization}: rare name "${sample.rareName?.q ?? '—'}" (estimated share ${((sample.rareName?.share ?? 0) * 100).toFixed(3)} %), national id of a current member ${sample.nationalId ? `${sample.nationalId.slice(0, 3)}…` : '—'}`,
    );
  }
  const header = [
    'request',
    `small (${en.format(small.members)}): calls`,
    'RCU',
    'items (read)',
    `large (${en.format(large.members)}): calls`,
    'RCU',
    'items (read)',
    'RCU large ÷ small',
  ];
  const cells = (m: Measured | null) =>
    m ? [String(m.calls), m.capacity.toFixed(1), `${m.items} (${m.itemsRead})`] : ['—', '—', '—'];
  for (const organization of ORGANIZATIONS) {
    const table = rows
      .filter((row) => row.organization === organization)
      .map((row) => [
        row.label,
        ...cells(row.small),
        ...cells(row.large),
        row.small && row.large && row.small.capacity > 0
          ? `×${(row.large.capacity / row.small.capacity).toFixed(1)}`
          : '—',
      ]);
    console.log(
      `\n${organization} (${en.format(small.counts[organization])} vs ${en.format(large.counts[organization])} members)`,
    );
    printTable([header, ...table]);
  }
  console.log('\nFor the issue note:');
  for (const p of [small, large]) {
    const perPage = (filter: (row: Row) => boolean) =>
      rows.filter(filter).flatMap((row) => (row[p.size] ? [row[p.size] as Measured] : []));
    const searches = (who: string) =>
      perPage(
        (row) =>
          row.label.startsWith('search') && row.label.includes(who) && !row.label.includes('national id'),
      );
    const lists = perPage((row) => row.label.startsWith('list'));
    const members = `${en.format(p.members)} members (${vi.format(p.members)})`;
    console.log(`  In a province of ${members}, per page of ${PAGE}:`);
    console.log(
      `    a name or phone search by an organization admin costs ${spread(searches(', province'))};`,
    );
    console.log(
      `    the same name searches by a commune officer cost ${spread(searches('commune officer'))};`,
    );
    console.log(`    a list (province, commune, branch, hamlet) costs ${spread(lists)}.`);
  }
}

/** "1–5 calls and 0.5–61.5 RCU (median 4.0 RCU, 37 items read)". */
function spread(measured: Measured[]): string {
  if (measured.length === 0) return 'nothing measured';
  const range = (values: number[], digits: number) => {
    const [low, high] = [Math.min(...values), Math.max(...values)];
    return low === high ? low.toFixed(digits) : `${low.toFixed(digits)}–${high.toFixed(digits)}`;
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const capacity = measured.map((m) => m.capacity);
  const read = measured.map((m) => m.itemsRead);
  const calls = range(
    measured.map((m) => m.calls),
    0,
  );
  return (
    `${calls} DynamoDB call${calls === '1' ? '' : 's'} and ${range(capacity, 1)} RCU ` +
    `(median ${median(capacity).toFixed(1)} RCU, ${en.format(median(read))} items read)`
  );
}

function printTable(table: string[][]): void {
  const widths = (table[0] ?? []).map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ');
  console.log(line(table[0] ?? []));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of table.slice(1)) console.log(line(row));
}

/** Members per organization, by SHARES, adding up to `total` (largest remainders). */
function split(total: number): Record<Organization, number> {
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

function positiveInteger(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 100) throw new Error(`${name} must be a whole number ≥ 100`);
  return Number(value);
}

function pct(share: number): string {
  return `${Math.round(share * 100)} %`;
}

await main();
