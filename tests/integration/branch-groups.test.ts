/**
 * Groups (tổ hội) inside a branch: added to active branches only, listed by name, readable and
 * writable within the caller's scope (a branch officer keeps their own branch's groups), audited.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BranchGroup } from '../../shared/domain/branch-groups.ts';
import { alphaFarmersOfficers, type Scene, setUpScene } from '../setup/scene.ts';
import {
  auditOf,
  expectProblem,
  getJson,
  jsonOf,
  type PageOf,
  type TestApp,
  testBranch,
  testHamlet,
} from '../setup/test-app.ts';

let t: TestApp;
let token: Scene['token'];
const admin = () => token('alpha.farmers');

const postGroup = (username: string, branchId: string, json: unknown) =>
  t.request(`/api/v1/branches/${branchId}/groups`, { method: 'POST', token: token(username), json });
const created = (response: Response) => jsonOf<BranchGroup>(response, 201);

beforeAll(async () => {
  ({ t, token } = await setUpScene({
    provinces: ['alpha', 'beta'],
    tenants: {
      'alpha:farmers': {
        units: [testHamlet('28261-01', '28261', 'Khóm 1'), testHamlet('28249-01', '28249', 'Khóm 1')],
        branches: [
          testBranch('mytho-1', '28261-01', 'Chi hội khóm 1 Mỹ Tho'),
          testBranch('mytho-2', '28261-01', 'Chi hội khóm 1 Mỹ Tho B'),
          testBranch('dao-thanh', '28249-01', 'Chi hội khóm 1 Đạo Thạnh'),
          { ...testBranch('gone', '28261-01', 'Chi hội đã giải thể'), status: 'dissolved' },
        ],
        officers: alphaFarmersOfficers('mytho-1'),
      },
    },
    signIn: ['alpha.farmers', 'beta.farmers'],
  }));
});

describe('groups of a branch', () => {
  it('adds groups and lists them in Vietnamese name order', async () => {
    for (const name of ['Tổ hội Đồng Tâm', 'Tổ hội Ánh Dương', 'Tổ hội Dương Xuân'])
      await created(await postGroup('alpha.farmers', 'mytho-1', { name }));

    const page = await getJson<PageOf<BranchGroup>>(t, '/api/v1/branches/mytho-1/groups', admin());

    expect(page.items.map((group) => group.name)).toEqual([
      'Tổ hội Ánh Dương',
      'Tổ hội Dương Xuân',
      'Tổ hội Đồng Tâm',
    ]);
    expect(page.items.every((group) => group.branchId === 'mytho-1')).toBe(true);
  });

  it('keeps a professional group’s economic model', async () => {
    const group = await created(
      await postGroup('alpha.farmers', 'mytho-2', { name: 'Tổ hội trồng lúa', economicModel: 'rice' }),
    );

    expect(group).toEqual({
      id: expect.any(String),
      branchId: 'mytho-2',
      name: 'Tổ hội trồng lúa',
      economicModel: 'rice',
      createdAt: expect.any(String),
    });
  });

  it('pages through groups one by one', async () => {
    const first = await getJson<PageOf<BranchGroup>>(t, '/api/v1/branches/mytho-1/groups?limit=1', admin());
    const second = await getJson<PageOf<BranchGroup>>(
      t,
      `/api/v1/branches/mytho-1/groups?limit=1&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
      admin(),
    );

    expect([first.items[0]?.name, second.items[0]?.name]).toEqual(['Tổ hội Ánh Dương', 'Tổ hội Dương Xuân']);
  });

  it('records each new group in the audit trail', async () => {
    const response = await postGroup('alpha.farmers', 'dao-thanh', { name: 'Tổ hội 1' });
    const group = await created(response);

    expect(await auditOf(t, admin(), group.id)).toEqual([
      expect.objectContaining({
        action: 'create',
        entityId: group.id,
        after: group,
        requestId: response.headers.get('x-request-id'),
      }),
    ]);
  });

  it('is BRANCH_CLOSED for a branch that is not active', async () => {
    await expectProblem(await postGroup('alpha.farmers', 'gone', { name: 'Tổ hội 1' }), 409, 'BRANCH_CLOSED');
  });

  it('is BRANCH_NOT_FOUND for a branch of no tenant or of another tenant', async () => {
    await expectProblem(await postGroup('alpha.farmers', 'nope', { name: 'Tổ' }), 404, 'BRANCH_NOT_FOUND');
    await expectProblem(await postGroup('beta.farmers', 'mytho-1', { name: 'Tổ' }), 404, 'BRANCH_NOT_FOUND');
    const response = await t.request('/api/v1/branches/mytho-1/groups', { token: token('beta.farmers') });
    await expectProblem(response, 404, 'BRANCH_NOT_FOUND');
  });

  it.each([
    ['a blank name', { name: ' ' }, 'body.name'],
    ['an unknown field', { name: 'Tổ', kind: 'x' }, 'body.kind'],
  ])('is VALIDATION_FAILED for %s', async (_, body, path) => {
    const problem = await expectProblem(
      await postGroup('alpha.farmers', 'mytho-1', body),
      400,
      'VALIDATION_FAILED',
    );

    expect(problem.errors?.map((e) => e.path)).toEqual([path]);
  });
});

describe('who may read and add groups', () => {
  it('lets a branch officer add a group to their own branch', async () => {
    const group = await created(await postGroup('alpha.branch', 'mytho-1', { name: 'Tổ hội của chi hội' }));

    expect(group.branchId).toBe('mytho-1');
  });

  it('is FORBIDDEN for a branch officer in another branch, to add or to read', async () => {
    await expectProblem(await postGroup('alpha.branch', 'mytho-2', { name: 'Tổ' }), 403, 'FORBIDDEN');
    const response = await t.request('/api/v1/branches/mytho-2/groups', { token: token('alpha.branch') });
    await expectProblem(response, 403, 'FORBIDDEN');
  });

  it('lets a unit officer add groups in their subtree only', async () => {
    await created(await postGroup('mytho.officer', 'mytho-2', { name: 'Tổ hội 2' }));

    await expectProblem(await postGroup('mytho.officer', 'dao-thanh', { name: 'Tổ' }), 403, 'FORBIDDEN');
  });

  it('lets a viewer read groups but not add them', async () => {
    const page = await getJson<PageOf<BranchGroup>>(
      t,
      '/api/v1/branches/mytho-1/groups',
      token('alpha.viewer'),
    );

    expect(page.items.length).toBeGreaterThan(0);
    await expectProblem(await postGroup('alpha.viewer', 'mytho-1', { name: 'Tổ' }), 403, 'FORBIDDEN');
  });

  it('is UNAUTHENTICATED without a token', async () => {
    const response = await t.request('/api/v1/branches/mytho-1/groups', {
      method: 'POST',
      json: { name: 'Tổ' },
    });

    await expectProblem(response, 401, 'UNAUTHENTICATED');
  });
});
