/**
 * A real app over a real table for one test file: its own table in the shared DynamoDB Local,
 * its own signing keys, a platform admin, and helpers to sign in and call the API.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { createDependencies } from '../../functions/api/dependencies.ts';
import { readEnv } from '../../shared/config/env.ts';
import { createMissingAccounts } from '../../shared/domain/create-accounts.ts';
import { PLATFORM_TENANT } from '../../shared/domain/tenant-id.ts';
import { createDocumentClient } from '../../shared/store/dynamodb-client.ts';
import { AccountRepository } from '../../shared/store/repositories/accounts.ts';
import { ensureTable } from '../../shared/store/table-admin.ts';

export const PASSWORD = 'a-long-test-password';

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

export async function createTestApp() {
  const dataDir = await mkdtemp(join(tmpdir(), 'doanthe-test-'));
  const env = readEnv({
    DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
    TABLE_NAME: `test-${randomUUID()}`,
    DATA_DIR: dataDir,
  });
  await ensureTable(
    createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION }),
    env.TABLE_NAME,
  );
  const deps = await createDependencies(env, {
    // Tests play several clients; the address comes from a header only this harness sets.
    clientAddress: (c) => c.req.header('x-test-client-address') ?? '127.0.0.1',
    docsAssetsDir: join(process.cwd(), 'node_modules', 'swagger-ui-dist'),
  });
  const app = createApp(deps);
  await createMissingAccounts(new AccountRepository(deps.table), [
    {
      username: 'root.operator',
      password: PASSWORD,
      tenantId: PLATFORM_TENANT,
      role: 'platform_admin',
      scope: null,
      displayName: 'Operator',
    },
  ]);

  const request = (path: string, init: RequestInit & { token?: string; json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return app.request(path, {
      ...init,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  };

  const signIn = async (username: string, password = PASSWORD) => {
    const response = await request('/api/v1/auth/token', { method: 'POST', json: { username, password } });
    if (response.status !== 200)
      throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as { access_token: string; refresh_token: string; expires_in: number };
  };

  return { app, deps, env, request, signIn };
}

/** Onboards a small province through the API: two communes and an admin per tenant. */
export async function onboardTestProvince(t: TestApp, id: string) {
  const operator = await t.signIn('root.operator');
  const kinds = ['farmers', 'women', 'veterans', 'youth', 'front'] as const;
  const response = await t.request('/api/v1/platform/provinces', {
    method: 'POST',
    token: operator.access_token,
    json: {
      id,
      code: '82',
      name: `Tỉnh ${id}`,
      validFrom: '2025-07-01',
      communes: [
        { code: '28249', name: 'Phường Đạo Thạnh', type: 'phuong' },
        { code: '28261', name: 'Phường Mỹ Tho', type: 'phuong' },
      ],
      admins: Object.fromEntries(
        kinds.map((kind) => [
          kind,
          { username: `${id}.${kind}`, password: PASSWORD, displayName: `${kind} admin` },
        ]),
      ),
    },
  });
  if (response.status !== 201)
    throw new Error(`onboarding failed: ${response.status} ${await response.text()}`);
  return response.json();
}
