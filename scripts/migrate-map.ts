/**
 * `npm run migrate-map -- <province> [--apply] [--deployed]`: merges the province's four
 * organizations' own unit trees into its one map (shared/migrations/map-migration.ts). Without
 * `--apply` it prints the plan and every conflict for a person to decide, and writes nothing.
 *
 * Where: the local data folder like `npm start`, DYNAMODB_ENDPOINT when set, or with `--deployed`
 * the table TABLE_NAME on AWS (scripts/script-table.ts). Stopped or failed half-way, run it again:
 * it resumes. On data older than the accounts' index, run `npm run backfill-account-index` first,
 * or officers scoped to a renamed hamlet are not found to be moved.
 *
 * The stream function moves the figures with the members and branches; the recount at the end
 * checks and repairs them, so it must come after the stream has applied the moves (a recount
 * racing the stream would count a move twice): locally the script runs the stream poller itself
 * until it is idle; on AWS it waits `--settle-seconds` (120) for the stream function.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startStreamPoller } from '#functions/local/stream-poller.ts';
import { createStreamHandler } from '#functions/stream/handler.ts';
import type { MigrationConflict } from '#shared/domain/map-migration.ts';
import { type MigrationProgress, migrateMap } from '#shared/migrations/map-migration.ts';
import { openScriptTable, type ScriptTable } from './script-table.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const settleAt = args.indexOf('--settle-seconds');
const settleSeconds = settleAt >= 0 ? Number(args[settleAt + 1]) : 120;
const positional = args.filter((arg, i) => !arg.startsWith('--') && (settleAt < 0 || i !== settleAt + 1));
const [province, ...rest] = positional;
if (!province || rest.length > 0 || !Number.isFinite(settleSeconds)) {
  process.stderr.write(
    'Usage: npm run migrate-map -- <province, e.g. dong-thap> [--apply] [--deployed] [--settle-seconds <n>]\n',
  );
  process.exit(2);
}

const out = (line: string) => process.stdout.write(`${line}\n`);

let opened: ScriptTable | undefined;
try {
  opened = await openScriptTable({ deployed: flag('--deployed') });
  const { env, table } = opened;
  const settle = opened.local
    ? async () => {
        // What the poller of `npm start` would do with the moves, done now: the recount that
        // follows then finds the figures settled, and the next start has nothing left to apply.
        const poller = await startStreamPoller({
          endpoint: env.DYNAMODB_ENDPOINT,
          region: env.AWS_REGION,
          table,
          handle: createStreamHandler(table),
        });
        await poller.idle();
        await poller.stop();
      }
    : async () => {
        out(`Waiting ${settleSeconds} s for the stream function to apply the moves before recounting…`);
        await sleep(settleSeconds * 1000);
      };

  const result = await migrateMap(table, province, {
    apply: flag('--apply'),
    onProgress: printProgress(),
    settle,
  });
  const { plan } = result;
  if (result.status === 'nothing_to_migrate') {
    out(`${province}: no organization of this province has units of its own to merge: nothing to migrate.`);
  } else if (result.status === 'already_migrated') {
    out(`${province}: already migrated (the organizations' old unit trees have not changed since).`);
  } else {
    const renamed = [...plan.renamings].flatMap(([tenant, renaming]) =>
      [...renaming].map(([from, to]) => `  ${tenant.padEnd(24)} ${from.padEnd(14)} → ${to}`),
    );
    out(
      `${province}: ${plan.newUnits.length} units to add to the map, ${renamed.length} hamlet ids to rename:`,
    );
    for (const line of renamed) out(line);
    out(`${plan.conflicts.length} conflicts for a person to decide${plan.conflicts.length ? ':' : '.'}`);
    for (const conflict of plan.conflicts) out(`  ${describe(conflict)}`);
    if (result.status === 'planned') out('Nothing written. Run again with --apply to migrate.');
    else
      out(
        `Migrated: ${result.movedBranches} branches, ${result.movedMembers} members, ${result.movedTargets} targets and ${result.movedAccounts} officer accounts moved, ${result.readdressedTransfers} pending transfers readdressed in this run; figures recounted.`,
      );
  }
  process.exitCode = 0;
} catch (error) {
  process.stderr.write(`Map migration stopped: ${(error as Error).message}\nRun it again to resume.\n`);
  process.exitCode = 2;
} finally {
  await opened?.local?.stop();
}

function printProgress(): (progress: MigrationProgress) => void {
  let moved = 0;
  return (progress) => {
    if (progress.kind === 'recounted')
      out(`  recounted ${progress.tenant}: ${progress.differences.length} counters corrected`);
    else if (progress.kind === 'unit_written') out(`  map unit ${progress.unitId} written`);
    else if (progress.kind === 'branch_moved')
      out(`  ${progress.tenant} branch ${progress.id}: ${progress.from} → ${progress.to}`);
    else if (progress.kind === 'target_kept')
      out(
        `  ${progress.tenant} target ${progress.id} already set: the one at ${progress.from} is left for a person to reconcile`,
      );
    else if (progress.kind !== 'member_moved')
      out(
        `  ${progress.tenant} ${progress.kind.replace('_', ' ')} ${progress.id}: ${progress.from} → ${progress.to}`,
      );
    else if (++moved % 500 === 0) out(`  ${moved} members moved…`);
  };
}

function describe(conflict: MigrationConflict): string {
  switch (conflict.kind) {
    case 'unit_differs':
      return `unit ${conflict.unitId} differs between organizations: ${conflict.versions.map((v) => `${v.tenant} "${v.name}"`).join(', ')} (the map keeps the first)`;
    case 'near_duplicate':
      return `commune ${conflict.communeId}: "${conflict.hamlets[0].name}" (${conflict.hamlets[0].id}) and "${conflict.hamlets[1].name}" (${conflict.hamlets[1].id}) may be one hamlet (kept apart)`;
    case 'id_reused':
      return `id ${conflict.oldId} names different places: ${conflict.places.map((p) => `${p.tenant} "${p.name}" → ${p.mapId}`).join(', ')}`;
    case 'validity_differs':
      return `hamlet ${conflict.mapId}: dates or successor differ: ${conflict.versions.map((v) => `${v.tenant} ${v.id} ${v.validFrom}..${v.validTo ?? ''}${v.successorId ? ` → ${v.successorId}` : ''}`).join(', ')} (the map keeps the widest)`;
  }
}
