/**
 * `npm run recount -- <tenant> [--apply]`: counts a tenant's figures again from its members and
 * branches and prints where the stored aggregates differ; `--apply` corrects them. For a Front
 * tenant (`dong-thap:front`) it recounts the distinct people among its four organizations. Runs against
 * the local data folder like `npm start` (stop it first: one emulator per data folder), or
 * against DYNAMODB_ENDPOINT when set. Exits with 1 when differences remain.
 */
import { join } from 'node:path';
import { type DynamoDbLocal, startDynamoDbLocal } from '#functions/local/dynamodb-local.ts';
import { readEnv } from '#shared/config/env.ts';
import { ORGANIZATIONS, organizationOf, tenantIdOf } from '#shared/domain/organizations.ts';
import { provinceOf, toTenantId } from '#shared/domain/tenant-id.ts';
import { recount, recountFront, recountWorkspaceOf } from '#shared/figures/recount.ts';
import { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import { AggregateRepository } from '#shared/store/repositories/aggregates.ts';
import { PersonRepository } from '#shared/store/repositories/persons.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import { Table } from '#shared/store/table.ts';

const args = process.argv.slice(2);
const apply = args.includes('--apply');
const [tenantArg, ...rest] = args.filter((arg) => arg !== '--apply');
if (!tenantArg || rest.length > 0) {
  process.stderr.write('Usage: npm run recount -- <tenant, e.g. dong-thap:farmers> [--apply]\n');
  process.exit(2);
}

let database: DynamoDbLocal | undefined;
try {
  const tenant = toTenantId(tenantArg);
  const env = readEnv();
  if (!env.DYNAMODB_ENDPOINT) {
    database = await startDynamoDbLocal({ dataPath: join(env.DATA_DIR, 'dynamodb') });
    env.DYNAMODB_ENDPOINT = database.endpoint;
  }
  const store = new Table(
    createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION }),
    env.TABLE_NAME,
  );
  const table = store.forTenant(tenant);
  const started = performance.now();
  const front = organizationOf(tenant) === null;
  const report = front
    ? await recountFront(
        {
          units: new UnitRepository(table),
          aggregates: new AggregateRepository(table),
          organizations: ORGANIZATIONS.map((organization) => {
            const id = tenantIdOf(provinceOf(tenant), organization);
            return { tenant: id, aggregates: new AggregateRepository(store.forTenant(toTenantId(id))) };
          }),
          persons: new PersonRepository(store),
        },
        { apply },
      )
    : await recount(recountWorkspaceOf(table), { apply });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [
    'persons' in report
      ? `${tenant}: ${report.members} current members of the four organizations, ${report.persons.sharedByOrganizations} people in more than one, ${report.units} units recounted in ${seconds} s; ${report.persons.recordsDiffering} person records differ${report.applied ? ' (corrected)' : ''}.`
      : `${tenant}: ${report.members} members, ${report.branches} branches, ${report.branchRatings} branch ratings, ${report.branchReviews} branch reviews, ${report.units} units recounted in ${seconds} s.`,
  ];
  if (report.differences.length === 0) lines.push('The stored figures equal the recount.');
  else {
    lines.push(`${report.differences.length} counters differ${report.applied ? ' (corrected)' : ''}:`);
    lines.push(
      `  ${'unit'.padEnd(16)} ${'counter'.padEnd(24)} ${'stored'.padStart(9)} ${'recounted'.padStart(9)}`,
    );
    for (const d of report.differences)
      lines.push(
        `  ${d.unitId.padEnd(16)} ${d.counter.padEnd(24)} ${String(d.stored).padStart(9)} ${String(d.recounted).padStart(9)}`,
      );
    if (!report.applied) lines.push('Run again with --apply to correct them.');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const differs =
    report.differences.length > 0 || ('persons' in report && (report.persons.recordsDiffering ?? 0) > 0);
  process.exitCode = differs && !report.applied ? 1 : 0;
} catch (error) {
  process.stderr.write(`Recount failed: ${(error as Error).message}\n`);
  process.exitCode = 2;
} finally {
  await database?.stop();
}
