/**
 * `npm run snapshot -- [yyyy-mm-dd] [--province <id> …]`: copies every aggregate item of every
 * tenant of the provinces (default: every province of the registry) to its snapshot for the day
 * (default: the last day of the previous month, as the month-end schedule does on AWS). A tenant
 * whose snapshot of the day exists keeps it (a correction is a revision, made through the API).
 *
 * With DYNAMODB_ENDPOINT set it uses that database; otherwise it starts DynamoDB Local on
 * DATA_DIR, as `npm start` does, so run it while `npm start` is stopped (both cannot hold the
 * database files at once), or point DYNAMODB_ENDPOINT at the database `npm start` runs.
 */
import { join } from 'node:path';
import { type DynamoDbLocal, startDynamoDbLocal } from '#functions/local/dynamodb-local.ts';
import { readEnv } from '#shared/config/env.ts';
import { vietnamToday } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { errorMessages } from '#shared/domain/messages.ts';
import { previousMonthEnd, snapshotProvince } from '#shared/figures/reading/snapshots.ts';
import { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import { ProvinceRepository } from '#shared/store/repositories/provinces.ts';
import { Table } from '#shared/store/table.ts';
import { ensureTable } from '#shared/store/table-admin.ts';

function parseArgs(args: string[]): { date: string | undefined; provinces: string[] } {
  const provinces: string[] = [];
  let date: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--province') provinces.push(args[++i] ?? '');
    else if (/^\d{4}-\d{2}-\d{2}$/.test(arg)) date = arg;
    else
      throw new Error(
        `Không hiểu tham số / Unknown argument: ${arg}  (npm run snapshot -- [yyyy-mm-dd] [--province <id>])`,
      );
  }
  return { date, provinces };
}

async function main(): Promise<void> {
  const { date: asked, provinces: named } = parseArgs(process.argv.slice(2));
  const env = readEnv();
  const now = new Date();
  const date = asked ?? previousMonthEnd(vietnamToday(now));
  let database: DynamoDbLocal | undefined;
  if (!env.DYNAMODB_ENDPOINT) {
    database = await startDynamoDbLocal({ dataPath: join(env.DATA_DIR, 'dynamodb') });
    env.DYNAMODB_ENDPOINT = database.endpoint;
  }
  try {
    const client = createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION });
    await ensureTable(client, env.TABLE_NAME);
    const table = new Table(client, env.TABLE_NAME);
    const provinces =
      named.length > 0 ? named : (await new ProvinceRepository(table).list()).map((province) => province.id);
    if (provinces.length === 0) console.log('Chưa có tỉnh nào / No province on the platform yet');
    for (const provinceId of provinces) {
      const started = performance.now();
      const result = await snapshotProvince(table, provinceId, date, now, { ifTaken: 'keep' });
      for (const tenant of result.tenants)
        console.log(
          `${date}  ${tenant.tenantId.padEnd(24)} ${String(tenant.units).padStart(6)} units, ${String(tenant.copied).padStart(6)} aggregates copied${tenant.status === 'existing' ? ' (đã chốt trước / taken before)' : ''}`,
        );
      console.log(`${provinceId}: ${Math.round(performance.now() - started)} ms`);
    }
  } finally {
    await database?.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof DomainError) {
    const detail = errorMessages[error.code].detail(error.params);
    console.error(`${detail.vi} / ${detail.en}`);
  } else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
