/**
 * Setting up and changing branches: the fields each kind needs, the units each kind may sit in,
 * who may do it, the status that freezes a branch, If-Match, and the audit record of each change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FullBranch } from '../../shared/domain/branches.ts';
import { alphaFarmersOfficers, type Scene, setUpScene } from '../setup/scene.ts';
import {
  auditOf,
  expectProblem,
  getJson,
  jsonOf,
  type PageOf,
  patchJson,
  type TestApp,
  testBranch,
  testHamlet,
} from '../setup/test-app.ts';

let t: TestApp;
let token: Scene['token'];
const admin = () => token('alpha.farmers');

const postBranch = (username: string, json: unknown) =>
  t.request('/api/v1/branches', { method: 'POST', token: token(username), json });
const patchBranch = (username: string, id: string, json: unknown, ifMatch?: string) =>
  patchJson(t, token(username), `/api/v1/branches/${id}`, json, ifMatch);
const ok = (response: Response, status = 200) => jsonOf<FullBranch>(response, status);

beforeAll(async () => {
  ({ t, token } = await setUpScene({
    provinces: ['alpha', 'beta'],
    tenants: {
      'alpha:farmers': {
        units: [
          testHamlet('28261-01', '28261', 'Khóm 1'),
          testHamlet('28249-01', '28249', 'Khóm 1'),
          { ...testHamlet('28249-02', '28249', 'Khóm 2 cũ'), validTo: '2025-09-30' },
        ],
        branches: [
          { ...testBranch('dissolving', '28261-01', 'Chi hội đang giải thể'), status: 'dissolving' },
          testBranch('own', '28261-01', 'Chi hội của tổ trưởng'),
        ],
        officers: alphaFarmersOfficers('own'),
      },
    },
    signIn: ['alpha.farmers', 'beta.farmers'],
  }));
});

describe('setting up a branch', () => {
  it('sets up a residential branch in a hamlet, active at version 1', async () => {
    const response = await postBranch('alpha.farmers', {
      name: 'Chi hội Nông dân khóm 1',
      kind: 'residential',
      unitId: '28261-01',
    });
    const branch = await ok(response, 201);

    expect(branch).toEqual({
      id: expect.any(String),
      name: 'Chi hội Nông dân khóm 1',
      kind: 'residential',
      unitId: '28261-01',
      economicModel: null,
      agencyType: null,
      status: 'active',
      createdAt: expect.any(String),
      version: 1,
    });
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(response.headers.get('location')).toBe(`/api/v1/branches/${branch.id}`);
    expect(await getJson(t, `/api/v1/branches/${branch.id}`, admin())).toEqual(branch);
    const listed = await getJson<PageOf<FullBranch>>(
      t,
      '/api/v1/branches?unitId=28261-01&kind=residential',
      admin(),
    );
    expect(listed.items.map((b) => b.id)).toContain(branch.id);
  });

  it.each([
    [
      'a professional branch in a commune with its economic model',
      { name: 'Chi hội nghề nghiệp trồng lúa', kind: 'professional', economicModel: 'rice' },
      { kind: 'professional', economicModel: 'rice', agencyType: null },
    ],
    [
      'an agency branch in a commune with its agency type',
      { name: 'Chi hội cơ quan UBND phường', kind: 'agency', agencyType: 'office' },
      { kind: 'agency', economicModel: null, agencyType: 'office' },
    ],
  ])('sets up %s', async (_, fields, expected) => {
    const branch = await ok(await postBranch('alpha.farmers', { unitId: '28249', ...fields }), 201);

    expect(branch).toMatchObject(expected);
  });

  it.each([
    [
      'a professional branch without a model',
      { kind: 'professional', unitId: '28249' },
      'economicModel',
      'required_for_kind',
    ],
    [
      'an agency branch without a type',
      { kind: 'agency', unitId: '28249' },
      'agencyType',
      'required_for_kind',
    ],
    [
      'a residential branch with a model',
      { kind: 'residential', unitId: '28261-01', economicModel: 'rice' },
      'economicModel',
      'not_for_kind',
    ],
    [
      'a professional branch with an agency type',
      { kind: 'professional', unitId: '28249', economicModel: 'rice', agencyType: 'school' },
      'agencyType',
      'not_for_kind',
    ],
  ])('is VALIDATION_FAILED for %s', async (_, fields, field, code) => {
    const response = await postBranch('alpha.farmers', { name: 'Chi hội X', ...fields });

    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([expect.objectContaining({ path: `body.${field}`, code })]);
  });

  it.each([
    ['an unknown kind', { kind: 'sports', unitId: '28249' }, 'body.kind'],
    [
      'an unknown economic model',
      { kind: 'professional', unitId: '28249', economicModel: 'mining' },
      'body.economicModel',
    ],
    ['an unknown field', { kind: 'residential', unitId: '28261-01', status: 'dissolved' }, 'body.status'],
  ])('is VALIDATION_FAILED for %s', async (_, fields, path) => {
    const response = await postBranch('alpha.farmers', { name: 'Chi hội X', ...fields });

    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path)).toEqual([path]);
  });

  it.each([
    ['a residential branch in a commune', { kind: 'residential', unitId: '28249' }],
    ['an agency branch in a hamlet', { kind: 'agency', unitId: '28261-01', agencyType: 'school' }],
    ['a professional branch in the province', { kind: 'professional', unitId: '82', economicModel: 'fruit' }],
  ])('is BRANCH_RULE_VIOLATED (unit_level) for %s', async (_, fields) => {
    const response = await postBranch('alpha.farmers', { name: 'Chi hội X', ...fields });

    const problem = await expectProblem(response, 400, 'BRANCH_RULE_VIOLATED');
    expect(problem.errors?.[0]).toMatchObject({ path: 'body.unitId', code: 'unit_level' });
  });

  it('is BRANCH_RULE_VIOLATED (unit_closed) in a hamlet no longer in force', async () => {
    const response = await postBranch('alpha.farmers', {
      name: 'Chi hội X',
      kind: 'residential',
      unitId: '28249-02',
    });

    const problem = await expectProblem(response, 400, 'BRANCH_RULE_VIOLATED');
    expect(problem.errors?.[0]?.code).toBe('unit_closed');
  });

  it('is UNIT_NOT_FOUND for a unit of no tenant, or of another tenant only', async () => {
    const body = { name: 'Chi hội X', kind: 'residential', unitId: '28261-01' };

    await expectProblem(await postBranch('beta.farmers', body), 404, 'UNIT_NOT_FOUND');
    await expectProblem(
      await postBranch('alpha.farmers', { ...body, unitId: '28261-77' }),
      404,
      'UNIT_NOT_FOUND',
    );
  });
});

describe('who may set up branches', () => {
  const body = { name: 'Chi hội Y', kind: 'residential', unitId: '28261-01' };

  it('lets a unit officer set up a branch in their subtree', async () => {
    const branch = await ok(await postBranch('mytho.officer', body), 201);

    expect(branch.unitId).toBe('28261-01');
  });

  it('is FORBIDDEN for a unit officer outside their subtree', async () => {
    const response = await postBranch('mytho.officer', { ...body, unitId: '28249-01' });

    await expectProblem(response, 403, 'FORBIDDEN');
  });

  it.each(['alpha.viewer', 'alpha.branch'])('is FORBIDDEN for %s', async (username) => {
    await expectProblem(await postBranch(username, body), 403, 'FORBIDDEN');
  });

  it('is UNAUTHENTICATED without a token', async () => {
    const response = await t.request('/api/v1/branches', { method: 'POST', json: body });

    await expectProblem(response, 401, 'UNAUTHENTICATED');
  });
});

describe('changing a branch', () => {
  let branch: FullBranch;

  beforeAll(async () => {
    branch = await ok(
      await postBranch('alpha.farmers', {
        name: 'Chi hội nghề nghiệp cây ăn trái',
        kind: 'professional',
        unitId: '28261-01',
        economicModel: 'fruit',
      }),
      201,
    );
  });

  it('renames it and changes its model, bumping the version', async () => {
    const response = await patchBranch('alpha.farmers', branch.id, {
      name: 'Chi hội nghề nghiệp trái cây',
      economicModel: 'other',
    });

    expect(await ok(response)).toMatchObject({
      name: 'Chi hội nghề nghiệp trái cây',
      economicModel: 'other',
      version: 2,
    });
    expect(response.headers.get('etag')).toBe('"v2"');
  });

  it('records the change as a diff, after the creation', async () => {
    const records = await auditOf(t, admin(), branch.id);

    expect(records.map((r) => r.action)).toEqual(['update', 'create']);
    expect(records[0]).toMatchObject({
      entityType: 'branch',
      actor: { username: 'alpha.farmers', role: 'org_admin' },
      before: { name: 'Chi hội nghề nghiệp cây ăn trái', economicModel: 'fruit', version: 1 },
      after: { name: 'Chi hội nghề nghiệp trái cây', economicModel: 'other', version: 2 },
    });
  });

  it('is VALIDATION_FAILED (not_for_kind) for an agency type on a professional branch', async () => {
    const response = await patchBranch('alpha.farmers', branch.id, { agencyType: 'school' });

    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.[0]).toMatchObject({ path: 'body.agencyType', code: 'not_for_kind' });
  });

  it('is PRECONDITION_FAILED for a stale If-Match, and applies a current one', async () => {
    await expectProblem(
      await patchBranch('alpha.farmers', branch.id, { name: 'Z' }, '"v1"'),
      412,
      'PRECONDITION_FAILED',
    );

    const response = await patchBranch('alpha.farmers', branch.id, { name: 'Chi hội trái cây' }, '"v2"');
    expect((await ok(response)).version).toBe(3);
  });

  it('is BRANCH_CLOSED for a branch that is not active, and changes nothing', async () => {
    const response = await patchBranch('alpha.farmers', 'dissolving', { name: 'Tên mới' });

    await expectProblem(response, 409, 'BRANCH_CLOSED');
    expect((await getJson<FullBranch>(t, '/api/v1/branches/dissolving', admin())).name).toBe(
      'Chi hội đang giải thể',
    );
    expect(await auditOf(t, admin(), 'dissolving')).toEqual([]);
  });

  it.each([
    ['alpha.viewer', 403, 'FORBIDDEN'],
    ['alpha.branch', 403, 'FORBIDDEN'],
    ['beta.farmers', 404, 'BRANCH_NOT_FOUND'],
  ])('is refused to %s', async (username, status, code) => {
    await expectProblem(await patchBranch(username, branch.id, { name: 'Tên mới' }), status, code);
  });

  it('is FORBIDDEN for a unit officer outside the branch’s subtree', async () => {
    const other = await ok(
      await postBranch('alpha.farmers', {
        name: 'Chi hội Đạo Thạnh',
        kind: 'residential',
        unitId: '28249-01',
      }),
      201,
    );

    await expectProblem(await patchBranch('mytho.officer', other.id, { name: 'Tên mới' }), 403, 'FORBIDDEN');
  });

  it('is VALIDATION_FAILED for an empty change or a kind change', async () => {
    await expectProblem(await patchBranch('alpha.farmers', branch.id, {}), 400, 'VALIDATION_FAILED');
    await expectProblem(
      await patchBranch('alpha.farmers', branch.id, { kind: 'agency' }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
