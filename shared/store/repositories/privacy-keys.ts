/**
 * The wrapped keys that protect national IDs: each tenant's data key (`<tenant>#DATA_KEY`) and
 * each province's hash key (`platform#PROVINCE_HASH_KEY#<province>`, one for the four
 * organizations and the Front of a province, so that the same person hashes alike in all of
 * them). Created once, by a conditional put: when two processes make one at the same time, the
 * second write is refused and its writer adopts the first.
 */
import { PLATFORM_TENANT, type TenantId } from '../../domain/tenant-id.ts';
import { ConditionFailedError } from '../store-errors.ts';
import type { Key, Table, TenantTable } from '../table.ts';

interface StoredKey {
  readonly wrappedKey: string;
}

/** Where one key lives: its tenant's view of the table, its item key and its kind. */
interface KeySlot {
  readonly table: TenantTable;
  readonly key: Key;
  readonly entity: string;
}

export class PrivacyKeyRepository {
  constructor(private readonly table: Table) {}

  /** The tenant's data key, wrapped; created from `wrap()` when there is none yet. */
  dataKey(tenant: TenantId, wrap: () => Promise<string>): Promise<string> {
    return this.readOrCreate(
      { table: this.table.forTenant(tenant), key: { pk: 'DATA_KEY', sk: 'DATA_KEY' }, entity: 'data-key' },
      wrap,
    );
  }

  /** The province's hash key, wrapped; created from `wrap()` when there is none yet. */
  provinceHashKey(province: string, wrap: () => Promise<string>): Promise<string> {
    return this.readOrCreate(
      {
        table: this.table.forTenant(PLATFORM_TENANT),
        key: { pk: `PROVINCE_HASH_KEY#${province}`, sk: 'PROVINCE_HASH_KEY' },
        entity: 'province-hash-key',
      },
      wrap,
    );
  }

  private async readOrCreate(slot: KeySlot, wrap: () => Promise<string>): Promise<string> {
    const existing = await slot.table.get<StoredKey>(slot.key);
    if (existing) return existing.wrappedKey;
    const wrappedKey = await wrap();
    try {
      await slot.table.put(
        { key: slot.key, entity: slot.entity, data: { wrappedKey, createdAt: new Date().toISOString() } },
        { exists: false },
      );
      return wrappedKey;
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      const winner = await slot.table.get<StoredKey>(slot.key);
      if (!winner) throw new Error(`The ${slot.entity} was refused as existing but cannot be read`);
      return winner.wrappedKey;
    }
  }
}
