/** API keys for tests: created through the API, as an organization admin would. */
import type { ApiKeyScope } from '../../shared/domain/api-keys/scopes.ts';
import { jsonOf, type TestApp } from './test-app.ts';

export interface CreatedKey {
  id: string;
  key: string;
  hint: string;
  description: string;
  scopes: ApiKeyScope[];
  validUntil: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A key of the admin's organization with these scopes, expiring `days` after the app's now. */
export async function createKey(
  t: TestApp,
  adminToken: string,
  scopes: readonly ApiKeyScope[],
  options: { description?: string; days?: number } = {},
): Promise<CreatedKey> {
  const validUntil = new Date(t.deps.clock().getTime() + (options.days ?? 30) * DAY_MS).toISOString();
  const response = await t.request('/api/v1/api-keys', {
    method: 'POST',
    token: adminToken,
    json: { description: options.description ?? `Tích hợp ${scopes.join(' ')}`, scopes, validUntil },
  });
  return jsonOf<CreatedKey>(response, 201, 'POST /api/v1/api-keys');
}
