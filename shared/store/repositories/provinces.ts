/**
 * Where provinces and their tenants are stored: `platform#PROVINCE#<id>` for the platform's
 * list, `<tenant>#TENANT` in each tenant's own partition. Onboarding writes them, with the first
 * accounts, in one transaction.
 */
import type { Province } from '../../domain/provinces.ts';
import { PLATFORM_TENANT, toTenantId } from '../../domain/tenant-id.ts';
import type { Unit } from '../../domain/units.ts';
import { ConditionFailedError } from '../store-errors.ts';
import type { Table } from '../table.ts';
import { type Account, AccountRepository } from './accounts.ts';
import { UnitRepository } from './units.ts';

const provinceKey = (id: string) => ({ pk: `PROVINCE#${id}`, sk: 'PROVINCE' });

export type OnboardingConflict = { kind: 'province' } | { kind: 'username'; username: string };

export class ProvinceRepository {
  constructor(private readonly table: Table) {}

  async get(id: string): Promise<Province | undefined> {
    return this.table.forTenant(PLATFORM_TENANT).get<Province>(provinceKey(id));
  }

  /**
   * Units first: they are idempotent puts with fixed ids, so a crash before the transaction
   * leaves nothing that a retry would trip over. The transaction is the commit point.
   * Returns the conflict instead of writing when the province or a username exists.
   */
  async onboard(province: Province, accounts: Account[], units: Unit[]): Promise<OnboardingConflict | null> {
    if (await this.get(province.id)) return { kind: 'province' };
    await Promise.all(
      province.tenants.map(({ tenantId }) =>
        new UnitRepository(this.table.forTenant(toTenantId(tenantId))).putMany(units),
      ),
    );
    const accountRepository = new AccountRepository(this.table);
    const operations = [
      this.table
        .forTenant(PLATFORM_TENANT)
        .putOperation(
          { key: provinceKey(province.id), entity: 'province', data: province },
          { exists: false },
        ),
      ...province.tenants.map(({ tenantId, kind }) =>
        this.table.forTenant(toTenantId(tenantId)).putOperation(
          {
            key: { pk: 'TENANT', sk: 'TENANT' },
            entity: 'tenant',
            data: { tenantId, kind, provinceId: province.id },
          },
          { exists: false },
        ),
      ),
      ...accounts.flatMap((account) => accountRepository.createOperations(account)),
    ];
    try {
      await this.table.transact(operations);
      return null;
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      const firstAccountOperation = 1 + province.tenants.length;
      const failedAccount = error.failedOperations
        .filter((index) => index >= firstAccountOperation)
        .map((index) => accounts[Math.floor((index - firstAccountOperation) / 2)])[0];
      return failedAccount ? { kind: 'username', username: failedAccount.username } : { kind: 'province' };
    }
  }
}
