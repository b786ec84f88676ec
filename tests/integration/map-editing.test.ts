/**
 * One map per province: the four organizations and the Front read the same units, hamlet ids are
 * unique in the province, a hamlet's name (Vietnamese-insensitive) is unique in its commune, and
 * only map editors change it — the Front's staff by role, an organization admin once the platform
 * operator grants it. The Front's staff still see no personal data; the platform reads no map.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FullUnit } from '../../shared/domain/units.ts';
import { type Scene, setUpScene } from '../setup/scene.ts';
import { expectProblem, getJson, jsonOf, type PageOf, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let token: Scene['token'];

const postUnit = (accessToken: string, json: unknown) =>
  t.request('/api/v1/units', { method: 'POST', token: accessToken, json });
const grant = (method: 'PUT' | 'DELETE', username: string) =>
  t.request(`/api/v1/platform/provinces/alpha/map-editors/${username}`, {
    method,
    token: token('root.operator'),
    ...(method === 'PUT' && { json: {} }),
  });

beforeAll(async () => {
  ({ t, token } = await setUpScene({
    provinces: ['alpha', 'beta'],
    signIn: ['root.operator', 'alpha.farmers', 'alpha.women', 'alpha.front.admin', 'beta.front.admin'],
  }));
});

describe('one hamlet per name and commune', () => {
  it('gives two editors adding "Ấp Mỹ Phú" and "ấp my phu" one hamlet, naming it the second time', async () => {
    const first = await jsonOf<FullUnit>(
      await postUnit(token('alpha.front.admin'), { parentId: '28249', type: 'ap', name: 'Ấp Mỹ Phú' }),
      201,
    );
    await jsonOf(await grant('PUT', 'alpha.women'), 200);
    const women = await t.signIn('alpha.women');

    const second = await postUnit(women.access_token, { parentId: '28249', type: 'ap', name: 'ấp my phu' });

    const problem = await expectProblem(second, 409, 'UNIT_EXISTS');
    expect((problem as unknown as { existingId: string }).existingId).toBe(first.id);
    expect(problem.detailEn).toContain(first.id);
    const hamlets = await getJson<PageOf<FullUnit>>(
      t,
      '/api/v1/units?parentId=28249',
      token('alpha.farmers'),
    );
    expect(hamlets.items.map((unit) => unit.name)).toEqual(['Ấp Mỹ Phú']);
  });

  it('settles two editors adding the same name at once with one hamlet', async () => {
    const responses = await Promise.all(
      ['Ấp Tân Hòa', 'ẤP TAN HOA'].map((name) =>
        postUnit(token('alpha.front.admin'), { parentId: '28261', type: 'khom', name }),
      ),
    );

    expect(responses.map((r) => r.status).toSorted()).toEqual([201, 409]);
  });

  it('refuses renaming a hamlet to a name its commune has', async () => {
    const other = await jsonOf<FullUnit>(
      await postUnit(token('alpha.front.admin'), { parentId: '28249', type: 'ap', name: 'Ấp Bình Tạo' }),
      201,
    );

    const response = await t.request(`/api/v1/units/${other.id}`, {
      method: 'PATCH',
      token: token('alpha.front.admin'),
      json: { name: 'ẤP MỸ PHÚ' },
    });

    await expectProblem(response, 409, 'UNIT_EXISTS');
  });
});

describe('one map read by the whole province', () => {
  it('shows every organization and the Front the same hamlets, with ids unique in the province', async () => {
    const ids = [];
    for (const name of ['Ấp Một', 'Ấp Hai'])
      ids.push(
        (
          await jsonOf<FullUnit>(
            await postUnit(token('alpha.front.admin'), { parentId: '28249', type: 'ap', name }),
            201,
          )
        ).id,
      );

    const seen = await Promise.all(
      ['alpha.farmers', 'alpha.women', 'alpha.front.admin'].map(async (username) =>
        (await getJson<PageOf<FullUnit>>(t, '/api/v1/units?parentId=28249', token(username))).items.map(
          (unit) => unit.id,
        ),
      ),
    );

    expect(new Set(ids).size).toBe(2);
    for (const list of seen) expect(list).toEqual(seen[0]);
    expect(new Set(seen[0]).size).toBe(seen[0]?.length);
  });

  it('is FORBIDDEN for the platform operator to read any map', async () => {
    await expectProblem(
      await t.request('/api/v1/units', { token: token('root.operator') }),
      403,
      'FORBIDDEN',
    );
    await expectProblem(
      await t.request('/api/v1/units/82', { token: token('root.operator') }),
      403,
      'FORBIDDEN',
    );
  });

  it('keeps another province’s map apart', async () => {
    const page = await getJson<PageOf<FullUnit>>(
      t,
      '/api/v1/units?parentId=28249',
      token('beta.front.admin'),
    );

    expect(page.items).toEqual([]);
  });
});

describe('who edits the map', () => {
  it('refuses an organization admin without the grant, and lets them once granted and refreshed', async () => {
    const before = await t.signIn('alpha.youth');
    await expectProblem(
      await postUnit(before.access_token, { parentId: '28261', type: 'khom', name: 'Khóm Thanh Niên' }),
      403,
      'FORBIDDEN',
    );

    const granted = await jsonOf<{ permissions: string[] }>(await grant('PUT', 'alpha.youth'), 200);
    const refreshed = await jsonOf<{ access_token: string }>(
      await t.request('/api/v1/auth/refresh', {
        method: 'POST',
        json: { refresh_token: before.refresh_token },
      }),
    );

    expect(granted.permissions).toEqual(['map_editor']);
    expect(await getJson(t, '/api/v1/me', before.access_token)).toMatchObject({ permissions: [] });
    expect(await getJson(t, '/api/v1/me', refreshed.access_token)).toMatchObject({
      permissions: ['map_editor'],
    });
    await jsonOf(
      await postUnit(refreshed.access_token, { parentId: '28261', type: 'khom', name: 'Khóm Thanh Niên' }),
      201,
    );
  });

  it('takes the right back on revoking, at the next refresh', async () => {
    await jsonOf(await grant('PUT', 'alpha.veterans'), 200);
    const session = await t.signIn('alpha.veterans');

    await jsonOf(await grant('DELETE', 'alpha.veterans'), 200);
    const refreshed = await jsonOf<{ access_token: string }>(
      await t.request('/api/v1/auth/refresh', {
        method: 'POST',
        json: { refresh_token: session.refresh_token },
      }),
    );

    await expectProblem(
      await postUnit(refreshed.access_token, {
        parentId: '28261',
        type: 'khom',
        name: 'Khóm Cựu Chiến Binh',
      }),
      403,
      'FORBIDDEN',
    );
  });

  it.each([
    ['the Front viewer', 'alpha.front'],
    ['another province’s admin', 'beta.farmers'],
    ['a name nobody has', 'nobody'],
  ])('is MAP_EDITOR_NOT_GRANTABLE to %s', async (_, username) => {
    await expectProblem(await grant('PUT', username), 404, 'MAP_EDITOR_NOT_GRANTABLE');
  });

  it('is FORBIDDEN for anyone but the platform operator to grant', async () => {
    const response = await t.request('/api/v1/platform/provinces/alpha/map-editors/alpha.women', {
      method: 'PUT',
      token: token('alpha.front.admin'),
      json: {},
    });

    await expectProblem(response, 403, 'FORBIDDEN');
  });

  it('records a unit change in the map’s trail, readable by map editors only', async () => {
    const unit = await jsonOf<FullUnit>(
      await postUnit(token('alpha.front.admin'), { parentId: '28261', type: 'khom', name: 'Khóm Nhật Ký' }),
      201,
    );

    const trail = await getJson<PageOf<{ actor: { username: string } }>>(
      t,
      `/api/v1/units/${unit.id}/audit`,
      token('alpha.front.admin'),
    );

    expect(trail.items.map((r) => r.actor.username)).toEqual(['alpha.front.admin']);
    await expectProblem(
      await t.request(`/api/v1/units/${unit.id}/audit`, { token: token('alpha.farmers') }),
      403,
      'FORBIDDEN',
    );
  });
});

describe('the Front’s staff and personal data', () => {
  it.each(['/api/v1/members', '/api/v1/members/m-1', '/api/v1/audit?actor=x'])(
    'refuses the Front admin %s',
    async (path) => {
      const response = await t.request(path, { token: token('alpha.front.admin') });

      expect([403, 404]).toContain(response.status);
    },
  );

  it('lets the Front admin read the Front’s overview like its viewer', async () => {
    const response = await t.request('/api/v1/front/overview', { token: token('alpha.front.admin') });

    // Its query is the figures tests' business: here only that the Front's staff are let in.
    expect(response.status).not.toBe(403);
  });
});
