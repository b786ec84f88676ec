/**
 * A reorganization keeps history: a renamed unit keeps its id and its former names with their
 * dates, a closed unit still reads with its dates and names its successor, and listings can ask
 * for the units in force on a day. Changes are guarded by the unit's version (If-Match).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/domain/audit.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { nameOn } from '../../shared/domain/unit-rules.ts';
import type { FullUnit } from '../../shared/domain/units.ts';
import { UnitRepository } from '../../shared/store/repositories/units.ts';
import { alphaFarmersOfficers, type Scene, setUpScene } from '../setup/scene.ts';
import { expectProblem, getJson, jsonOf, type PageOf, patchJson, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let token: Scene['token'];
/** The map's editor: the Front's provincial staff. */
const EDITOR = 'alpha.front.admin';
const admin = () => token(EDITOR);

const patchUnit = (username: string, id: string, json: unknown, ifMatch?: string) =>
  patchJson(t, token(username), `/api/v1/units/${id}`, json, ifMatch);
const ok = (response: Response, status = 200) => jsonOf<FullUnit>(response, status);

async function addUnit(body: Record<string, unknown>): Promise<FullUnit> {
  const response = await t.request('/api/v1/units', {
    method: 'POST',
    token: admin(),
    json: { validFrom: '2025-07-01', ...body },
  });
  return ok(response, 201);
}

/** The map's own audit trail of a unit, newest first, as its editor reads it. */
const unitAudit = async (id: string) =>
  (await getJson<PageOf<AuditRecord>>(t, `/api/v1/units/${id}/audit?limit=200`, admin())).items;

const idsOf = (page: PageOf<FullUnit>) => page.items.map((unit) => unit.id);

beforeAll(async () => {
  ({ t, token } = await setUpScene({
    provinces: ['alpha', 'beta'],
    tenants: { 'alpha:farmers': { officers: alphaFarmersOfficers() } },
    signIn: [EDITOR, 'alpha.farmers', 'beta.front.admin'],
  }));
  await addUnit({ parentId: '82', type: 'xa', name: 'Xã Tân Mỹ', code: '30300' });
  await addUnit({ parentId: '82', type: 'xa', name: 'Xã Tân Phú', code: '30301' });
  await addUnit({ parentId: '82', type: 'xa', name: 'Xã Tạm', code: '30302', validTo: '2025-08-31' });
  await addUnit({ parentId: '28261', type: 'khom', name: 'Khóm Một' });
});

describe('renaming a unit', () => {
  it('keeps the id, and the former name with the days it was in use', async () => {
    const response = await patchUnit(EDITOR, '28261-01', {
      name: 'Khóm 1',
      renamedOn: '2025-09-01',
    });
    const unit = await ok(response);

    expect(unit).toMatchObject({
      id: '28261-01',
      name: 'Khóm 1',
      formerNames: [{ name: 'Khóm Một', validFrom: '2025-07-01', validTo: '2025-08-31' }],
      version: 2,
    });
    expect(response.headers.get('etag')).toBe('"v2"');
    expect(await getJson(t, '/api/v1/units/28261-01', admin())).toEqual(unit);
    expect(nameOn(unit, '2025-08-31')).toBe('Khóm Một');
    expect(nameOn(unit, '2025-09-01')).toBe('Khóm 1');
  });

  it('lists the unit under its new name', async () => {
    const page = await getJson<PageOf<FullUnit>>(t, '/api/v1/units?parentId=28261', admin());

    expect(page.items.map((unit) => unit.name)).toEqual(['Khóm 1']);
  });

  it('chains renames: each former name starts the day after the previous one ended', async () => {
    const unit = await ok(
      await patchUnit(EDITOR, '28261-01', { name: 'Khóm Mỹ Tho 1', renamedOn: '2025-10-01' }),
    );

    expect(unit.formerNames).toEqual([
      { name: 'Khóm Một', validFrom: '2025-07-01', validTo: '2025-08-31' },
      { name: 'Khóm 1', validFrom: '2025-09-01', validTo: '2025-09-30' },
    ]);
  });

  it('treats a new name from the first day of the current one as a correction', async () => {
    const unit = await ok(
      await patchUnit(EDITOR, '28261-01', { name: 'Khóm Mỹ Tho Một', renamedOn: '2025-10-01' }),
    );

    expect(unit.name).toBe('Khóm Mỹ Tho Một');
    expect(unit.formerNames.map((former) => former.name)).toEqual(['Khóm Một', 'Khóm 1']);
  });

  it.each([
    ['before the current name began', '2025-09-15'],
    ['in the future', '2099-01-01'],
  ])('is UNIT_RULE_VIOLATED (rename_date) for a renaming day %s', async (_, renamedOn) => {
    const response = await patchUnit(EDITOR, '28261-01', { name: 'Khóm X', renamedOn });

    const problem = await expectProblem(response, 400, 'UNIT_RULE_VIOLATED');
    expect(problem.errors?.[0]).toMatchObject({ path: 'body.renamedOn', code: 'rename_date' });
  });

  it('is VALIDATION_FAILED for a renaming day without a name, or an empty change', async () => {
    const withoutName = await patchUnit(EDITOR, '28261-01', { renamedOn: '2025-10-01' });
    const empty = await patchUnit(EDITOR, '28261-01', {});

    expect((await expectProblem(withoutName, 400, 'VALIDATION_FAILED')).errors?.[0]?.path).toBe(
      'body.renamedOn',
    );
    await expectProblem(empty, 400, 'VALIDATION_FAILED');
  });

  it('writes nothing, and no audit record, for a change that changes nothing', async () => {
    const before = await getJson<FullUnit>(t, '/api/v1/units/30300', admin());

    const after = await ok(await patchUnit(EDITOR, '30300', { name: 'Xã Tân Mỹ', code: '30300' }));

    expect(after).toEqual(before);
    expect(await unitAudit('30300')).toHaveLength(1);
  });
});

describe('closing a commune into its successor', () => {
  it('keeps the closed commune readable, with its dates and successor', async () => {
    const unit = await ok(await patchUnit(EDITOR, '30300', { validTo: '2025-12-31', successorId: '30301' }));

    expect(unit).toMatchObject({
      id: '30300',
      name: 'Xã Tân Mỹ',
      validTo: '2025-12-31',
      successorId: '30301',
    });
    expect(await getJson(t, '/api/v1/units/30300', admin())).toEqual(unit);
  });

  it('lists only the units in force on the day asked, and all without a day', async () => {
    const onNewYear = await getJson<PageOf<FullUnit>>(
      t,
      '/api/v1/units?parentId=82&validOn=2026-01-01',
      admin(),
    );
    const onEve = await getJson<PageOf<FullUnit>>(t, '/api/v1/units?parentId=82&validOn=2025-12-31', admin());
    const all = await getJson<PageOf<FullUnit>>(t, '/api/v1/units?parentId=82', admin());

    expect(idsOf(onNewYear)).toEqual(['28249', '28261', '30301']);
    expect(idsOf(onEve)).toEqual(['28249', '28261', '30300', '30301']);
    expect(idsOf(all)).toEqual(['28249', '28261', '30302', '30300', '30301']);
  });

  it('pages through the units in force one by one without losing any', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page: PageOf<FullUnit> = await getJson<PageOf<FullUnit>>(
        t,
        `/api/v1/units?parentId=82&validOn=2026-01-01&limit=1${query}`,
        admin(),
      );
      seen.push(...idsOf(page));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 20);

    expect(seen).toEqual(['28249', '28261', '30301']);
  });

  it('records the closing in the audit trail, as a diff', async () => {
    const [latest] = await unitAudit('30300');

    expect(latest).toMatchObject({
      action: 'update',
      entityType: 'unit',
      before: { validTo: null, successorId: null, version: 1 },
      after: { validTo: '2025-12-31', successorId: '30301', version: 2 },
    });
  });

  it.each([
    ['a successor without a closing date', '30301', { successorId: '28249' }, 'successor_needs_end'],
    [
      'the unit as its own successor',
      '30301',
      { validTo: '2026-03-31', successorId: '30301' },
      'successor_self',
    ],
    [
      'a successor of another level',
      '30301',
      { validTo: '2026-03-31', successorId: '28261-01' },
      'successor_level',
    ],
    [
      'a successor closed before',
      '30301',
      { validTo: '2026-03-31', successorId: '30302' },
      'successor_not_valid',
    ],
    ['a closing date before the start', '30301', { validTo: '2025-01-01' }, 'ends_before_start'],
    ['reopening without dropping the successor', '30300', { validTo: null }, 'successor_needs_end'],
  ])('is UNIT_RULE_VIOLATED for %s', async (_, id, patch, rule) => {
    const response = await patchUnit(EDITOR, id, patch);

    const problem = await expectProblem(response, 400, 'UNIT_RULE_VIOLATED');
    expect(problem.errors?.[0]?.code).toBe(rule);
  });

  it('is UNIT_NOT_FOUND, pointing at successorId, for a successor that does not exist', async () => {
    const response = await patchUnit(EDITOR, '30301', {
      validTo: '2026-03-31',
      successorId: '39999',
    });

    const problem = await expectProblem(response, 404, 'UNIT_NOT_FOUND');
    expect(problem.errors?.[0]).toMatchObject({ path: 'body.successorId', code: 'not_found' });
  });

  it('is UNIT_RULE_VIOLATED (code_format) for a commune code of the wrong length', async () => {
    const response = await patchUnit(EDITOR, '30301', { code: '301' });

    await expectProblem(response, 400, 'UNIT_RULE_VIOLATED');
  });

  it('left the units as they were after every refused change', async () => {
    const unit = await getJson<FullUnit>(t, '/api/v1/units/30301', admin());

    expect(unit).toMatchObject({ validTo: null, successorId: null, code: '30301', version: 1 });
  });
});

describe('If-Match', () => {
  it('applies a change made against the current version', async () => {
    const { version } = await getJson<FullUnit>(t, '/api/v1/units/28249', admin());

    const response = await patchUnit(EDITOR, '28249', { code: '28250' }, `"v${version}"`);

    expect((await ok(response)).code).toBe('28250');
  });

  it('is PRECONDITION_FAILED for a stale version, and changes nothing', async () => {
    const response = await patchUnit(EDITOR, '28249', { code: '28251' }, '"v1"');

    await expectProblem(response, 412, 'PRECONDITION_FAILED');
    expect((await getJson<FullUnit>(t, '/api/v1/units/28249', admin())).code).toBe('28250');
  });

  it('lets only one of two changes made against the same version through', async () => {
    const { version } = await getJson<FullUnit>(t, '/api/v1/units/28249', admin());

    const responses = await Promise.all(
      ['Phường Đạo Thạnh A', 'Phường Đạo Thạnh B'].map((name) =>
        patchUnit(EDITOR, '28249', { name, renamedOn: '2025-07-01' }, `"v${version}"`),
      ),
    );

    expect(responses.map((r) => r.status).sort()).toEqual([200, 412]);
  });

  it('guards the write itself: a change saved against a stale read is PRECONDITION_FAILED', async () => {
    const units = new UnitRepository(t.deps.table.forTenant(toTenantId('alpha:farmers')));
    const stale = (await units.get('28249')) as FullUnit;
    await ok(await patchUnit(EDITOR, '28249', { code: '28252' }));

    const tx = units.transaction();
    units.save(tx, stale, { ...stale, code: '28253', version: stale.version + 1 });

    await expect(tx.commit()).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await units.get('28249'))?.code).toBe('28252');
  });
});

describe('who may change a unit', () => {
  it('lets an organization admin read the map but not change it without the grant', async () => {
    const unit = await getJson<FullUnit>(t, '/api/v1/units/30301', token('alpha.farmers'));

    expect(unit.id).toBe('30301');
    await expectProblem(await patchUnit('alpha.farmers', '30301', { name: 'Xã Y' }), 403, 'FORBIDDEN');
  });

  it.each([
    ['a hamlet of their commune', '28261-01'],
    ['their own commune', '28261'],
    ['a commune outside their subtree', '28249'],
    ['the province', '82'],
  ])('is FORBIDDEN for a unit officer changing %s', async (_, id) => {
    const response = await patchUnit('mytho.officer', id, { name: 'Tên mới' });

    await expectProblem(response, 403, 'FORBIDDEN');
  });

  it('is FORBIDDEN for a viewer', async () => {
    await expectProblem(await patchUnit('alpha.viewer', '30301', { name: 'Xã Y' }), 403, 'FORBIDDEN');
  });

  it("is UNIT_NOT_FOUND for another province's map editor", async () => {
    await expectProblem(
      await patchUnit('beta.front.admin', '30301', { name: 'Xã Y' }),
      404,
      'UNIT_NOT_FOUND',
    );
  });

  it('is UNAUTHENTICATED without a token', async () => {
    const response = await t.request('/api/v1/units/30301', { method: 'PATCH', json: { name: 'Xã Y' } });

    await expectProblem(response, 401, 'UNAUTHENTICATED');
  });

  it('is VALIDATION_FAILED for a validOn that is no date', async () => {
    const response = await t.request('/api/v1/units?parentId=82&validOn=2025-13-01', { token: admin() });

    await expectProblem(response, 400, 'VALIDATION_FAILED');
  });
});
