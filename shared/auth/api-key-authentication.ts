/**
 * A request's `Authorization: Bearer dtk_…`: the key becomes a principal of its organization,
 * acting as the role `api_key` with its scopes and nothing else. Unknown, revoked and expired
 * keys are refused as any bad token is; each key may make a fixed number of requests a minute
 * (a counter per fixed window, in the table, since Lambda instances share nothing else); its last
 * use is noted at most once a minute, so a busy key costs no extra write per request.
 */
import { isApiKeyUsable } from '../domain/api-keys/api-key.ts';
import { DomainError } from '../domain/errors.ts';
import type { Principal } from '../domain/roles.ts';
import { toTenantId } from '../domain/tenant-id.ts';
import { ApiKeyRepository, findApiKeyByHash } from '../store/repositories/api-keys.ts';
import type { Table } from '../store/table.ts';
import { hashApiKey } from './api-key-secret.ts';

export const API_KEY_REQUESTS_PER_MINUTE = 300;
const WINDOW_SECONDS = 60;
const LAST_USE_EVERY_MS = 60_000;

export async function principalOfApiKey(table: Table, secret: string, now: Date): Promise<Principal> {
  const hash = hashApiKey(secret);
  const lookup = await findApiKeyByHash(table, hash);
  if (!lookup) throw new DomainError('UNAUTHENTICATED');
  const tenantId = toTenantId(lookup.tenantId);
  const keys = new ApiKeyRepository(table, table.forTenant(tenantId));
  const key = await keys.get(lookup.keyId);
  if (!key || key.hash !== hash || !isApiKeyUsable(key, now)) throw new DomainError('UNAUTHENTICATED');

  const nowSeconds = Math.floor(now.getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % WINDOW_SECONDS);
  const requests = await keys.countRequest(key.id, windowStart, windowStart + 2 * WINDOW_SECONDS);
  if (requests > API_KEY_REQUESTS_PER_MINUTE) {
    throw new DomainError('API_KEY_RATE_LIMITED', {
      retryAfter: String(windowStart + WINDOW_SECONDS - nowSeconds),
      limit: String(API_KEY_REQUESTS_PER_MINUTE),
    });
  }
  if (key.lastUsedAt === null || now.getTime() - Date.parse(key.lastUsedAt) >= LAST_USE_EVERY_MS)
    await keys.touch(key.id, now.toISOString());

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
