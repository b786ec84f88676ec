/**
 * Where sign-in accounts are stored. The profile lives in the tenant's partition
 * (`<tenant>#USER#<id>`), listed through GSI1 `<tenant>#USERS` / `<id>`; the sign-in name is
 * platform-wide (`platform#LOGIN#<username>`) because a user signs in before we know their tenant.
 * Both are written in one transaction. Profiles written before the GSI1 entry existed are not
 * listed until it is written on them.
 */
import type { AuditRecord } from '../../domain/audit.ts';
import type { Permission, Role, Scope } from '../../domain/roles.ts';
import { PLATFORM_TENANT, type TenantId } from '../../domain/tenant-id.ts';
import type { Page, Table, TransactOperation } from '../table.ts';
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
          key: { pk: `USER#${account.userId}`, sk: 'USER' },
          entity: 'user',
          indexes: { GSI1: { pk: 'USERS', sk: account.userId } },
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
      .update(
        { pk: `USER#${account.userId}`, sk: 'USER' },
        { set: { permissions }, condition: { exists: true } },
      )
      .add(
        this.table.forTenant(PLATFORM_TENANT).updateOperation(loginKey(account.username), {
          set: { permissions },
          condition: { equals: { userId: account.userId } },
        }),
      );
    new AuditRepository(tenant).record(tx, audit);
    await tx.commit();
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
      .update(
        { pk: `USER#${account.userId}`, sk: 'USER' },
        { set: { scope: after }, condition: { exists: true, equals: { scope: before } } },
      )
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
