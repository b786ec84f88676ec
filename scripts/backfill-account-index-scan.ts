/**
 * `npm run backfill-account-index -- [--apply] [--deployed]`: gives account profiles written before
 * the `<tenant>#USERS` index entry existed (see shared/store/repositories/accounts.ts) that entry,
 * so a Query finds them — `npm run migrate-map` among others, which moves hamlet-scoped officers.
 * Run it before migrate-map on data older than the index.
 *
 * It reads the whole table with a Scan: an item an index lacks can be found no other way. That is
 * why it is a script of its own, run once by an operator, and never code of a request path. Without
 * `--apply` it prints what lacks the entry and writes nothing. Each write sets the entry the profile
 * should have, so a run stopped anywhere is resumed by running it again, and a repeat adds nothing.
 * Where: as migrate-map (scripts/script-table.ts).
 */
// biome-ignore lint/style/noRestrictedImports: the one-off Scan the store refuses to offer request paths.
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { AccountRepository, unindexedProfile } from '#shared/store/repositories/accounts.ts';
import { openScriptTable, type ScriptTable } from './script-table.ts';

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--apply' && arg !== '--deployed');
if (unknown.length > 0) {
  process.stderr.write('Usage: npm run backfill-account-index -- [--apply] [--deployed]\n');
  process.exit(2);
}
const apply = args.includes('--apply');
const out = (line: string) => process.stdout.write(`${line}\n`);

let opened: ScriptTable | undefined;
try {
  opened = await openScriptTable({ deployed: args.includes('--deployed') });
  const { client, table, env } = opened;
  const accounts = new AccountRepository(table);
  let scanned = 0;
  let lacking = 0;
  let added = 0;
  for await (const page of paginateScan({ client, pageSize: 500 }, { TableName: env.TABLE_NAME })) {
    for (const raw of page.Items ?? []) {
      scanned++;
      const profile = unindexedProfile(raw);
      if (!profile) continue;
      lacking++;
      const name = `${profile.tenantId.padEnd(24)} ${profile.username} (${profile.userId})`;
      if (!apply) out(`  lacks its index entry: ${name}`);
      else if (await accounts.addProfileIndexes(profile)) {
        added++;
        out(`  index entry added: ${name}`);
      } else out(`  gone meanwhile: ${name}`);
    }
  }
  out(
    apply
      ? `${scanned} items scanned: ${added} account profiles given their index entry.`
      : `${scanned} items scanned: ${lacking} account profiles lack their index entry.${lacking ? ' Nothing written: run again with --apply to add it.' : ''}`,
  );
} catch (error) {
  process.stderr.write(`Backfill stopped: ${(error as Error).message}\nRun it again to resume.\n`);
  process.exitCode = 2;
} finally {
  await opened?.local?.stop();
}
