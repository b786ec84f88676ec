/**
 * A request's `Authorization: Bearer dtk_…`: the key becomes a principal of its organization,
 * acting as the role `api_key` with its scopes and nothing else. Unknown, revoked and expired
 * keys are refused as any bad token is; each key may make a fixed number of requests a minute
 * (a counter per fixed window, in the table, since Lambda instances share nothing else). The key
 * is read once per 30 s per process (api-key-cache.ts), and its last use written at most once a
 * minute: a conditional write over the value known, so processes racing to note it write once.
 */
import { isApiKeyUsable } from '../domain/api-keys/api-key.ts';
import { DomainError } from '../domain/errors.ts';
import type { Principal } from '../domain/roles.ts';
import { toTenantId } from '../domain/tenant-id.ts';
import { ApiKeyRepository, findApiKeyByHash } from '../store/repositories/api-keys.ts';
import type { Table } from '../store/table.ts';
import type { ApiKeyCache, KnownApiKey } from './api-key-cache.ts';
import { hashApiKey } from './api-key-secret.ts';

export const API_KEY_REQUESTS_PER_MINUTE = 300;
const WINDOW_SECONDS = 60;
const LAST_USE_EVERY_MS = 60_000;

export async function principalOfApiKey(
  table: Table,
  cache: ApiKeyCache,
  secret: string,
  now: Date,
): Promise<Principal> {
  const hash = hashApiKey(secret);
  const { tenantId, key } = cache.get(hash, now) ?? (await readKey(table, cache, hash, now));
  if (key.hash !== hash || !isApiKeyUsable(key, now)) throw new DomainError('UNAUTHENTICATED');
  const keys = new ApiKeyRepository(table, table.forTenant(tenantId));

  const nowSeconds = Math.floor(now.getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % WINDOW_SECONDS);
  const requests = await keys.countRequest(key.id, windowStart, windowStart + 2 * WINDOW_SECONDS);
  if (requests > API_KEY_REQUESTS_PER_MINUTE) {
    throw new DomainError('API_KEY_RATE_LIMITED', {
      retryAfter: String(windowStart + WINDOW_SECONDS - nowSeconds),
      limit: String(API_KEY_REQUESTS_PER_MINUTE),
    });
  }
  if (key.lastUsedAt === null || now.getTime() - Date.parse(key.lastUsedAt) >= LAST_USE_EVERY_MS) {
    // Noted by us or, when the write finds another value, by another process just now.
    await keys.touch(key.id, now.toISOString(), key.lastUsedAt);
    cache.noteUse(hash, now.toISOString());
  }

  return {
    userId: `key:${key.id}`,
    username: `key:${key.description}`,
    tenantId,
    role: 'api_key',
    // The whole organization: a key is an admin's delegate, narrowed by scopes, not by units.
    scope: null,
    permissions: [],
    apiKeyScopes: key.scopes,
  };
}

/** The key its secret's hash leads to, read and kept; a hash that leads nowhere is no key. */
async function readKey(table: Table, cache: ApiKeyCache, hash: string, now: Date): Promise<KnownApiKey> {
  const lookup = await findApiKeyByHash(table, hash);
  if (!lookup) throw new DomainError('UNAUTHENTICATED');
  const tenantId = toTenantId(lookup.tenantId);
  const key = await new ApiKeyRepository(table, table.forTenant(tenantId)).get(lookup.keyId);
  if (!key) throw new DomainError('UNAUTHENTICATED');
  const known = { tenantId, key };
  cache.put(hash, known, now);
  return known;
}
