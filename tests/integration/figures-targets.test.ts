/**
 * Target populations: set by the organization per unit and year, within scope, audited, read
 * back; the errors that change nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditOf,
  createOfficer,
  createTestApp,
  expectProblem,
  getJson,
  type TestApp,
} from '../setup/test-app.ts';
import { figuresProvince } from './figures-fixtures.ts';

let t: TestApp;
const tokens: Record<string, string> = {};

const put = (username: string, unitId: string, year: number | string, json: unknown) =>
  t.request(`/api/v1/units/${unitId}/targets/${year}`, { method: 'PUT', token: tokens[username], json });

beforeAll(async () => {
  t = await createTestApp();
  await figuresProvince(t, 'tg');
  await createOfficer(t, {
    username: 'tg.mytho',
    tenantId: 'tg:farmers',
    role: 'unit_officer',
    scope: { unitId: '28261' },
  });
  await createOfficer(t, { username: 'tg.viewer', tenantId: 'tg:farmers', role: 'viewer', scope: null });
  for (const username of ['tg.farmers', 'tg.youth', 'tg.front', 'tg.mytho', 'tg.viewer'])
    tokens[username] = (await t.signIn(username)).access_token;
});

describe('setting a target', () => {
  it('stores it for the unit and year, returns it, and leaves an audit record', async () => {
    const response = await put('tg.farmers', '28261-01', 2026, { targetPopulation: 1250 });
    expect(response.status).toBe(200);
    const target = await response.json();
    expect(target).toMatchObject({
      unitId: '28261-01',
      year: 2026,
      targetPopulation: 1250,
      level: 'hamlet',
      path: '82/28261/28261-01/',
      version: 1,
    });
    expect(await getJson(t, '/api/v1/units/28261-01/targets/2026', tokens['tg.farmers'] ?? '')).toEqual(
      target,
    );

    const [record] = await auditOf(t, tokens['tg.farmers'] ?? '', '28261-01/targets/2026');
    expect(record).toMatchObject({
      action: 'create',
      entityType: 'target',
      before: null,
      after: { unitId: '28261-01', year: 2026, targetPopulation: 1250 },
      actor: { username: 'tg.farmers' },
    });
  });

  it('records a change as a diff, and a repeated value as nothing', async () => {
    await put('tg.farmers', '28261-02', 2026, { targetPopulation: 100 });
    const changed = await put('tg.farmers', '28261-02', 2026, { targetPopulation: 120 });
    expect(await changed.json()).toMatchObject({ targetPopulation: 120, version: 2 });
    const same = await put('tg.farmers', '28261-02', 2026, { targetPopulation: 120 });
    expect(await same.json()).toMatchObject({ targetPopulation: 120, version: 2 });

    const trail = await auditOf(t, tokens['tg.farmers'] ?? '', '28261-02/targets/2026');
    expect(trail.map((r) => r.action)).toEqual(['update', 'create']);
    expect(trail[0]).toMatchObject({ before: { targetPopulation: 100 }, after: { targetPopulation: 120 } });
  });

  it('keeps years and organizations apart', async () => {
    await put('tg.farmers', '28249', 2025, { targetPopulation: 900 });
    await put('tg.youth', '28249', 2025, { targetPopulation: 300 });
    await put('tg.farmers', '28249', 2026, { targetPopulation: 950 });
    const read = (username: string, year: number) =>
      getJson<{ targetPopulation: number }>(t, `/api/v1/units/28249/targets/${year}`, tokens[username] ?? '');
    expect((await read('tg.farmers', 2025)).targetPopulation).toBe(900);
    expect((await read('tg.farmers', 2026)).targetPopulation).toBe(950);
    expect((await read('tg.youth', 2025)).targetPopulation).toBe(300);
  });

  it('lets a unit officer set targets in their subtree, their own commune included, and nowhere else', async () => {
    expect((await put('tg.mytho', '28261', 2026, { targetPopulation: 5000 })).status).toBe(200);
    expect((await put('tg.mytho', '28261-01', 2026, { targetPopulation: 1300 })).status).toBe(200);
    await expectProblem(await put('tg.mytho', '28249-01', 2026, { targetPopulation: 10 }), 403, 'FORBIDDEN');
    await expectProblem(await put('tg.mytho', '82', 2026, { targetPopulation: 10 }), 403, 'FORBIDDEN');
  });

  it('refuses viewers and the Front, who may not change figures', async () => {
    await expectProblem(await put('tg.viewer', '28261-01', 2026, { targetPopulation: 1 }), 403, 'FORBIDDEN');
    await expectProblem(await put('tg.front', '28261-01', 2026, { targetPopulation: 1 }), 403, 'FORBIDDEN');
    // A viewer reads targets; the Front reads them only through its overview.
    expect(
      (await t.request('/api/v1/units/28261-01/targets/2026', { token: tokens['tg.viewer'] })).status,
    ).toBe(200);
    await expectProblem(
      await t.request('/api/v1/units/28261-01/targets/2026', { token: tokens['tg.front'] }),
      403,
      'FORBIDDEN',
    );
  });

  it('tells bad input, unknown units, years the unit did not exist and unset targets apart', async () => {
    const bad = await expectProblem(
      await put('tg.farmers', '28261-01', 2026, { targetPopulation: -1, extra: true }),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.errors?.map((e) => e.path).sort()).toEqual(['body.extra', 'body.targetPopulation']);
    await expectProblem(
      await put('tg.farmers', '28261-01', 1890, { targetPopulation: 1 }),
      400,
      'VALIDATION_FAILED',
    );
    await expectProblem(
      await put('tg.farmers', 'nowhere', 2026, { targetPopulation: 1 }),
      404,
      'UNIT_NOT_FOUND',
    );
    // The province's units exist from 1 July 2025.
    const closed = await expectProblem(
      await put('tg.farmers', '28261-01', 2024, { targetPopulation: 1 }),
      400,
      'UNIT_NOT_IN_FORCE_IN_YEAR',
    );
    expect(closed.detail).toContain('01/07/2025');
    const missing = await expectProblem(
      await t.request('/api/v1/units/28249-01/targets/2026', { token: tokens['tg.farmers'] }),
      404,
      'TARGET_NOT_FOUND',
    );
    expect(missing.titleEn).toBe('No target population set');
  });
});
