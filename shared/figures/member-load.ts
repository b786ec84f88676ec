/**
 * The bulk load path for members a use case makes (the Excel import, run-import.ts): their
 * national ids claimed first, one conditional put each, so no one else's is taken over; then
 * written with their search entries, marked with the load, and counted once each (bulk-load.ts),
 * so the stream passes their first records by.
 */
import type { MemberLoad } from '../domain/members/import/run-import.ts';
import { MemberRepository } from '../store/repositories/members.ts';
import type { TenantTable } from '../store/table.ts';
import type { ChangeApplier } from './apply-changes.ts';
import { countLoadedMembers } from './bulk-load.ts';

/** BatchWrite calls in flight, as the demo's loader and the bench write. */
const WRITES_IN_FLIGHT = 16;

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
