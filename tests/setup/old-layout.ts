/**
 * Data as earlier versions wrote it, for the commands that bring it up to date: each
 * organization's own copy of the unit tree (before the province's map), and account profiles
 * without their `<tenant>#USERS` index entry (before accounts were listed through it).
 */
import { nameSortKey } from '../../shared/domain/name-order.ts';
import { PLATFORM_TENANT } from '../../shared/domain/tenant-id.ts';
import type { FullUnit } from '../../shared/domain/units.ts';
import type { Account } from '../../shared/store/repositories/accounts.ts';
import type { Table, TenantTable } from '../../shared/store/table.ts';

/** Units as an organization stored them before the map: its own copy of the tree. */
export async function writeOldUnits(table: TenantTable, units: FullUnit[]): Promise<void> {
  await table.putMany(
    units.map((unit) => ({
      entity: 'unit',
      key: { pk: `UNIT#${unit.id}`, sk: 'UNIT' },
      indexes: {
        GSI1: { pk: `CHILDREN#${unit.parentId ?? 'ROOT'}`, sk: `${nameSortKey(unit.name)}#${unit.id}` },
      },
      data: unit,
    })),
  );
}

/** An account as created before the profile had an index entry: the same two items, no GSI1. */
export async function writeOldAccount(table: Table, account: Account): Promise<void> {
  const { passwordHash: _, ...profile } = account;
  await table.transact([
    table.forTenant(account.tenantId).putOperation({
      key: { pk: `USER#${account.userId}`, sk: 'USER' },
      entity: 'user',
      data: profile,
    }),
    table.forTenant(PLATFORM_TENANT).putOperation({
      key: { pk: `LOGIN#${account.username}`, sk: 'LOGIN' },
      entity: 'login',
      data: { ...account },
    }),
  ]);
}
