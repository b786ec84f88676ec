/**
 * A tenant is one organization in one province. Whatever id a caller puts in a path or a query,
 * they only ever reach their own tenant's items: another province's, another organization's
 * of the same province, and the platform's own tenant all look like "not found" or "empty".
 * The one exception is the province's map: every tenant of the province reads the same units
 * (they hold nothing personal), another province's map looks like "not found", and the platform,
 * which belongs to no province, is refused.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Branch } from '../../shared/domain/branches.ts';
import type { Unit } from '../../shared/domain/units.ts';
import { type Scene, setUpScene } from '../setup/scene.ts';
import {
  expectProblem,
  getJson,
  type PageOf,
  provinceBody,
  type TestApp,
  testBranch,
  testHamlet,
} from '../setup/test-app.ts';

let t: TestApp;
let token: Scene['token'];

const ids = <T extends { id: string }>(page: PageOf<T>) => page.items.map((item) => item.id);

beforeAll(async () => {
  // '28261-01' exists in both provinces' maps, so the same query can be asked of each.
  // '28261-99' and '28249-88' exist only in beta's map; '28249-77' only in alpha's. Units are
  // seeded once per province, through any of its tenants: the map is the province's.
  ({ t, token } = await setUpScene({
    provinces: ['alpha', 'beta'],
    tenants: {
      'alpha:farmers': {
        units: [
          testHamlet('28261-01', '28261', 'Khóm 1'),
          testHamlet('28261-02', '28261', 'Khóm 2'),
          testHamlet('28261-03', '28261', 'Khóm 3'),
          testHamlet('28249-77', '28249', 'Khóm 7'),
        ],
        branches: [
          testBranch('alpha-farmers-1', '28261-01', 'Chi hội Nông dân A'),
          testBranch('alpha-farmers-2', '28261-01', 'Chi hội Nông dân B'),
          testBranch('alpha-farmers-3', '28261-01', 'Chi hội Nông dân C'),
        ],
      },
      'beta:farmers': {
        units: [
          testHamlet('28261-01', '28261', 'Khóm 1'),
          testHamlet('28261-98', '28261', 'Khóm 8'),
          testHamlet('28261-99', '28261', 'Khóm 9'),
          testHamlet('28249-88', '28249', 'Khóm 88'),
        ],
        branches: [
          testBranch('beta-farmers-1', '28261-01', 'Chi hội Nông dân D'),
          testBranch('beta-farmers-2', '28261-01', 'Chi hội Nông dân E'),
          testBranch('beta-farmers-9', '28261-99', 'Chi hội Nông dân Khóm 9'),
        ],
      },
      'alpha:women': {
        branches: [testBranch('alpha-women-7', '28249-77', 'Chi hội Phụ nữ Khóm 7')],
      },
    },
    signIn: [
      'alpha.farmers',
      'alpha.women',
      'alpha.front',
      'beta.farmers',
      'beta.women',
      'beta.front',
      'root.operator',
    ],
  }));
});

describe('an id that exists in one tenant or one province only', () => {
  const cases: { path: string; owner: string; others: string[]; code: string }[] = [
    {
      path: '/api/v1/units/28261-99',
      owner: 'beta.farmers',
      others: ['alpha.farmers', 'alpha.women', 'alpha.front'],
      code: 'UNIT_NOT_FOUND',
    },
    {
      path: '/api/v1/units/28249-77',
      owner: 'alpha.women',
      others: ['beta.farmers', 'beta.women', 'beta.front'],
      code: 'UNIT_NOT_FOUND',
    },
    {
      path: '/api/v1/branches/beta-farmers-9',
      owner: 'beta.farmers',
      others: ['alpha.farmers', 'beta.women', 'beta.front', 'root.operator'],
      code: 'BRANCH_NOT_FOUND',
    },
    {
      path: '/api/v1/branches/alpha-women-7',
      owner: 'alpha.women',
      others: ['alpha.farmers', 'alpha.front', 'beta.women', 'root.operator'],
      code: 'BRANCH_NOT_FOUND',
    },
    {
      path: '/api/v1/branches?unitId=28261-99',
      owner: 'beta.farmers',
      others: ['alpha.farmers', 'alpha.women'],
      code: 'UNIT_NOT_FOUND',
    },
    {
      path: '/api/v1/branches?unitId=28249-77',
      owner: 'alpha.women',
      others: ['beta.farmers', 'beta.women'],
      code: 'UNIT_NOT_FOUND',
    },
  ];

  it.each(cases)('$path is readable by $owner', async ({ path, owner }) => {
    const response = await t.request(path, { token: token(owner) });

    expect(response.status).toBe(200);
  });

  it.each(cases.flatMap(({ path, others, code }) => others.map((other) => ({ path, other, code }))))(
    '$path is $code for $other',
    async ({ path, other, code }) => {
      const response = await t.request(path, { token: token(other) });

      const problem = await expectProblem(response, 404, code);
      expect(JSON.stringify(problem)).not.toMatch(/Chi hội|Khóm/);
    },
  );

  it('reads a unit of the map from every tenant of its province', async () => {
    const reads = await Promise.all(
      ['beta.farmers', 'beta.women', 'beta.front'].map((u) =>
        getJson<Unit>(t, '/api/v1/units/28261-99', token(u)),
      ),
    );

    expect(reads.map((unit) => unit.name)).toEqual(['Khóm 9', 'Khóm 9', 'Khóm 9']);
  });

  it('is not found when the id spells out another province’s key', async () => {
    const path = `/api/v1/units/${encodeURIComponent('beta:map#UNIT#28261-99')}`;

    const response = await t.request(path, { token: token('alpha.farmers') });

    await expectProblem(response, 404, 'UNIT_NOT_FOUND');
  });
});

describe('lists by parent', () => {
  it('lists the province’s one map to each of its tenants, and another province’s to none', async () => {
    const path = '/api/v1/units?parentId=28261';

    const pages = await Promise.all(
      ['alpha.farmers', 'alpha.women', 'alpha.front', 'beta.farmers'].map((u) =>
        getJson<PageOf<Unit>>(t, path, token(u)),
      ),
    );

    expect(pages.map(ids)).toEqual([
      ['28261-01', '28261-02', '28261-03'],
      ['28261-01', '28261-02', '28261-03'],
      ['28261-01', '28261-02', '28261-03'],
      ['28261-01', '28261-98', '28261-99'],
    ]);
  });

  it('lists under a commune only the hamlets of the caller’s province', async () => {
    const path = '/api/v1/units?parentId=28249';

    const pages = await Promise.all(
      ['alpha.farmers', 'alpha.women', 'beta.women', 'beta.farmers'].map((u) =>
        getJson<PageOf<Unit>>(t, path, token(u)),
      ),
    );

    expect(pages.map((page) => ({ ids: ids(page), nextCursor: page.nextCursor }))).toEqual([
      { ids: ['28249-77'], nextCursor: null },
      { ids: ['28249-77'], nextCursor: null },
      { ids: ['28249-88'], nextCursor: null },
      { ids: ['28249-88'], nextCursor: null },
    ]);
  });

  it('lists only the caller’s own branches of a hamlet the map shares', async () => {
    const path = '/api/v1/branches?unitId=28261-01';

    const alpha = await getJson<PageOf<Branch>>(t, path, token('alpha.farmers'));
    const beta = await getJson<PageOf<Branch>>(t, path, token('beta.farmers'));
    const women = await getJson<PageOf<Branch>>(t, path, token('alpha.women'));

    expect(ids(alpha)).toEqual(['alpha-farmers-1', 'alpha-farmers-2', 'alpha-farmers-3']);
    expect(ids(beta)).toEqual(['beta-farmers-1', 'beta-farmers-2']);
    expect(women).toEqual({ items: [], nextCursor: null });
  });
});

describe('a pagination cursor replayed in another tenant', () => {
  it('returns the other tenant’s hamlets, never those of the tenant it came from', async () => {
    const first = await getJson<PageOf<Unit>>(
      t,
      '/api/v1/units?parentId=28261&limit=1',
      token('alpha.farmers'),
    );
    expect(ids(first)).toEqual(['28261-01']);
    const cursor = encodeURIComponent(first.nextCursor ?? '');

    const inBeta = await getJson<PageOf<Unit>>(
      t,
      `/api/v1/units?parentId=28261&cursor=${cursor}`,
      token('beta.farmers'),
    );
    const inWomen = await getJson<PageOf<Unit>>(
      t,
      `/api/v1/units?parentId=28261&cursor=${cursor}`,
      token('alpha.women'),
    );

    // Beta's own hamlets after "Khóm 1", not alpha's '28261-02' and '28261-03'; the women of
    // alpha read the same map as its farmers, so the cursor goes on through it.
    expect(ids(inBeta)).toEqual(['28261-98', '28261-99']);
    expect(ids(inWomen)).toEqual(['28261-02', '28261-03']);
  });

  it('returns the other tenant’s branches, never those of the tenant it came from', async () => {
    const first = await getJson<PageOf<Branch>>(
      t,
      '/api/v1/branches?unitId=28261-01&limit=1',
      token('alpha.farmers'),
    );
    expect(ids(first)).toEqual(['alpha-farmers-1']);

    const inBeta = await getJson<PageOf<Branch>>(
      t,
      `/api/v1/branches?unitId=28261-01&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
      token('beta.farmers'),
    );

    expect(ids(inBeta)).toEqual(['beta-farmers-1', 'beta-farmers-2']);
  });

  it('is FORBIDDEN to the platform operator', async () => {
    const first = await getJson<PageOf<Unit>>(
      t,
      '/api/v1/units?parentId=28261&limit=1',
      token('alpha.farmers'),
    );

    const replayed = await t.request(
      `/api/v1/units?parentId=28261&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
      { token: token('root.operator') },
    );

    await expectProblem(replayed, 403, 'FORBIDDEN');
  });
});

describe('the platform operator', () => {
  // It belongs to no province, so it has no map to read.
  it.each([
    '/api/v1/units',
    '/api/v1/units?parentId=82',
    '/api/v1/units?parentId=28261',
    '/api/v1/units/82',
    '/api/v1/units/28261-99',
  ])('is FORBIDDEN at %s', async (path) => {
    const response = await t.request(path, { token: token('root.operator') });

    const problem = await expectProblem(response, 403, 'FORBIDDEN');
    expect(JSON.stringify(problem)).not.toMatch(/Khóm|Phường/);
  });

  it('gets BRANCH_NOT_FOUND for a branch of a tenant', async () => {
    const response = await t.request('/api/v1/branches/alpha-farmers-1', { token: token('root.operator') });

    await expectProblem(response, 404, 'BRANCH_NOT_FOUND');
  });
});

describe('platform routes', () => {
  it.each(['alpha.farmers', 'alpha.front', 'beta.women'])(
    'refuse %s onboarding a province, and nothing is created',
    async (username) => {
      const id = `gamma-${username.replace('.', '-')}`;
      const body = provinceBody(id, { name: 'Tỉnh Gamma' });

      const response = await t.request('/api/v1/platform/provinces', {
        method: 'POST',
        token: token(username),
        json: body,
      });

      await expectProblem(response, 403, 'FORBIDDEN');
      const lookup = await t.request(`/api/v1/platform/provinces/${id}`, { token: token('root.operator') });
      await expectProblem(lookup, 404, 'PROVINCE_NOT_FOUND');
    },
  );

  it('refuse a tenant user reading a province', async () => {
    const response = await t.request('/api/v1/platform/provinces/alpha', { token: token('alpha.farmers') });

    await expectProblem(response, 403, 'FORBIDDEN');
  });
});

describe('the code', () => {
  const root = process.cwd();
  const sourceFiles = async () => {
    const files: string[] = [];
    for (const dir of ['functions', 'shared']) {
      for (const entry of await readdir(join(root, dir), { recursive: true, withFileTypes: true })) {
        if (entry.isFile() && /\.[cm]?[jt]sx?$/.test(entry.name))
          files.push(relative(root, join(entry.parentPath, entry.name)));
      }
    }
    return files;
  };
  const DYNAMODB_IMPORT =
    /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]@aws-sdk\/(?:client-dynamodb|lib-dynamodb)(?:\/[^'"]*)?['"]/;

  it('imports the DynamoDB SDK only under shared/store', async () => {
    const files = await sourceFiles();
    const importing: string[] = [];
    for (const file of files) {
      if (DYNAMODB_IMPORT.test(await readFile(join(root, file), 'utf8'))) importing.push(file);
    }

    // The check sees the store's own imports, so it would see anyone else's.
    expect(importing).toContain('shared/store/table.ts');
    expect(importing.filter((file) => !file.startsWith('shared/store/'))).toEqual([]);
  });

  it('never scans the table', async () => {
    const files = await sourceFiles();
    const scanning: string[] = [];
    for (const file of files) {
      if (/\b(?:ScanCommand|paginateScan)\b/.test(await readFile(join(root, file), 'utf8')))
        scanning.push(file);
    }

    expect(files.length).toBeGreaterThan(20);
    expect(scanning).toEqual([]);
  });
});
