/**
 * The record that a province's organizations' old unit trees were merged into its map:
 * `<province>:map#MAP_MIGRATION` / `MAP_MIGRATION`, holding the fingerprint of the old trees it
 * merged, so running the migration again says "already migrated" unless they changed since.
 */
import type { TenantTable } from '../table.ts';

export interface MapMigrationRecord {
  readonly fingerprint: string;
  readonly completedAt: string;
  readonly newUnits: number;
  readonly renamedHamlets: number;
  readonly movedBranches: number;
  readonly movedMembers: number;
}

const key = { pk: 'MAP_MIGRATION', sk: 'MAP_MIGRATION' };

export class MapMigrationRepository {
  /** `map`: the province's map partition (`Table.forProvinceMap`). */
  constructor(private readonly map: TenantTable) {}

  async get(): Promise<MapMigrationRecord | undefined> {
    return this.map.get<MapMigrationRecord>(key);
  }

  async record(record: MapMigrationRecord): Promise<void> {
    await this.map.put({ entity: 'map_migration', key, data: { ...record } });
  }
}
