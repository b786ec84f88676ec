/**
 * `npm run demo -- --article [--scale N]`: builds the generated Đồng Tháp whose figures are the
 * article's table (functions/local/demo/article/), in its own data folder (.data/article, or
 * DATA_DIR), then prints the table as the Front's overview reads it. `--scale N` divides every
 * count of people by N (the test builds 1/100). Browse it afterwards with
 * `DATA_DIR=.data/article DEMO_MEMBERS_PER_ORGANIZATION=0 npm start`: the start adds no demo members
 * or month-ends of its own to the article's.
 *
 * The figures are recounted from what was written (the local stream would need hours at full
 * size); the table's stream is then marked read, so that `npm start`'s poller does not count the
 * same members a second time.
 *
 * `--in-memory` builds in DynamoDB Local's memory and keeps nothing: only the table is printed.
 * On disk DynamoDB Local writes about ten times slower, so the full size takes hours there and
 * well under one in memory (docs/decisions/0007-review-year.md gives the times).
 */
import { join } from 'node:path';
import { createApp } from '#functions/api/app.ts';
import { createDependencies } from '#functions/api/dependencies.ts';
import { type ArticleBuild, buildArticle } from '#functions/local/demo/article/build-article.ts';
import { DEMO_PASSWORD } from '#functions/local/demo/seed-demo-province.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '#functions/local/dynamodb-local.ts';
import { startStreamPoller } from '#functions/local/stream-poller.ts';
import { readEnv } from '#shared/config/env.ts';
import { vietnamToday } from '#shared/domain/dates.ts';
import { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import type { Table } from '#shared/store/table.ts';
import { ensureTable } from '#shared/store/table-admin.ts';

const USAGE =
  'Usage: npm run demo -- --article [--scale N] [--in-memory]   (N: a whole number from 1, the default)\n';

function parseArgs(args: readonly string[]): { scale: number; inMemory: boolean } | undefined {
  if (!args.includes('--article')) return undefined;
  const inMemory = args.includes('--in-memory');
  const rest = args.filter((arg) => arg !== '--article' && arg !== '--in-memory');
  if (rest.length === 0) return { scale: 1, inMemory };
  if (rest.length !== 2 || rest[0] !== '--scale' || !/^[1-9]\d{0,5}$/.test(rest[1] ?? '')) return undefined;
  return { scale: Number(rest[1]), inMemory };
}

const vi = new Intl.NumberFormat('vi-VN');
const say = (line: string) => process.stdout.write(`${line}\n`);

const parsed = parseArgs(process.argv.slice(2));
if (!parsed) {
  process.stderr.write(USAGE);
  process.exit(2);
}

let database: DynamoDbLocal | undefined;
try {
  const env = readEnv({ DATA_DIR: join('.data', 'article'), ...process.env });
  if (!env.DYNAMODB_ENDPOINT) {
    database = await startDynamoDbLocal(parsed.inMemory ? {} : { dataPath: join(env.DATA_DIR, 'dynamodb') });
    env.DYNAMODB_ENDPOINT = database.endpoint;
  }
  await ensureTable(
    createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION }),
    env.TABLE_NAME,
  );
  const deps = await createDependencies(env, {
    clientAddress: () => '127.0.0.1',
    docsAssetsDir: join(process.cwd(), 'node_modules', 'swagger-ui-dist'),
  });
  const now = new Date();
  const where = parsed.inMemory ? 'trong bộ nhớ / in memory' : env.DATA_DIR;
  say(`Dựng bài báo, tỷ lệ 1/${parsed.scale} / Building the article at 1/${parsed.scale}: ${where}`);
  let lastSaid = 0;
  const build = await buildArticle({
    table: deps.table,
    vault: deps.nationalIds,
    scale: parsed.scale,
    today: vietnamToday(now),
    now,
    say,
    onProgress: ({ done, total }) => {
      if (performance.now() - lastSaid < 15_000) return;
      lastSaid = performance.now();
      say(`  members ${vi.format(done)}/${vi.format(total)}`);
    },
  });
  if (!parsed.inMemory) await markStreamRead(env.DYNAMODB_ENDPOINT, env.AWS_REGION, deps.table);
  await printTable(createApp(deps), build);
  const seconds = Math.round(build.ms.total / 1000);
  say(
    parsed.inMemory
      ? `Xong sau ${seconds} giây; trong bộ nhớ, không giữ lại gì.\nDone in ${seconds} s; in memory, nothing kept.`
      : `Xong sau ${seconds} giây. Xem: DATA_DIR=${env.DATA_DIR} DEMO_MEMBERS_PER_ORGANIZATION=0 npm start, đăng nhập front.viewer / ${DEMO_PASSWORD}\n` +
          `Done in ${seconds} s. Browse it: DATA_DIR=${env.DATA_DIR} DEMO_MEMBERS_PER_ORGANIZATION=0 npm start, sign in as front.viewer / ${DEMO_PASSWORD}`,
  );
} catch (error) {
  process.stderr.write(`Demo build failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
} finally {
  await database?.stop();
}

/** Reads the stream to its end counting nothing: the recount counted all the table holds. */
async function markStreamRead(endpoint: string, region: string, table: Table): Promise<void> {
  const poller = await startStreamPoller({
    endpoint,
    region,
    table,
    handle: async () => ({ batchItemFailures: [] }),
    log: { info: () => {}, warn: say, error: say },
  });
  await poller.idle();
  await poller.stop();
}

interface Figures {
  members: { total: number | null };
  targetPopulation: number | null;
  coverage: number | null;
  notYetGathered: number | null;
  party: { introduced: number | null; admitted: number | null };
  branchRatings: {
    byLevel: Record<string, { count: number | null; percent: number | null }>;
    standards: { kind: string; met: number | null; rated: number | null }[];
  };
}

/** The table as the Front's viewer reads it over the API: the overview of today and the comparison. */
async function printTable(app: ReturnType<typeof createApp>, build: ArticleBuild): Promise<void> {
  const signIn = await app.request('/api/v1/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'front.viewer', password: DEMO_PASSWORD }),
  });
  const { access_token: token } = (await signIn.json()) as { access_token: string };
  const get = async <T>(path: string) =>
    (await (await app.request(path, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
  const { today, yearEnd } = build.days;
  const overview = await get<{ total: Figures }>(`/api/v1/front/overview?unitId=82&asOf=${today}`);
  const compare = await get<{ summary: { vi: string; en: string } }>(
    `/api/v1/front/compare?unitId=82&from=${yearEnd}&to=${today}`,
  );
  const t = overview.total;
  const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(2)} %`);
  const gathered =
    t.targetPopulation && t.notYetGathered !== null ? t.notYetGathered / t.targetPopulation : null;
  const level = (name: string) => {
    const l = t.branchRatings.byLevel[name];
    return `${vi.format(l?.count ?? 0)} (${l?.percent?.toFixed(2) ?? '–'} %)`;
  };
  const youth = t.branchRatings.standards.find((s) => s.kind === 'residential');
  say(`\nMặt trận tổng hợp, tỉnh Đồng Tháp, ngày ${today} / The Front's overview:`);
  say(`  Hội viên, đoàn viên / members          ${vi.format(t.members.total ?? 0)}`);
  say(`  Tỷ lệ tập hợp / coverage               ${percent(t.coverage)}`);
  say(`  Chưa tập hợp / not yet gathered        ${vi.format(t.notYetGathered ?? 0)} (${percent(gathered)})`);
  say(
    `  Chi hội, chi đoàn mạnh / khá / trung bình / yếu kém: ${['strong', 'good', 'average', 'weak'].map(level).join(' / ')}`,
  );
  say(
    `  Đạt chuẩn / meeting the standard       ${vi.format(youth?.met ?? 0)}/${vi.format(youth?.rated ?? 0)}`,
  );
  say(`  Giới thiệu cho Đảng / introduced       ${vi.format(t.party.introduced ?? 0)}`);
  say(`  Kết nạp Đảng / admitted                ${vi.format(t.party.admitted ?? 0)}`);
  say(`  So với ${yearEnd}: ${compare.summary.vi}`);
}
