/**
 * The bulk load path for members a use case makes (the Excel import, run-import.ts): their
 * national ids claimed first, one conditional put each, so no one else's is taken over; then
 * written with their search entries, marked with the load, and counted once each (bulk-load.ts),
 * so the stream passes their first records by.
 */
import { logger } from '../config/logger.ts';
import type { MemberLoad } from '../domain/members/import/run-import.ts';
import { MemberRepository } from '../store/repositories/members.ts';
import type { Table, TenantTable } from '../store/table.ts';
import { type ChangeApplier, createChangeApplier } from './apply-changes.ts';
import { countLoadedMembers } from './bulk-load.ts';

/** BatchWrite calls in flight, as the demo's loader and the bench write. */
const WRITES_IN_FLIGHT = 16;

/** One applier per table, made on the first load: most requests and jobs never load members. */
const appliers = new WeakMap<Table, ChangeApplier>();

/** The load path of one tenant, as the API's imports and the file-jobs worker write through it. */
export function tenantMemberLoad(table: Table, tenantTable: TenantTable): MemberLoad {
  let applier = appliers.get(table);
  if (!applier) {
    applier = createChangeApplier(table, { log: logger });
    appliers.set(table, applier);
  }
  return memberLoad(tenantTable, applier);
}

export function memberLoad(table: TenantTable, applier: ChangeApplier): MemberLoad {
  const members = new MemberRepository(table);
  return async (loadId, loaded) => {
    await members.claimNationalIds(
      loaded.map(({ member }) => member),
      WRITES_IN_FLIGHT,
    );
    await members.importMany(
      loaded.map(({ member }) => ({ member, events: [] })),
      { countedByLoad: loadId, concurrency: WRITES_IN_FLIGHT, nationalIdsClaimed: true },
    );
    await countLoadedMembers(applier, table.tenant, loadId, loaded);
  };
}
