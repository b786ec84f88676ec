/**
 * Where sign-in accounts are stored. The profile lives in the tenant's partition
 * (`<tenant>#USER#<id>`), listed through GSI1 `<tenant>#USERS` / `<id>`; the sign-in name is
 * platform-wide (`platform#LOGIN#<username>`) because a user signs in before we know their tenant.
 * Both are written in one transaction. Profiles written before the GSI1 entry existed are not
 * listed until it is written on them: scripts/backfill-account-index-scan.ts finds them (by Scan,
 * the only way to find an item an index lacks) and writes it with `addProfileIndexes`.
 */
import type { AuditRecord } from '../../domain/audit.ts';
import type { Permission, Role, Scope } from '../../domain/roles.ts';
import { PLATFORM_TENANT, type TenantId, toTenantId } from '../../domain/tenant-id.ts';
import { ConditionFailedError } from '../store-errors.ts';
import { keyString, type Page, storedItemOf, type Table, type TransactOperation } from '../table.ts';
import type { IndexName } from '../table-definition.ts';
import { Transaction } from '../transaction.ts';
import { AuditRepository } from './audit.ts';

export interface Account {
  readonly userId: string;
  readonly username: string;
  readonly tenantId: TenantId;
  readonly role: Role;
  readonly scope: Scope;
  /** Rights granted beside the role; absent on accounts that never had any. */
  readonly permissions?: readonly Permission[];
  readonly displayName: string;
  readonly passwordHash: string;
  readonly createdAt: string;
}

const loginKey = (username: string) => ({ pk: `LOGIN#${username}`, sk: 'LOGIN' });
const profileKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'USER' });
/** What lists a profile among its tenant's accounts (`ofTenant`). */
const profileIndexes = (userId: string) => ({ GSI1: { pk: 'USERS', sk: userId } });

/** An account profile stored without the index entries it should have. */
export interface UnindexedProfile {
  readonly tenantId: TenantId;
  readonly userId: string;
  readonly username: string;
}

/**
 * For a raw stored item (as a maintenance Scan reads it): the account whose profile it is, if it
 * lacks any of the index entries a profile has; undefined for any other item.
 */
export function unindexedProfile(raw: Record<string, unknown>): UnindexedProfile | undefined {
  const item = storedItemOf(raw);
  if (item?.entity !== 'user') return undefined;
  const { userId, username } = item.data;
  if (typeof userId !== 'string' || typeof username !== 'string') return undefined;
  const key = profileKey(userId);
  if (item.key.pk !== key.pk || item.key.sk !== key.sk) return undefined;
  const lacking = Object.entries(profileIndexes(userId)).some(([name, entry]) => {
    const stored = item.indexes[name as IndexName];
    return !stored || keyString(stored) !== keyString(entry);
  });
  return lacking ? { tenantId: toTenantId(item.tenant), userId, username } : undefined;
}

export class AccountRepository {
  constructor(private readonly table: Table) {}

  async findByUsername(username: string): Promise<Account | undefined> {
    return this.table.forTenant(PLATFORM_TENANT).get<Account>(loginKey(username));
  }

  /** Creates accounts all-or-nothing; a taken username fails them all. */
  async create(accounts: Account[]): Promise<void> {
    await this.table.transact(accounts.flatMap((account) => this.createOperations(account)));
  }

  /** Both items, each refused if it exists: a taken username fails the whole transaction. */
  createOperations(account: Account): TransactOperation[] {
    const { passwordHash: _, ...profile } = account;
    return [
      this.table.forTenant(account.tenantId).putOperation(
        {
          key: profileKey(account.userId),
          entity: 'user',
          indexes: profileIndexes(account.userId),
          data: profile,
        },
        {
          exists: false,
        },
      ),
      this.table
        .forTenant(PLATFORM_TENANT)
        .putOperation(
          { key: loginKey(account.username), entity: 'login', data: { ...account } },
          { exists: false },
        ),
    ];
  }

  /**
   * Replaces an account's granted permissions on both its items (sign-in reads the login item,
   * the tenant's users the profile), with the audit record in the account's tenant, all or none.
   * The next sign-in or refresh carries them in the access token.
   */
  async setPermissions(
    account: Account,
    permissions: readonly Permission[],
    audit: AuditRecord,
  ): Promise<void> {
    const tenant = this.table.forTenant(account.tenantId);
    const tx = new Transaction(tenant)
      .update(profileKey(account.userId), { set: { permissions }, condition: { exists: true } })
      .add(
        this.table.forTenant(PLATFORM_TENANT).updateOperation(loginKey(account.username), {
          set: { permissions },
          condition: { equals: { userId: account.userId } },
        }),
      );
    new AuditRepository(tenant).record(tx, audit);
    await tx.commit();
  }

  /**
   * Writes a profile's index entries (see unindexedProfile); the same entries again change
   * nothing. false when the profile is gone.
   */
  async addProfileIndexes(profile: Pick<UnindexedProfile, 'tenantId' | 'userId'>): Promise<boolean> {
    try {
      await this.table.forTenant(profile.tenantId).update(profileKey(profile.userId), {
        indexes: profileIndexes(profile.userId),
        condition: { exists: true },
      });
      return true;
    } catch (error) {
      if (error instanceof ConditionFailedError) return false;
      throw error;
    }
  }

  /** A tenant's account profiles (without password hashes), by user id. */
  async ofTenant(
    tenant: TenantId,
    limit: number,
    cursor?: string,
  ): Promise<Page<Omit<Account, 'passwordHash'>>> {
    return this.table
      .forTenant(tenant)
      .query<Omit<Account, 'passwordHash'>>({ index: 'GSI1', pk: 'USERS', limit, cursor });
  }

  /**
   * Moves an account to another scope on both its items, all or none, if its profile still has
   * scope `before`; fails with PRECONDITION_FAILED otherwise. The next sign-in or refresh carries it.
   */
  async setScope(
    account: Pick<Account, 'userId' | 'username' | 'tenantId'>,
    before: Scope,
    after: Scope,
    audit: AuditRecord,
  ): Promise<void> {
    const tenant = this.table.forTenant(account.tenantId);
    const tx = new Transaction(tenant)
      .update(profileKey(account.userId), {
        set: { scope: after },
        condition: { exists: true, equals: { scope: before } },
      })
      .add(
        this.table.forTenant(PLATFORM_TENANT).updateOperation(loginKey(account.username), {
          set: { scope: after },
          condition: { equals: { userId: account.userId } },
        }),
      );
    new AuditRepository(tenant).record(tx, audit);
    await tx.commit();
  }
}
