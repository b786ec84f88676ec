/**
 * The platform operator's pages over HTTP: the provinces with their tenants, and onboarding one
 * through the form — the province, its map and its first accounts made as the API makes them; a
 * refused form (bad fields, a taken id or username) says why beside the field and writes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type PageClient, pageClient } from '../setup/page-client.ts';
import { appWithProvinces } from '../setup/scene.ts';
import { getJson, type TestApp } from '../setup/test-app.ts';
import { onboardingForm } from './page-matrix/platform.ts';

let t: TestApp;
let operator: PageClient;
let operatorToken: string;

beforeAll(async () => {
  t = await appWithProvinces(['pl']);
  operatorToken = (await t.signIn('root.operator')).access_token;
  operator = pageClient(t);
  await operator.signIn('root.operator');
});

const provinceStatus = async (id: string) =>
  (await t.request(`/api/v1/platform/provinces/${id}`, { token: operatorToken })).status;

/** Whether a first account of the form can sign in: it exists only if the onboarding was written. */
const signsIn = (username: string) =>
  t.signIn(username).then(
    () => true,
    () => false,
  );

describe('the provinces', () => {
  it('lists each province with its five tenants', async () => {
    const response = await operator.get('/platform');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<th scope="row">Tỉnh pl</th>');
    for (const kind of ['farmers', 'women', 'veterans', 'youth', 'front'])
      expect(page).toContain(`<span class="badge">pl:${kind}</span>`);
    expect(page).toContain('href="/platform/provinces/new"');
  });
});

describe('onboarding a province through the form', () => {
  it('offers the form with a field per first account and the communes one a line', async () => {
    const response = await operator.get('/platform/provinces/new');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toMatch(/<textarea id="f-communes" name="communes"/);
    expect(page).toContain('name="admins.front.username"');
    expect(page).toContain('name="frontAdmin.password"');
  });

  it('creates the province, its communes and its first accounts, then shows it', async () => {
    const form = onboardingForm('pnew', {
      communes: '29001;Xã Một;xa\n\n29002;Phường Hai;phuong\n',
      'frontAdmin.username': 'pnew.front.admin',
      'frontAdmin.password': 'another-long-password',
      'frontAdmin.displayName': 'Cán bộ Mặt trận',
    });
    const response = await operator.post('/platform/provinces/new', form);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/platform?onboarded=pnew');
    const list = await (await operator.get('/platform?onboarded=pnew')).text();
    expect(list).toContain('Đã khởi tạo tỉnh: Tỉnh pnew');

    const province = await getJson<{ tenants: unknown[] }>(
      t,
      '/api/v1/platform/provinces/pnew',
      operatorToken,
    );
    expect(province).toMatchObject({ id: 'pnew', code: '83', name: 'Tỉnh pnew' });
    expect(province.tenants).toHaveLength(5);
    const admin = (await t.signIn('pnew.farmers')).access_token;
    const communes = await getJson<{ items: { id: string; name: string }[] }>(
      t,
      '/api/v1/units?parentId=83',
      admin,
    );
    const made = communes.items.map((u) => `${u.id} ${u.name}`);
    expect(made.sort()).toEqual(['29001 Xã Một', '29002 Phường Hai']);
    expect(await signsIn('pnew.front.admin')).toBe(false);
    expect((await t.signIn('pnew.front.admin', 'another-long-password')).access_token).toBeTruthy();
  });

  it('marks a bad commune line and a bad code beside their fields, keeps the rest, writes nothing', async () => {
    const form = onboardingForm('pbad', {
      code: '8',
      communes: '29001;Xã Một;xa\n29002;Làng Hai;village',
    });
    const response = await operator.post('/platform/provinces/new', form);
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toMatch(
      /<input id="f-code" name="code"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*f-code-error/,
    );
    expect(page).toMatch(/<textarea id="f-communes"[^>]*aria-invalid="true"/);
    expect(page).toMatch(/id="f-communes-error">Dòng 2: /);
    // What was typed comes back, but no password does.
    expect(page).toContain('value="Tỉnh pbad"');
    expect(page).toContain('29002;Làng Hai;village</textarea>');
    expect(page).not.toContain('a-long-test-password');
    expect(await provinceStatus('pbad')).toBe(404);
    expect(await signsIn('pbad.farmers')).toBe(false);
  });

  it('says beside the id that the province exists, and writes none of its accounts', async () => {
    const response = await operator.post(
      '/platform/provinces/new',
      onboardingForm('pl', { name: 'Tỉnh Khác' }),
    );
    expect(response.status).toBe(409);
    const page = await response.text();
    expect(page).toMatch(/id="f-id-error">Tỉnh &quot;pl&quot; đã có trên hệ thống/);
    // The form's usernames are the existing admins' (pl.farmers…): check one of a changed form instead.
    const other = onboardingForm('pl', { 'admins.farmers.username': 'pl.second.farmers' });
    expect((await operator.post('/platform/provinces/new', other)).status).toBe(409);
    expect(await signsIn('pl.second.farmers')).toBe(false);
  });

  it('says beside the field which username is taken, and writes nothing', async () => {
    const form = onboardingForm('ptaken', { 'admins.youth.username': 'pl.youth' });
    const response = await operator.post('/platform/provinces/new', form);
    expect(response.status).toBe(409);
    const page = await response.text();
    expect(page).toMatch(/id="f-admins-youth-username-error">[^<]*pl\.youth/);
    expect(await provinceStatus('ptaken')).toBe(404);
    expect(await signsIn('ptaken.farmers')).toBe(false);
  });
});

describe('who reaches it', () => {
  it('refuses everyone but the operator, and their onboarding writes nothing', async () => {
    for (const username of ['pl.farmers', 'pl.front']) {
      const browser = pageClient(t);
      await browser.signIn(username);
      for (const path of ['/platform', '/platform/provinces/new'])
        expect({ username, path, status: (await browser.get(path)).status }).toEqual({
          username,
          path,
          status: 403,
        });
      const post = await browser.post(
        '/platform/provinces/new',
        onboardingForm(`pby-${username.split('.')[1]}`),
      );
      expect(post.status).toBe(403);
    }
    expect(await provinceStatus('pby-farmers')).toBe(404);
    expect(await provinceStatus('pby-front')).toBe(404);
  });
});

describe('granting and taking back map editing through the form', () => {
  const permissionsOf = async (username: string) => {
    const token = (await t.signIn(username)).access_token;
    return (await getJson<{ permissions: string[] }>(t, '/api/v1/me', token)).permissions;
  };

  it('offers the form from the list of provinces', async () => {
    expect(await (await operator.get('/platform')).text()).toContain('href="/platform/provinces/pl"');
    const page = await (await operator.get('/platform/provinces/pl')).text();
    expect(page).toContain('action="/platform/provinces/pl/map-editors"');
    expect(page).toContain('name="username"');
  });

  it('grants map_editor to an organization admin, then takes it back', async () => {
    const grant = await operator.post('/platform/provinces/pl/map-editors', {
      username: 'pl.women',
      change: 'grant',
    });
    expect(grant.status).toBe(303);
    expect(grant.headers.get('location')).toBe('/platform/provinces/pl?grant=pl.women');
    expect(await (await operator.get('/platform/provinces/pl?grant=pl.women')).text()).toContain(
      'Đã cấp quyền sửa bản đồ cho pl.women',
    );
    expect(await permissionsOf('pl.women')).toEqual(['map_editor']);

    const revoke = await operator.post('/platform/provinces/pl/map-editors', {
      username: 'pl.women',
      change: 'revoke',
    });
    expect(revoke.headers.get('location')).toBe('/platform/provinces/pl?revoke=pl.women');
    expect(await permissionsOf('pl.women')).toEqual([]);
  });

  it('refuses an account that is not an admin of the province beside the field, granting nothing', async () => {
    for (const username of ['pl.front', 'nobody.here']) {
      const response = await operator.post('/platform/provinces/pl/map-editors', {
        username,
        change: 'grant',
      });
      expect(response.status).toBe(404);
      const page = await response.text();
      expect(page).toContain(`Không có tài khoản quản trị tổ chức &quot;${username}&quot; của tỉnh pl.`);
      expect(page).toContain(`value="${username}"`);
    }
    expect(await permissionsOf('pl.front')).toEqual([]);
  });

  it('refuses an empty username without calling the use case', async () => {
    const response = await operator.post('/platform/provinces/pl/map-editors', {
      username: ' ',
      change: 'grant',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('aria-invalid="true"');
  });
});
