/**
 * The platform operator onboards a province: one tenant per organization plus the Front, the
 * unit tree down to communes in each, and a first admin each. All of it or nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TENANT_KINDS } from '../../shared/domain/organizations.ts';
import type { Unit } from '../../shared/domain/units.ts';
import {
  attemptSignIn,
  createTestApp,
  expectProblem,
  getJson,
  onboardTestProvince,
  type PageOf,
  provinceBody,
  type TestApp,
} from '../setup/test-app.ts';

let t: TestApp;
let operatorToken: string;
let onboarded: unknown;

const onboard = (body: unknown) =>
  t.request('/api/v1/platform/provinces', { method: 'POST', token: operatorToken, json: body });

beforeAll(async () => {
  t = await createTestApp();
  operatorToken = (await t.signIn('root.operator')).access_token;
  onboarded = await onboardTestProvince(t, 'alpha');
});

describe('onboarding a province', () => {
  it('answers 201 with the province and its five tenants', async () => {
    expect(onboarded).toEqual({
      id: 'alpha',
      code: '82',
      name: 'Tỉnh alpha',
      tenants: TENANT_KINDS.map((kind) => ({ tenantId: `alpha:${kind}`, kind })),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('lets the operator read the province back', async () => {
    const province = await getJson(t, '/api/v1/platform/provinces/alpha', operatorToken);

    expect(province).toEqual(onboarded);
  });

  it.each(TENANT_KINDS.map((kind) => ({ kind, role: kind === 'front' ? 'front_viewer' : 'org_admin' })))(
    'lets the first $kind admin sign in as $role of alpha:$kind',
    async ({ kind, role }) => {
      const { access_token } = await t.signIn(`alpha.${kind}`);

      const me = await getJson(t, '/api/v1/me', access_token);

      expect(me).toMatchObject({
        username: `alpha.${kind}`,
        tenantId: `alpha:${kind}`,
        role,
        scope: null,
      });
    },
  );

  it.each(TENANT_KINDS)('gives alpha:%s the province as its only top-level unit', async (kind) => {
    const { access_token } = await t.signIn(`alpha.${kind}`);

    const page = await getJson<PageOf<Unit>>(t, '/api/v1/units', access_token);

    expect(page).toEqual({
      items: [
        {
          id: '82',
          parentId: null,
          ancestorIds: [],
          level: 'province',
          type: 'tinh',
          code: '82',
          name: 'Tỉnh alpha',
          validFrom: '2025-07-01',
          validTo: null,
          successorId: null,
          formerNames: [],
          version: 1,
        },
      ],
      nextCursor: null,
    });
  });

  it('lists the two communes under the province, sorted by name', async () => {
    const { access_token } = await t.signIn('alpha.farmers');

    const page = await getJson<PageOf<Unit>>(t, '/api/v1/units?parentId=82', access_token);

    expect(page.items.map((u) => [u.id, u.name, u.level, u.parentId, u.ancestorIds])).toEqual([
      ['28249', 'Phường Đạo Thạnh', 'commune', '82', ['82']],
      ['28261', 'Phường Mỹ Tho', 'commune', '82', ['82']],
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it('sorts communes in Vietnamese alphabetical order, Đ after D and before E', async () => {
    const names = [
      'Xã Tân Hòa',
      'Xã Đốc Binh Kiều',
      'Phường Mỹ Tho',
      'Xã Ấp Bắc',
      'Xã Dương Điềm',
      'Xã An Bình',
      'Xã Ân Phú',
      'Xã Ea Súp',
    ];
    const body = provinceBody('sorted', {
      communes: names.map((name, i) => ({
        code: String(40001 + i),
        name,
        type: name.startsWith('Xã') ? 'xa' : 'phuong',
      })),
    });
    expect((await onboard(body)).status).toBe(201);
    const { access_token } = await t.signIn('sorted.youth');

    const page = await getJson<PageOf<Unit>>(t, '/api/v1/units?parentId=83', access_token);

    expect(page.items.map((u) => u.name)).toEqual([
      'Phường Mỹ Tho',
      'Xã An Bình',
      'Xã Ân Phú',
      'Xã Ấp Bắc',
      'Xã Dương Điềm',
      'Xã Đốc Binh Kiều',
      'Xã Ea Súp',
      'Xã Tân Hòa',
    ]);
    expect(page.items.map((u) => u.name)).toEqual(names.toSorted(new Intl.Collator('vi').compare));
  });
});

describe('onboarding again', () => {
  it('refuses the same province id with PROVINCE_EXISTS and leaves it as it was', async () => {
    const body = provinceBody('alpha');

    const response = await onboard(body);

    const problem = await expectProblem(response, 409, 'PROVINCE_EXISTS');
    expect(problem.detailEn).toContain('"alpha"');
    expect(await getJson(t, '/api/v1/platform/provinces/alpha', operatorToken)).toEqual(onboarded);
    // The admins of the refused request did not replace the first ones.
    expect((await attemptSignIn(t, 'alpha.farmers')).status).toBe(200);
  });

  it('refuses a new province reusing a username with USERNAME_TAKEN, and creates none of it', async () => {
    const body = provinceBody('beta');
    body.admins.women = { username: 'alpha.women', password: 'another-long-password', displayName: 'Thief' };

    const response = await onboard(body);

    const problem = await expectProblem(response, 409, 'USERNAME_TAKEN');
    expect(problem.detailEn).toContain('"alpha.women"');
    await expectProblem(
      await t.request('/api/v1/platform/provinces/beta', { token: operatorToken }),
      404,
      'PROVINCE_NOT_FOUND',
    );
    for (const kind of ['farmers', 'veterans', 'youth', 'front'])
      await expectProblem(await attemptSignIn(t, `beta.${kind}`), 401, 'INVALID_CREDENTIALS');
    // The taken account is untouched: its own password works, the newcomer's does not.
    await expectProblem(
      await attemptSignIn(t, 'alpha.women', 'another-long-password'),
      401,
      'INVALID_CREDENTIALS',
    );
    const me = await getJson(t, '/api/v1/me', (await t.signIn('alpha.women')).access_token);
    expect(me).toMatchObject({ tenantId: 'alpha:women', role: 'org_admin' });
  });

  it('accepts the refused province once its usernames are free', async () => {
    const response = await onboard(provinceBody('beta'));

    expect(response.status).toBe(201);
    const me = await getJson(t, '/api/v1/me', (await t.signIn('beta.women')).access_token);
    expect(me).toMatchObject({ tenantId: 'beta:women', role: 'org_admin' });
  });
});
