/**
 * The API keys page over HTTP: an organization admin creates a key and reads its secret in that
 * answer only, sees it listed without the secret, and revokes it, after which the API refuses it;
 * a refused form says why in Vietnamese and writes nothing; other officers are refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pageClient } from '../setup/page-client.ts';
import { alphaFarmersAdmin } from '../setup/scene.ts';
import { expectProblem, getJson, jsonOf, type PageOf, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  ({ t, admin } = await alphaFarmersAdmin());
});

const keysNow = async () =>
  (await getJson<PageOf<{ id: string; description: string }>>(t, '/api/v1/api-keys', admin)).items;

async function adminBrowser() {
  const browser = pageClient(t);
  await browser.signIn('alpha.farmers');
  return browser;
}

describe('the API keys page', () => {
  it('creates a key, shows its secret once, lists it without, and revokes it', async () => {
    const browser = await adminBrowser();
    const created = await browser.post('/settings/api-keys', {
      description: 'Cổng thông tin',
      'scope.members:read': 'yes',
      'scope.figures:read': 'yes',
      validUntil: t.today,
    });
    expect(created.status).toBe(200);
    const secret = (await created.text()).match(/dtk_[\w-]{43}/)?.[0] ?? '';
    expect(secret).not.toBe('');
    const [key] = (await keysNow()).filter((k) => k.description === 'Cổng thông tin');
    expect(key).toMatchObject({ scopes: ['members:read', 'figures:read'] });
    await jsonOf(await t.request('/api/v1/me', { token: secret }));

    const list = await (await browser.get('/settings/api-keys')).text();
    expect(list).toContain('Cổng thông tin');
    expect(list).toContain(`${secret.slice(0, 8)}…`);
    expect(list).not.toContain(secret);

    const revoked = await browser.post(`/settings/api-keys/${key?.id}/revoke`, {});
    expect([revoked.status, revoked.headers.get('location')]).toEqual([303, '/settings/api-keys?revoked=1']);
    await expectProblem(await t.request('/api/v1/me', { token: secret }), 401, 'UNAUTHENTICATED');
    expect(await (await browser.get('/settings/api-keys?revoked=1')).text()).toContain('Đã thu hồi');
  });

  it('refuses a form without a scope or with a past day, says why, and creates nothing', async () => {
    const browser = await adminBrowser();
    const before = await keysNow();
    const refused = await browser.post('/settings/api-keys', {
      description: 'Thiếu quyền',
      validUntil: '2020-01-01',
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('value="Thiếu quyền"');
    const pastDay = await browser.post('/settings/api-keys', {
      description: 'Ngày đã qua',
      'scope.members:read': 'yes',
      validUntil: '2020-01-01',
    });
    expect(pastDay.status).toBe(400);
    expect(await pastDay.text()).toContain('Ngày hết hạn phải sau thời điểm hiện tại và không quá một năm');
    expect(await keysNow()).toEqual(before);
  });

  it('refuses officers who are not the organization’s admin', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.viewer');
    expect((await browser.get('/settings/api-keys')).status).toBe(403);
  });
});
