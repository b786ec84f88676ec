/**
 * Where API keys are kept:
 * - a tenant's keys in one partition, `<tenant>#API_KEYS` / `<keyId>` (an organization has a
 *   handful: listing them is one Query, reading one a GetItem);
 * - the lookup by secret, `platform#API_KEY_HASH#<sha256>` / `API_KEY` → tenant and key id: a
 *   request names no tenant, so its key's hash is the one thing to look up by; TTL a day after
 *   the key expires, deleted when it is revoked;
 * - per key, fixed one-minute windows `<tenant>#API_KEY_RATE#<keyId>` / `<window start>` counting
 *   requests (atomic `ADD`), TTL two windows.
 */
import type { ApiKey } from '../../domain/api-keys/api-key.ts';
import { DomainError } from '../../domain/errors.ts';
import { PLATFORM_TENANT, type TenantId } from '../../domain/tenant-id.ts';
import { ConditionFailedError } from '../store-errors.ts';
import type { Page, Table, TenantTable } from '../table.ts';
import { Transaction } from '../transaction.ts';

const keyOf = (id: string) => ({ pk: 'API_KEYS', sk: id });
const hashKey = (hash: string) => ({ pk: `API_KEY_HASH#${hash}`, sk: 'API_KEY' });
const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const DAY_SECONDS = 24 * 60 * 60;

/** A key as kept: with its secret's hash, which no answer shows. */
export type StoredApiKey = ApiKey & { readonly hash: string };

/** What the secret's hash leads to. */
export interface ApiKeyLookup {
  readonly tenantId: TenantId;
  readonly keyId: string;
}

export class ApiKeyRepository {
  constructor(
    private readonly table: Table,
    private readonly tenant: TenantTable,
  ) {}

  transaction(): Transaction {
    return new Transaction(this.tenant);
  }

  /** The key and its lookup by hash, each put only if new. */
  create(tx: Transaction, key: ApiKey, hash: string): void {
    tx.put({ entity: 'api_key', key: keyOf(key.id), data: { ...key, hash } }, { exists: false });
    tx.add(
      this.platform().putOperation(
        {
          entity: 'api_key_hash',
          key: hashKey(hash),
          data: { tenantId: this.tenant.tenant, keyId: key.id },
          expiresAt: epochSeconds(key.validUntil) + DAY_SECONDS,
        },
        { exists: false },
      ),
    );
  }

  /** Marks the key revoked, if nobody did first, and forgets its hash: it authenticates no more. */
  revoke(tx: Transaction, key: ApiKey, hash: string): void {
    tx.update(
      keyOf(key.id),
      {
        set: { revokedAt: key.revokedAt, revokedBy: key.revokedBy },
        condition: { equals: { revokedAt: null } },
      },
      () => new DomainError('API_KEY_NOT_FOUND'),
    );
    tx.add(this.platform().deleteOperation(hashKey(hash)));
  }

  async get(id: string): Promise<StoredApiKey | undefined> {
    return this.tenant.get<StoredApiKey>(keyOf(id));
  }

  async list(cursor: string | undefined, limit: number): Promise<Page<StoredApiKey>> {
    return this.tenant.query<StoredApiKey>({ pk: 'API_KEYS', cursor, limit });
  }

  /**
   * Notes a use of the key over the last use the caller knows (`previous`); writes nothing when
   * another request noted one since, which is as good. Callers do it at most once a minute per key.
   */
  async touch(id: string, at: string, previous: string | null): Promise<void> {
    try {
      await this.tenant.update(keyOf(id), {
        set: { lastUsedAt: at },
        condition: { equals: { lastUsedAt: previous } },
      });
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
    }
  }

  /** Counts one more request in the window and returns the window's count, in one atomic write. */
  async countRequest(id: string, windowStart: number, expiresAt: number): Promise<number> {
    const item = await this.tenant.update<{ requests: number }>(
      { pk: `API_KEY_RATE#${id}`, sk: String(windowStart) },
      { add: { requests: 1 }, entity: 'api_key_rate', expiresAt },
    );
    return item.requests;
  }

  private platform() {
    return this.table.forTenant(PLATFORM_TENANT);
  }
}

/** The lookup by hash needs no tenant: the hash is what tells it. */
export async function findApiKeyByHash(table: Table, hash: string): Promise<ApiKeyLookup | undefined> {
  return table.forTenant(PLATFORM_TENANT).get<ApiKeyLookup>(hashKey(hash));
}
