/**
 * Keys are refused by default: an operation lets a key in only by naming the scope it accepts,
 * and only a key holding that scope; people keep their roles' rights, and never gain a scope's.
 */
import { describe, expect, it } from 'vitest';
import {
  API_KEY_PATTERN,
  apiKeyHint,
  hashApiKey,
  newApiKeySecret,
} from '../../shared/auth/api-key-secret.ts';
import { requireRoleOrScope } from '../../shared/domain/access/api-key-access.ts';
import { requireMemberReader, requireMemberWriter } from '../../shared/domain/access/member-access.ts';
import { requireOrganization } from '../../shared/domain/access/tenant-access.ts';
import type { ApiKeyScope } from '../../shared/domain/api-keys/scopes.ts';
import type { Principal } from '../../shared/domain/roles.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';

const key = (...apiKeyScopes: ApiKeyScope[]): Principal => ({
  userId: 'key:k1',
  username: 'key:Zalo',
  tenantId: toTenantId('alpha:farmers'),
  role: 'api_key',
  scope: null,
  permissions: [],
  apiKeyScopes,
});
const admin: Principal = {
  ...key(),
  userId: 'u1',
  username: 'alpha.farmers',
  role: 'org_admin',
  apiKeyScopes: [],
};

describe('keys in the access rules', () => {
  it('refuses a key where the operation names no scope, whatever the key holds', () => {
    const everything = key('members:read', 'members:write', 'figures:read', 'webhooks:manage');
    expect(() => requireOrganization(everything)).toThrow('FORBIDDEN');
    expect(() => requireMemberReader(everything)).toThrow('FORBIDDEN');
    expect(() => requireMemberWriter(everything)).toThrow('FORBIDDEN');
  });

  it('lets a key in where the operation names a scope it holds, and only then', () => {
    expect(requireMemberReader(key('members:read'), 'members:read')).toBe('farmers');
    expect(() => requireMemberReader(key('members:write'), 'members:read')).toThrow('FORBIDDEN');
    expect(() => requireMemberWriter(key('members:read'), 'members:write')).toThrow('FORBIDDEN');
    expect(() => requireRoleOrScope(key('webhooks:manage'), 'webhooks:manage', 'org_admin')).not.toThrow();
    expect(() => requireRoleOrScope(key('members:read'), 'webhooks:manage', 'org_admin')).toThrow(
      'FORBIDDEN',
    );
  });

  it('leaves people to their roles: a scope named by an operation grants a person nothing', () => {
    expect(() => requireRoleOrScope(admin, 'webhooks:manage', 'org_admin')).not.toThrow();
    expect(() => requireRoleOrScope({ ...admin, role: 'viewer' }, 'webhooks:manage', 'org_admin')).toThrow(
      'FORBIDDEN',
    );
  });
});

describe('key secrets', () => {
  it('are dtk_ and 256 random bits, told apart by a hint, found by their SHA-256', () => {
    const [a, b] = [newApiKeySecret(), newApiKeySecret()];
    expect(a).toMatch(API_KEY_PATTERN);
    expect(a).not.toBe(b);
    expect(apiKeyHint(a)).toBe(a.slice(0, 8));
    expect(hashApiKey(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(a)).toBe(hashApiKey(a));
  });
});
