import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, onboardTestProvince, PASSWORD, type TestApp } from '../setup/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await onboardTestProvince(t, 'alpha');
});

describe('sign-in', () => {
  it('returns a bearer token pair for the right password', async () => {
    const response = await t.request('/api/v1/auth/token', {
      method: 'POST',
      json: { username: 'alpha.farmers', password: PASSWORD },
    });

    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; refresh_token: string };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    expect(body.access_token.split('.')).toHaveLength(3);
    expect(body.refresh_token.split('.')).toHaveLength(3);
  });

  it('lets the access token read /me with tenant, role and scope', async () => {
    const { access_token } = await t.signIn('alpha.farmers');

    const response = await t.request('/api/v1/me', { token: access_token });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      username: 'alpha.farmers',
      tenantId: 'alpha:farmers',
      role: 'org_admin',
      scope: null,
    });
  });
});
