/**
 * Where provinces and their tenants are stored: `platform#PROVINCE#<id>` / `PROVINCE` for the
 * platform's record of a province, `<tenant>#TENANT` in each tenant's own partition, and the
 * registry `platform#PROVINCES` / `<id>`, one small item per province, so jobs that visit every
 * province (the month-end snapshots) list them with a Query rather than a Scan. Onboarding writes
 * them, with the first accounts, in one transaction, after the province's map (see units.ts).
 */
import type { Province } from '../../domain/provinces.ts';
import { PLATFORM_TENANT, toTenantId } from '../../domain/tenant-id.ts';
import type { Unit } from '../../domain/units.ts';
import { ConditionFailedError } from '../store-errors.ts';
import type { Table } from '../table.ts';
import { type Account, AccountRepository } from './accounts.ts';
import { UnitRepository } from './units.ts';

const provinceKey = (id: string) => ({ pk: `PROVINCE#${id}`, sk: 'PROVINCE' });
const REGISTRY = 'PROVINCES';

export type ProvinceSummary = Pick<Province, 'id' | 'code' | 'name'>;

export type OnboardingConflict = { kind: 'province' } | { kind: 'username'; username: string };

export class ProvinceRepository {
  constructor(private readonly table: Table) {}

  async get(id: string): Promise<Province | undefined> {
    return this.table.forTenant(PLATFORM_TENANT).get<Province>(provinceKey(id));
  }

  /** Every province on the platform, in id order: a few dozen items, read a page at a time. */
  async list(): Promise<ProvinceSummary[]> {
    const provinces: ProvinceSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.table
        .forTenant(PLATFORM_TENANT)
        .query<ProvinceSummary>({ pk: REGISTRY, limit: 100, cursor });
      provinces.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return provinces;
  }

  /**
   * Units first: they are idempotent puts with fixed ids, so a crash before the transaction
   * leaves nothing that a retry would trip over. The transaction is the commit point.
   * Returns the conflict instead of writing when the province or a username exists: both are
   * looked up before the units are written, so a refused onboarding leaves no map behind (only
   * a race between two onboardings can, and the winner's map is the same units).
   */
  async onboard(province: Province, accounts: Account[], units: Unit[]): Promise<OnboardingConflict | null> {
    if (await this.get(province.id)) return { kind: 'province' };
    const accountRepository = new AccountRepository(this.table);
    const seen = new Set<string>();
    for (const account of accounts) {
      if (seen.has(account.username) || (await accountRepository.findByUsername(account.username)))
        return { kind: 'username', username: account.username };
      seen.add(account.username);
    }
    await new UnitRepository(this.table.forProvinceMap(province.id)).putMany(units);
    const platform = this.table.forTenant(PLATFORM_TENANT);
    const provinceOperations = [
      platform.putOperation(
        { key: provinceKey(province.id), entity: 'province', data: province },
        { exists: false },
      ),
      // No condition of its own: the province item's condition already makes it the first write.
      platform.putOperation({
        key: { pk: REGISTRY, sk: province.id },
        entity: 'province_listing',
        data: { id: province.id, code: province.code, name: province.name },
      }),
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
    ];
    try {
      await this.table.transact([
        ...provinceOperations,
        ...accounts.flatMap((account) => accountRepository.createOperations(account)),
      ]);
      return null;
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      const firstAccountOperation = provinceOperations.length;
      const failedAccount = error.failedOperations
        .filter((index) => index >= firstAccountOperation)
        .map((index) => accounts[Math.floor((index - firstAccountOperation) / 2)])[0];
      return failedAccount ? { kind: 'username', username: failedAccount.username } : { kind: 'province' };
    }
  }
}
