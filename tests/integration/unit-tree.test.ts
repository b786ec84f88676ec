/**
 * Adding units to a province's map: where each level may sit, ids and official codes, validity
 * within the parent, who may add (map editors only), and the audit record each addition leaves.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/domain/audit.ts';
import type { FullUnit } from '../../shared/domain/units.ts';
import { alphaFarmersOfficers, type Scene, setUpScene } from '../setup/scene.ts';
import { expectProblem, getJson, jsonOf, type PageOf, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let token: Scene['token'];

const postUnit = (username: string, json: unknown) =>
  t.request('/api/v1/units', { method: 'POST', token: token(username), json });
const created = (response: Response) => jsonOf<FullUnit>(response, 201);
const mapAuditOf = async (adminToken: string, unitId: string) =>
  (await getJson<PageOf<AuditRecord>>(t, `/api/v1/units/${unitId}/audit`, adminToken)).items;

beforeAll(async () => {
  ({ t, token } = await setUpScene({
    provinces: ['alpha', 'beta'],
    tenants: { 'alpha:farmers': { officers: alphaFarmersOfficers('some-branch') } },
    signIn: ['alpha.farmers', 'alpha.front', 'alpha.front.admin', 'beta.farmers', 'beta.front.admin'],
  }));
});

describe('adding a hamlet', () => {
  it('derives its level and ancestors from the commune and numbers it <communeId>-<nn>', async () => {
    const response = await postUnit('alpha.front.admin', {
      parentId: '28249',
      type: 'khom',
      name: 'Khóm 1',
      validFrom: '2025-07-01',
    });
    const unit = await created(response);

    expect(unit).toEqual({
      id: '28249-01',
      parentId: '28249',
      ancestorIds: ['82', '28249'],
      level: 'hamlet',
      type: 'khom',
      code: null,
      name: 'Khóm 1',
      validFrom: '2025-07-01',
      validTo: null,
      successorId: null,
      formerNames: [],
      version: 1,
    });
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(response.headers.get('location')).toBe('/api/v1/units/28249-01');
    expect(await getJson<FullUnit>(t, '/api/v1/units/28249-01', token('alpha.farmers'))).toEqual(unit);
  });

  it('takes a given <communeId>-<number> id', async () => {
    const unit = await created(
      await postUnit('alpha.front.admin', {
        parentId: '28249',
        id: '28249-40',
        type: 'khom',
        name: 'Khóm 40',
      }),
    );

    expect(unit.id).toBe('28249-40');
  });

  it('is UNIT_EXISTS for an id already taken, and changes nothing', async () => {
    const body = { parentId: '28249', id: '28249-41', type: 'khom', name: 'Khóm 41' };
    await created(await postUnit('alpha.front.admin', body));

    const response = await postUnit('alpha.front.admin', { ...body, name: 'Khóm khác' });

    await expectProblem(response, 409, 'UNIT_EXISTS');
    const unit = await getJson<FullUnit>(t, '/api/v1/units/28249-41', token('alpha.farmers'));
    expect(unit.name).toBe('Khóm 41');
    expect(await mapAuditOf(token('alpha.front.admin'), '28249-41')).toHaveLength(1);
  });

  it.each([
    ['an id of another commune', { id: '28261-07' }],
    ['an id that is not numbered', { id: '28249-abc' }],
  ])('is UNIT_RULE_VIOLATED (hamlet_id) for %s', async (_, fields) => {
    const response = await postUnit('alpha.front.admin', {
      parentId: '28249',
      type: 'ap',
      name: 'Ấp X',
      ...fields,
    });

    const problem = await expectProblem(response, 400, 'UNIT_RULE_VIOLATED');
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'body.id', code: 'hamlet_id' })]);
  });

  it.each([
    [
      'code_format',
      'for a hamlet with an official code',
      { name: 'Ấp Y', code: '12345' },
      'body.code',
      { detailEn: 'Hamlets have no official code.' },
    ],
    [
      'outside_parent',
      'when it would start before its commune',
      { name: 'Ấp Cũ', validFrom: '2020-01-01' },
      'body.validFrom',
      { detail: expect.stringContaining('01/07/2025') },
    ],
  ])('is UNIT_RULE_VIOLATED (%s) %s', async (rule, _, fields, path, says) => {
    const response = await postUnit('alpha.front.admin', { parentId: '28249', type: 'ap', ...fields });

    const problem = await expectProblem(response, 400, 'UNIT_RULE_VIOLATED');
    expect(problem.errors?.[0]).toMatchObject({ path, code: rule });
    expect(problem).toMatchObject(says);
  });

  it('is UNIT_NOT_FOUND, pointing at parentId, when the parent does not exist', async () => {
    const response = await postUnit('alpha.front.admin', { parentId: '99999', type: 'ap', name: 'Ấp Z' });

    const problem = await expectProblem(response, 404, 'UNIT_NOT_FOUND');
    expect(problem.errors?.[0]).toMatchObject({ path: 'body.parentId', code: 'not_found' });
  });
});

describe('the level rule', () => {
  it.each([
    { type: 'ap', parentId: '82', parentLevel: 'province' },
    { type: 'xa', parentId: '28249-01', parentLevel: 'hamlet' },
    { type: 'huyen', parentId: '28249', parentLevel: 'commune' },
  ])('refuses a $type under a $parentLevel, naming the rule', async ({ type, parentId }) => {
    const response = await postUnit('alpha.front.admin', {
      parentId,
      type,
      name: 'Sai chỗ',
      code: null,
      id: '777',
    });

    const problem = await expectProblem(response, 400, 'UNIT_RULE_VIOLATED');
    expect(problem.errors?.[0]).toMatchObject({ path: 'body.parentId', code: 'parent_level' });
  });

  it('says in both languages where a hamlet belongs', async () => {
    const response = await postUnit('alpha.front.admin', { parentId: '82', type: 'khom', name: 'Khóm lạc' });

    const problem = await expectProblem(response, 400, 'UNIT_RULE_VIOLATED');
    expect(problem.detail).toBe('Đơn vị cấp ấp, khóm phải trực thuộc cấp xã, phường; "82" là cấp tỉnh.');
    expect(problem.detailEn).toBe('A hamlet must sit under a commune; "82" is a province.');
  });

  it('refuses to create a province: provinces come with onboarding', async () => {
    const response = await postUnit('alpha.front.admin', {
      parentId: '82',
      type: 'tinh',
      name: 'Tỉnh mới',
      code: '99',
    });

    const problem = await expectProblem(response, 400, 'UNIT_RULE_VIOLATED');
    expect(problem.errors?.[0]).toMatchObject({ path: 'body.type', code: 'province_root' });
  });

  it('takes a district (closed, here) with a commune under it', async () => {
    const district = await created(
      await postUnit('alpha.front.admin', {
        parentId: '82',
        type: 'huyen',
        name: 'Huyện Cao Lãnh',
        code: '869',
        validFrom: '2025-07-01',
        validTo: '2025-12-31',
      }),
    );
    const commune = await created(
      await postUnit('alpha.front.admin', {
        parentId: '869',
        type: 'xa',
        name: 'Xã Mỹ Long',
        code: '30280',
        validFrom: '2025-07-01',
        validTo: '2025-12-31',
      }),
    );

    expect(district).toMatchObject({
      id: '869',
      level: 'district',
      ancestorIds: ['82'],
      validTo: '2025-12-31',
    });
    expect(commune).toMatchObject({ id: '30280', level: 'commune', ancestorIds: ['82', '869'] });
  });

  it('keeps a commune under a closed district from outliving it', async () => {
    const response = await postUnit('alpha.front.admin', {
      parentId: '869',
      type: 'xa',
      name: 'Xã Mới',
      code: '30281',
      validFrom: '2025-07-01',
    });

    const problem = await expectProblem(response, 400, 'UNIT_RULE_VIOLATED');
    expect(problem.errors?.[0]).toMatchObject({ code: 'outside_parent' });
  });

  it.each([
    ['a commune code of 4 digits', { type: 'xa', code: '1234' }, 'code_format'],
    ['a district code of 5 digits', { type: 'huyen', code: '12345' }, 'code_format'],
    ['a commune with neither id nor code', { type: 'phuong' }, 'id_required'],
  ])('is UNIT_RULE_VIOLATED for %s', async (_, fields, rule) => {
    const response = await postUnit('alpha.front.admin', { parentId: '82', name: 'Phường Mới', ...fields });

    const problem = await expectProblem(response, 400, 'UNIT_RULE_VIOLATED');
    expect(problem.errors?.[0]?.code).toBe(rule);
  });
});

describe('bad input', () => {
  it.each([
    ['an unknown field', { parentId: '28249', type: 'ap', name: 'Ấp A', level: 'hamlet' }, 'body.level'],
    ['an unknown type', { parentId: '28249', type: 'lang', name: 'Ấp A' }, 'body.type'],
    ['a blank name', { parentId: '28249', type: 'ap', name: '   ' }, 'body.name'],
    [
      'an id that could reach into a key',
      { parentId: '28249', type: 'ap', name: 'Ấp A', id: '28249#01' },
      'body.id',
    ],
    [
      'a date that is no date',
      { parentId: '28249', type: 'ap', name: 'Ấp A', validFrom: '2025-02-30' },
      'body.validFrom',
    ],
  ])('is VALIDATION_FAILED for %s', async (_, body, path) => {
    const response = await postUnit('alpha.front.admin', body);

    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path)).toEqual([path]);
  });

  it('is UNAUTHENTICATED without a token', async () => {
    const response = await t.request('/api/v1/units', { method: 'POST', json: { parentId: '28249' } });

    await expectProblem(response, 401, 'UNAUTHENTICATED');
  });
});

describe('who may add units', () => {
  it.each(['mytho.officer', 'alpha.farmers', 'alpha.viewer', 'alpha.branch', 'alpha.front'])(
    'is FORBIDDEN for %s, who does not edit the map',
    async (username) => {
      const response = await postUnit(username, { parentId: '28261', type: 'khom', name: 'Khóm 9' });

      await expectProblem(response, 403, 'FORBIDDEN');
    },
  );

  it('is UNIT_NOT_FOUND for a parent that only another province has', async () => {
    const response = await postUnit('beta.front.admin', {
      parentId: '869',
      type: 'xa',
      name: 'Xã A',
      code: '30282',
    });

    await expectProblem(response, 404, 'UNIT_NOT_FOUND');
  });

  it('keeps each province’s map its own', async () => {
    const response = await t.request('/api/v1/units/28249-01', { token: token('beta.farmers') });

    await expectProblem(response, 404, 'UNIT_NOT_FOUND');
  });
});

describe('the audit trail', () => {
  it('records who added a unit, in which request, and what it was', async () => {
    const response = await postUnit('alpha.front.admin', {
      parentId: '28261',
      type: 'khom',
      name: 'Khóm Kiểm Tra',
    });
    const unit = await created(response);

    const records = await mapAuditOf(token('alpha.front.admin'), unit.id);

    expect(records).toEqual([
      expect.objectContaining({
        action: 'create',
        entityType: 'unit',
        entityId: unit.id,
        actor: expect.objectContaining({ username: 'alpha.front.admin', role: 'front_admin' }),
        before: null,
        after: unit,
        requestId: response.headers.get('x-request-id'),
      }),
    ]);
  });

  it('records nothing when the change is refused', async () => {
    await postUnit('alpha.front.admin', {
      parentId: '28249',
      id: '28249-77',
      type: 'ap',
      name: 'Ấp',
      code: '1',
    });

    expect(await mapAuditOf(token('alpha.front.admin'), '28249-77')).toEqual([]);
  });
});
