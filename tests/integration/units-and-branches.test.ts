/**
 * Reading an organization's branches: by hamlet, by kind, page by page, and only as far as the
 * caller's scope reaches (a commune's subtree for a unit officer, one branch for a branch officer).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Branch } from '../../shared/domain/branches.ts';
import type { Unit } from '../../shared/domain/units.ts';
import { type Scene, setUpScene } from '../setup/scene.ts';
import {
  expectProblem,
  getJson,
  type PageOf,
  type TestApp,
  testBranch,
  testHamlet,
} from '../setup/test-app.ts';

let t: TestApp;
let token: Scene['token'];
const admin = () => token('alpha.farmers');
const unitOfficer = () => token('mytho.officer');
const branchOfficer = () => token('khom1a.officer');

// Listed the way the API orders a unit's branches: by kind, then by name.
const BRANCHES_OF_KHOM_1 = [
  testBranch('agency-ward', '28261-01', 'Chi hội cơ quan phường Mỹ Tho', 'agency'),
  testBranch('pro-fruit', '28261-01', 'Chi hội nghề nghiệp cây ăn trái', 'professional'),
  testBranch('pro-rice', '28261-01', 'Chi hội nghề nghiệp trồng lúa', 'professional'),
  testBranch('res-khom-1-a', '28261-01', 'Chi hội Nông dân khóm 1 A', 'residential'),
  testBranch('res-khom-1-b', '28261-01', 'Chi hội Nông dân khóm 1 B', 'residential'),
];
const idsOf = (branches: { id: string }[]) => branches.map((b) => b.id);

beforeAll(async () => {
  ({ t, token } = await setUpScene({
    provinces: ['alpha'],
    tenants: {
      'alpha:farmers': {
        units: [
          testHamlet('28261-01', '28261', 'Khóm 1'),
          testHamlet('28261-02', '28261', 'Khóm 2'),
          testHamlet('28261-03', '28261', 'Khóm 3'),
          testHamlet('28249-01', '28249', 'Khóm 1'),
        ],
        // Written out of order: the listing order must come from the table, not from insertion.
        branches: [
          ...BRANCHES_OF_KHOM_1.toReversed(),
          testBranch('res-khom-2', '28261-02', 'Chi hội Nông dân khóm 2'),
          ...[
            'Chi hội Em Út',
            'Chi hội Đồng Tâm',
            'Chi hội Ánh Dương',
            'Chi hội Dương Xuân',
            'Chi hội Bình An',
          ].map((name, i) => testBranch(`khom-3-${i}`, '28261-03', name)),
          testBranch('res-dao-thanh', '28249-01', 'Chi hội Nông dân Đạo Thạnh khóm 1'),
        ],
        officers: [
          { username: 'mytho.officer', role: 'unit_officer', scope: { unitId: '28261' } },
          { username: 'khom1a.officer', role: 'branch_officer', scope: { branchId: 'res-khom-1-a' } },
        ],
      },
    },
    signIn: ['alpha.farmers'],
  }));
});

async function walk(path: string, token: string): Promise<{ items: Branch[]; pages: number }> {
  const items: Branch[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const page: PageOf<Branch> = await getJson<PageOf<Branch>>(t, `${path}${query}`, token);
    expect(page.items.length).toBeLessThanOrEqual(1);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
    if (pages > 20) throw new Error('the cursor never ends');
  } while (cursor !== null);
  return { items, pages };
}

describe('branches of a hamlet', () => {
  it('lists every branch of the hamlet, by kind then name', async () => {
    const page = await getJson<PageOf<Branch>>(t, '/api/v1/branches?unitId=28261-01', admin());

    expect(page).toEqual({ items: BRANCHES_OF_KHOM_1, nextCursor: null });
  });

  it.each([
    { kind: 'residential', ids: ['res-khom-1-a', 'res-khom-1-b'] },
    { kind: 'professional', ids: ['pro-fruit', 'pro-rice'] },
    { kind: 'agency', ids: ['agency-ward'] },
  ])('filters them to the $kind kind', async ({ kind, ids }) => {
    const page = await getJson<PageOf<Branch>>(t, `/api/v1/branches?unitId=28261-01&kind=${kind}`, admin());

    expect(idsOf(page.items)).toEqual(ids);
    expect(page.items.every((branch) => branch.kind === kind)).toBe(true);
  });

  it('orders branch names the Vietnamese way: Á with A, Đ after D', async () => {
    const page = await getJson<PageOf<Branch>>(t, '/api/v1/branches?unitId=28261-03', admin());

    expect(page.items.map((branch) => branch.name)).toEqual([
      'Chi hội Ánh Dương',
      'Chi hội Bình An',
      'Chi hội Dương Xuân',
      'Chi hội Đồng Tâm',
      'Chi hội Em Út',
    ]);
  });

  it('is an empty page for a unit without branches', async () => {
    const page = await getJson<PageOf<Branch>>(t, '/api/v1/branches?unitId=28261', admin());

    expect(page).toEqual({ items: [], nextCursor: null });
  });

  it('is UNIT_NOT_FOUND for a unit that does not exist', async () => {
    const response = await t.request('/api/v1/branches?unitId=28261-77', { token: admin() });

    await expectProblem(response, 404, 'UNIT_NOT_FOUND');
  });

  it('reads one branch by id', async () => {
    const branch = await getJson<Branch>(t, '/api/v1/branches/pro-rice', admin());

    expect(branch).toEqual(BRANCHES_OF_KHOM_1[2]);
  });

  it('is BRANCH_NOT_FOUND for a branch that does not exist', async () => {
    const response = await t.request('/api/v1/branches/nope', { token: admin() });

    await expectProblem(response, 404, 'BRANCH_NOT_FOUND');
  });
});

describe('paging with limit=1', () => {
  it('walks every branch exactly once, in order', async () => {
    const { items, pages } = await walk('/api/v1/branches?unitId=28261-01&limit=1', admin());

    expect(idsOf(items)).toEqual(idsOf(BRANCHES_OF_KHOM_1));
    expect(new Set(idsOf(items)).size).toBe(items.length);
    expect(pages).toBeGreaterThanOrEqual(BRANCHES_OF_KHOM_1.length);
  });

  it('walks the branches of one kind only', async () => {
    const { items } = await walk('/api/v1/branches?unitId=28261-01&kind=professional&limit=1', admin());

    expect(idsOf(items)).toEqual(['pro-fruit', 'pro-rice']);
  });

  it('walks units too', async () => {
    const seen: string[] = [];
    let path: string | null = '/api/v1/units?parentId=28261&limit=1';
    while (path !== null) {
      const page: PageOf<Unit> = await getJson<PageOf<Unit>>(t, path, admin());
      seen.push(...page.items.map((u) => u.id));
      path =
        page.nextCursor &&
        `/api/v1/units?parentId=28261&limit=1&cursor=${encodeURIComponent(page.nextCursor)}`;
      if (seen.length > 20) throw new Error('the cursor never ends');
    }

    expect(seen).toEqual(['28261-01', '28261-02', '28261-03']);
  });
});

describe('an invalid cursor', () => {
  const firstPageCursor = async (path: string) =>
    encodeURIComponent((await getJson<PageOf<Branch>>(t, path, admin())).nextCursor ?? '');

  it.each([
    ['not base64 JSON', 'not-a-cursor!!'],
    ['JSON that is not a key', Buffer.from('{"hello":"world"}').toString('base64url')],
    ['an empty key', Buffer.from('{}').toString('base64url')],
    ['a key with a number in it', Buffer.from('{"PK":1,"SK":"BRANCH"}').toString('base64url')],
  ])('is INVALID_CURSOR when it is %s', async (_, cursor) => {
    const response = await t.request(`/api/v1/branches?unitId=28261-01&cursor=${cursor}`, {
      token: admin(),
    });

    await expectProblem(response, 400, 'INVALID_CURSOR');
  });

  it.each([
    [
      'the listing of another unit',
      '/api/v1/branches?unitId=28261-01&limit=1',
      '/api/v1/branches?unitId=28261-02',
    ],
    [
      'the listing of another kind',
      '/api/v1/branches?unitId=28261-01&kind=residential&limit=1',
      '/api/v1/branches?unitId=28261-01&kind=professional',
    ],
    ['the unit listing', '/api/v1/units?parentId=28261&limit=1', '/api/v1/branches?unitId=28261-01'],
  ])('is INVALID_CURSOR when it comes from %s', async (_, from, path) => {
    const cursor = await firstPageCursor(from);

    const response = await t.request(`${path}&cursor=${cursor}`, { token: admin() });

    await expectProblem(response, 400, 'INVALID_CURSOR');
  });
});

describe('a unit officer of commune 28261', () => {
  it('lists the branches of a hamlet under 28261', async () => {
    const page = await getJson<PageOf<Branch>>(t, '/api/v1/branches?unitId=28261-01', unitOfficer());

    expect(idsOf(page.items)).toEqual(idsOf(BRANCHES_OF_KHOM_1));
  });

  it('reads a branch under 28261', async () => {
    const branch = await getJson<Branch>(t, '/api/v1/branches/res-khom-2', unitOfficer());

    expect(branch.id).toBe('res-khom-2');
  });

  it('is FORBIDDEN to read a branch under 28249', async () => {
    const response = await t.request('/api/v1/branches/res-dao-thanh', { token: unitOfficer() });

    await expectProblem(response, 403, 'FORBIDDEN');
  });

  it('is FORBIDDEN to list the branches of a hamlet under 28249', async () => {
    const response = await t.request('/api/v1/branches?unitId=28249-01', { token: unitOfficer() });

    await expectProblem(response, 403, 'FORBIDDEN');
  });
});

describe('a branch officer', () => {
  it('sees only their own branch in the list of its hamlet', async () => {
    const page = await getJson<PageOf<Branch>>(t, '/api/v1/branches?unitId=28261-01', branchOfficer());

    expect(idsOf(page.items)).toEqual(['res-khom-1-a']);
  });

  it('sees nothing in the list of another hamlet', async () => {
    const page = await getJson<PageOf<Branch>>(t, '/api/v1/branches?unitId=28249-01', branchOfficer());

    expect(page.items).toEqual([]);
  });

  it('reads their own branch', async () => {
    const branch = await getJson<Branch>(t, '/api/v1/branches/res-khom-1-a', branchOfficer());

    expect(branch).toEqual(BRANCHES_OF_KHOM_1[3]);
  });

  it.each(['res-khom-1-b', 'pro-rice', 'res-dao-thanh'])('is FORBIDDEN to read branch %s', async (id) => {
    const response = await t.request(`/api/v1/branches/${id}`, { token: branchOfficer() });

    await expectProblem(response, 403, 'FORBIDDEN');
  });
});
