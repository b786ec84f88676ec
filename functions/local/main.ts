/**
 * `npm start`: the whole product on one machine. Starts DynamoDB Local (unless DYNAMODB_ENDPOINT
 * names another DynamoDB), creates the table, seeds the demo province on an empty database and
 * serves the same app as the Lambda function; the demo members follow in the background.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Hono } from 'hono';
import { createApp } from '#functions/api/app.ts';
import type { AppDependencies } from '#functions/api/app-env.ts';
import { createDependencies } from '#functions/api/dependencies.ts';
import { createStreamHandler } from '#functions/stream/handler.ts';
import { ConfigError, readEnv } from '#shared/config/env.ts';
import { vietnamToday } from '#shared/domain/dates.ts';
import { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import { ensureTable } from '#shared/store/table-admin.ts';
import { createWebhookSender } from '#shared/webhooks/sender.ts';
import { pendingDemoFigures } from './demo/demo-figures.ts';
import { importDemoMembers } from './demo/demo-members.ts';
import { DEMO_PASSWORD, seedDemoProvince } from './demo/seed-demo-province.ts';
import { type DynamoDbLocal, StartupError, startDynamoDbLocal } from './dynamodb-local.ts';
import { type StreamPoller, startStreamPoller } from './stream-poller.ts';
import { startWebhookSenderLoop, type WebhookSenderLoop } from './webhook-sender-loop.ts';

const started = performance.now();
let database: DynamoDbLocal | undefined;
let poller: StreamPoller | undefined;
let webhooks: WebhookSenderLoop | undefined;

async function main(): Promise<void> {
  // One machine: a webhook receiver on this machine (or the local network) is what a tryout needs.
  const env = readEnv({ WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: 'true', ...process.env });
  const demoMembers = demoMembersPerOrganization(process.env.DEMO_MEMBERS_PER_ORGANIZATION);
  // Take the port first: a port in use is the commonest start-up failure and costs nothing to
  // find out, before the database and the seed have spent their seconds.
  let appReady: (fetch: Hono['fetch']) => void = () => {};
  const app = new Promise<Hono['fetch']>((resolve) => {
    appReady = resolve;
  });
  // The adapter's bindings travel with the request: getConnInfo reads the socket from them.
  const server = await listen(env.PORT, async (request, bindings) => (await app)(request, bindings));
  const importing = new AbortController();
  const shutdown = () => {
    // Stops first, so reads cut off by the database going away are not reported as failures.
    void poller?.stop();
    void webhooks?.stop();
    importing.abort();
    server.close();
    void (database?.stop() ?? Promise.resolve()).then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  if (!env.DYNAMODB_ENDPOINT) {
    database = await startDynamoDbLocal({ dataPath: join(env.DATA_DIR, 'dynamodb') });
    env.DYNAMODB_ENDPOINT = database.endpoint;
  }
  try {
    await ensureTable(
      createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION }),
      env.TABLE_NAME,
    );
  } catch (error) {
    throw new StartupError(
      `Không đọc được cơ sở dữ liệu tại ${env.DYNAMODB_ENDPOINT} — nếu thư mục ${join(env.DATA_DIR, 'dynamodb')} bị hỏng, hãy đổi tên nó rồi chạy lại. ` +
        `/ Cannot use the database at ${env.DYNAMODB_ENDPOINT}: if the data folder ${join(env.DATA_DIR, 'dynamodb')} is corrupt, move it away (or set DATA_DIR) and start again. (${(error as Error).name})`,
    );
  }
  const deps = await createDependencies(env, {
    clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
    docsAssetsDir: dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json')),
  });
  const seeded = await seedDemoProvince(deps.table);
  appReady(createApp(deps).fetch);
  // The figures: the stream function of AWS, fed by a poller of the local table's stream.
  poller = await startStreamPoller({
    endpoint: env.DYNAMODB_ENDPOINT,
    region: env.AWS_REGION,
    table: deps.table,
    handle: createStreamHandler(deps.table),
  }).catch((error: unknown) => {
    process.stderr.write(
      `Số liệu tổng hợp sẽ không được cập nhật. / Figures will not be kept up to date: the table's stream cannot be read (${(error as Error).message}).\n`,
    );
    return undefined;
  });

  // The webhooks the outbox queues, signed and sent as the sender function does on AWS.
  webhooks = startWebhookSenderLoop(
    createWebhookSender({
      table: deps.table,
      vault: deps.nationalIds,
      allowPrivateAddresses: env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES,
    }),
  );

  const url = `http://localhost:${env.PORT}`;
  const lines = [
    '',
    `doanthe đang chạy / is running at ${url}  (${Math.round(performance.now() - started)} ms)`,
    `  Web admin / Trang quản trị: ${url}  (sign in with a demo account)`,
    `  API docs: ${url}/docs    OpenAPI: ${url}/openapi.json`,
    `  Database: ${database ? `DynamoDB Local, data in ${join(env.DATA_DIR, 'dynamodb')}` : env.DYNAMODB_ENDPOINT}`,
    `  Demo province ${seeded.created ? 'seeded' : 'already present'}. Demo accounts (password "${DEMO_PASSWORD}"):`,
    ...seeded.accounts.map(
      (a) => `    ${a.username.padEnd(16)} ${a.role.padEnd(15)} ${a.tenantId.padEnd(20)} ${a.scope}`,
    ),
    `  Demo members: ${demoMembers ? `${demoMembers} per organization (DEMO_MEMBERS_PER_ORGANIZATION)` : 'none (DEMO_MEMBERS_PER_ORGANIZATION=0)'}`,
    '  Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  if (demoMembers > 0) generateDemoMembers(deps, demoMembers, importing.signal);
}

const DEFAULT_DEMO_MEMBERS = 2000;

function demoMembersPerOrganization(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_DEMO_MEMBERS;
  if (!/^\d{1,7}$/.test(value.trim()))
    throw new ConfigError(
      `DEMO_MEMBERS_PER_ORGANIZATION phải là một số nguyên từ 0 (không tạo) trở lên, không phải "${value}". / DEMO_MEMBERS_PER_ORGANIZATION must be a whole number, 0 for none, not "${value}".`,
    );
  return Number(value);
}

/**
 * On the disk-backed emulator thousands of members take a minute or more: the API serves
 * meanwhile, and what a Ctrl-C interrupts the next start finishes. The targets and month-ends
 * made from them follow. A failure only costs the demo its members or those figures, so it is
 * told, never thrown.
 */
function generateDemoMembers(deps: AppDependencies, perOrganization: number, signal: AbortSignal): void {
  const vi = new Intl.NumberFormat('vi-VN');
  const say = (line: string) => process.stdout.write(`${line}\n`);
  let lastSaid = Number.NEGATIVE_INFINITY;
  const generate = async () => {
    const figures = await pendingDemoFigures(deps.table, vietnamToday(new Date()));
    const result = await importDemoMembers({
      table: deps.table,
      vault: deps.nationalIds,
      counts: {
        farmers: perOrganization,
        women: perOrganization,
        veterans: perOrganization,
        youth: perOrganization,
      },
      signal,
      witness: figures,
      onProgress: ({ done, total }) => {
        if (done === total || performance.now() - lastSaid < 10_000) return;
        lastSaid = performance.now();
        say(`Đang tạo hội viên mẫu… / Generating demo members: ${vi.format(done)}/${vi.format(total)}`);
      },
    });
    if (result.stopped) return;
    if (result.written === 0)
      say(`Hội viên mẫu đã có sẵn / Demo members already present: ${vi.format(result.total)}`);
    else {
      const seconds = Math.round(result.ms / 1000);
      say(
        `Đã tạo xong ${vi.format(result.total)} hội viên mẫu (${seconds} giây). / Demo members ready: ${vi.format(result.total)} (${seconds} s).`,
      );
    }
    if (!figures) return;
    const recording = performance.now();
    await figures.record(deps.table, new Date());
    const seconds = Math.round((performance.now() - recording) / 1000);
    const days = figures.monthEnds.map((day) => day.split('-').reverse().join('/')).join(', ');
    say(
      `Đã ghi số đối tượng cần tập hợp và số liệu cuối tháng ${days} (${seconds} giây). / Demo targets and month-ends ready: ${figures.monthEnds.join(', ')} (${seconds} s).`,
    );
  };
  generate().catch((error: unknown) => {
    if (signal.aborted) return;
    process.stderr.write(
      `Chưa tạo xong dữ liệu mẫu, lần khởi động sau sẽ làm tiếp. / Demo members or figures not finished; the next start will finish them. (${(error as Error).message})\n`,
    );
  });
}

function listen(
  port: number,
  fetch: (request: Request, bindings: unknown) => Promise<Response>,
): Promise<ServerType> {
  return new Promise((done, reject) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' });
    server.once('listening', () => done(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new StartupError(
              `Cổng ${port} đang được dùng: tắt chương trình kia hoặc đặt PORT khác (PORT=3001 npm start). / Port ${port} is in use: stop the other program or set another PORT (PORT=3001 npm start).`,
            )
          : error,
      );
    });
  });
}

async function fail(error: unknown): Promise<never> {
  process.stderr.write(
    `\n${error instanceof StartupError || error instanceof ConfigError ? error.message : `Lỗi khởi động / Start-up failed: ${(error as Error).stack ?? String(error)}`}\n`,
  );
  await database?.stop();
  process.exit(1);
}

main().catch(fail);
