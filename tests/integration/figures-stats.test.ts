/**
 * An organization's own figures: members by status, gender and age band, branches, coverage
 * summed up the tree with the units lacking a target, children rows, scopes, and counts of 1–4
 * in hamlets hidden from viewers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Stats, StatsRow } from '../../shared/figures/reading/schemas.ts';
import { createOfficer, createTestApp, expectProblem, getJson, type TestApp } from '../setup/test-app.ts';
import { FIGURES_CLOCK, figuresProvince, members, TODAY, writeAggregates, YEAR } from './figures-fixtures.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const token = (username: string) => tokens[username] ?? '';

const stats = (username: string, unitId: string, asOf?: string) =>
  getJson<Stats>(t, `/api/v1/stats?unitId=${unitId}${asOf ? `&asOf=${asOf}` : ''}`, token(username));
const setTarget = async (username: string, unitId: string, year: number, targetPopulation: number) => {
  const response = await t.request(`/api/v1/units/${unitId}/targets/${year}`, {
    method: 'PUT',
    token: token(username),
    json: { targetPopulation },
  });
  expect(response.status).toBe(200);
};
const row = (s: Stats, unitId: string) => s.children.find((c) => c.unitId === unitId) as StatsRow;

beforeAll(async () => {
  t = await createTestApp({ clock: FIGURES_CLOCK.clock });
  await figuresProvince(t, 'st');
  await writeAggregates(t, 'st:farmers', {
    '28261-01': {
      ...members({
        active: 40,
        away: 5,
        lapsed: 3,
        gender_male: 30,
        gender_female: 18,
        ages: { 36: 20, 26: 28 },
      }),
      members_transferred_out: 2,
      members_deceased: 1,
      branches_residential: 1,
    },
    '28261-02': {
      ...members({ active: 3, away: 1, gender_male: 2, gender_female: 2, ages: { 46: 4 } }),
      branches_residential: 1,
    },
    '28249-01': {
      ...members({ active: 20, away: 2, gender_male: 12, gender_female: 10, ages: { 56: 22 } }),
      branches_residential: 1,
    },
    // A professional branch kept at commune level: its members count in the commune, not in a hamlet.
    '28249': {
      ...members({ active: 6, gender_male: 6, ages: { 70: 6 } }),
      professional: 6,
      branches_professional: 1,
    },
    '82': { branches_agency: 1 },
  });
  await writeAggregates(t, 'st:youth', {
    '28261-01': members({ active: 10, ages: { 16: 1, 18: 2, 19: 3, 30: 3, 32: 1 } }),
  });
  await createOfficer(t, {
    username: 'st.mytho',
    tenantId: 'st:farmers',
    role: 'unit_officer',
    scope: { unitId: '28261' },
  });
  await createOfficer(t, { username: 'st.viewer', tenantId: 'st:farmers', role: 'viewer', scope: null });
  await createOfficer(t, {
    username: 'st.branch',
    tenantId: 'st:farmers',
    role: 'branch_officer',
    scope: { branchId: 'b' },
  });
  for (const username of ['st.farmers', 'st.youth', 'st.front', 'st.mytho', 'st.viewer', 'st.branch'])
    tokens[username] = (await t.signIn(username)).access_token;
});

describe('an organization’s figures for a unit', () => {
  it('counts members by status (current ones make the total), gender, age band, branches', async () => {
    const s = await stats('st.farmers', '82');
    expect(s).toMatchObject({
      unitId: '82',
      level: 'province',
      asOf: TODAY,
      snapshot: null,
      figuresDate: TODAY,
      targetYear: YEAR,
      members: {
        total: 80,
        active: 69,
        away: 8,
        lapsed: 3,
        transferredOut: 2,
        removed: 0,
        deceased: 1,
        graduated: 0,
      },
      gender: { male: 50, female: 30 },
      professional: 6,
      branches: { total: 5, residential: 3, professional: 1, agency: 1 },
      suppressed: false,
    });
    expect(s.ageBands).toEqual([
      { band: '18-30', count: 28 },
      { band: '31-45', count: 20 },
      { band: '46-60', count: 26 },
      { band: '61+', count: 6 },
    ]);
  });

  it('gives each child in force its row, in Vietnamese name order', async () => {
    const s = await stats('st.farmers', '82');
    expect(s.children.map((c) => [c.unitId, c.name, c.members.total])).toEqual([
      ['28249', 'Phường Đạo Thạnh', 28],
      ['28261', 'Phường Mỹ Tho', 52],
    ]);
    const commune = await stats('st.farmers', '28261');
    expect(commune.children.map((c) => [c.unitId, c.members.active])).toEqual([
      ['28261-01', 40],
      ['28261-02', 3],
    ]);
  });

  it('uses bands that suit the Youth Union', async () => {
    const s = await stats('st.youth', '28261-01');
    expect(s.ageBands).toEqual([
      { band: '16-18', count: 3 },
      { band: '19-24', count: 3 },
      { band: '25-30', count: 3 },
      { band: '31+', count: 1 },
    ]);
    expect(s.children).toEqual([]);
  });

  it('reads a unit with no aggregate as all zeros', async () => {
    const s = await stats('st.youth', '28249');
    expect(s.members).toMatchObject({ total: 0, active: 0 });
    expect(s.branches).toEqual({ total: 0, residential: 0, professional: 0, agency: 0 });
  });
});

describe('coverage', () => {
  it('sums active members and targets over the units that have one, and lists the units without', async () => {
    await setTarget('st.farmers', '28261-01', YEAR, 80);
    await setTarget('st.farmers', '28261-02', YEAR, 10);
    const s = await stats('st.farmers', '82');
    // (40 + 3) ÷ (80 + 10); commune 28249 and its hamlets contribute to neither side. Ấp Mới,
    // where the farmers have no branch yet, is on the province's map: it lacks a target too.
    expect(s).toMatchObject({
      targetPopulation: 90,
      coverage: 0.4778,
      notYetGathered: 47,
      unitsWithoutTarget: 2,
    });
    expect(s.missingTargets).toEqual([
      { unitId: '28249-01', name: 'Ấp Bình Tạo', level: 'hamlet', parentId: '28249' },
      { unitId: '28249-02', name: 'Ấp Mới', level: 'hamlet', parentId: '28249' },
    ]);
    expect(row(s, '28261')).toMatchObject({ targetPopulation: 90, coverage: 0.4778, unitsWithoutTarget: 0 });
    expect(row(s, '28249')).toMatchObject({
      targetPopulation: null,
      coverage: null,
      notYetGathered: null,
      unitsWithoutTarget: 2,
    });
    const hamlets = await stats('st.farmers', '28261');
    expect(row(hamlets, '28261-01')).toMatchObject({
      targetPopulation: 80,
      coverage: 0.5,
      notYetGathered: 40,
    });
    expect(row(hamlets, '28261-02')).toMatchObject({ targetPopulation: 10, coverage: 0.3 });
  });

  it('lets a commune’s own target speak for its whole subtree, hamlets included', async () => {
    await setTarget('st.farmers', '28249', YEAR, 52);
    const s = await stats('st.farmers', '82');
    // Commune 28249 brings all its 26 active members (its professional branch too) against 52.
    expect(s).toMatchObject({
      targetPopulation: 142,
      coverage: 0.4859,
      unitsWithoutTarget: 0,
      missingTargets: [],
    });
    expect(row(s, '28249')).toMatchObject({ targetPopulation: 52, coverage: 0.5, unitsWithoutTarget: 0 });
    // On the commune's own page its hamlet still lacks a target of its own.
    const commune = await stats('st.farmers', '28249');
    expect(commune).toMatchObject({ targetPopulation: 52, coverage: 0.5, missingTargets: [] });
    expect(row(commune, '28249-01')).toMatchObject({ targetPopulation: null, unitsWithoutTarget: 1 });
  });

  it('counts a commune without hamlets as lacking a target itself', async () => {
    const s = await stats('st.youth', '82');
    expect(s.missingTargets.map((u) => u.unitId).sort()).toEqual([
      '28249-01',
      '28249-02',
      '28261-01',
      '28261-02',
    ]);
    expect(s).toMatchObject({ targetPopulation: null, coverage: null, unitsWithoutTarget: 4 });
  });

  it('uses the targets of the year the figures stand for', async () => {
    await setTarget('st.farmers', '28261-01', YEAR - 1, 8000);
    const s = await stats('st.farmers', '28261');
    expect(s.targetPopulation).toBe(90);
  });
});

describe('who sees what', () => {
  it('shows counts of 1–4 in hamlets to admins and unit officers, hides them from viewers', async () => {
    const byAdmin = await stats('st.farmers', '28261');
    expect(row(byAdmin, '28261-02')).toMatchObject({
      members: { total: 4, active: 3, away: 1 },
      suppressed: false,
    });
    const byOfficer = await stats('st.mytho', '28261-02');
    expect(byOfficer).toMatchObject({ members: { total: 4 }, suppressed: false });

    const byViewer = await stats('st.viewer', '28261');
    const hidden = row(byViewer, '28261-02');
    // Its 0 lapsed too: the commune's 3 lapsed minus it would give 28261-01's hidden 3 back.
    expect(hidden).toMatchObject({
      members: { total: null, active: null, away: null, lapsed: null },
      gender: { male: null, female: null },
      coverage: null,
      notYetGathered: null,
      targetPopulation: 10,
      branches: { residential: 1 },
      suppressed: true,
    });
    expect(hidden.ageBands.find((b) => b.band === '46-60')?.count).toBeNull();
    // Communes are never suppressed.
    expect(byViewer).toMatchObject({ members: { total: 52, away: 6 }, suppressed: false });
    expect(row(byViewer, '28261-01')).toMatchObject({
      members: { lapsed: null, transferredOut: null, removed: 0 },
      suppressed: true,
    });
    // Two hamlets: whatever is hidden in one is hidden in the other, or the commune minus it tells.
    for (const [field, value] of Object.entries(hidden.members))
      if (value === null)
        expect(row(byViewer, '28261-01').members[field as keyof StatsRow['members']]).toBeNull();
  });

  it('keeps a unit officer to their subtree, and branch officers and the Front out', async () => {
    expect((await stats('st.mytho', '28261')).members.total).toBe(52);
    for (const unitId of ['82', '28249', '28249-01'])
      await expectProblem(
        await t.request(`/api/v1/stats?unitId=${unitId}`, { token: token('st.mytho') }),
        403,
        'FORBIDDEN',
      );
    for (const username of ['st.branch', 'st.front'])
      await expectProblem(
        await t.request('/api/v1/stats?unitId=82', { token: token(username) }),
        403,
        'FORBIDDEN',
      );
  });

  it('answers a day before any snapshot with a clear 404, and bad queries with 400', async () => {
    const none = await expectProblem(
      await t.request('/api/v1/stats?unitId=82&asOf=2025-08-31', { token: token('st.farmers') }),
      404,
      'NO_FIGURES_FOR_DATE',
    );
    expect(none.detail).toContain('31/08/2025');
    await expectProblem(
      await t.request('/api/v1/stats?unitId=nowhere', { token: token('st.farmers') }),
      404,
      'UNIT_NOT_FOUND',
    );
    await expectProblem(
      await t.request('/api/v1/stats?unitId=82&asOf=31-08-2025', { token: token('st.farmers') }),
      400,
      'VALIDATION_FAILED',
    );
    await expectProblem(
      await t.request('/api/v1/stats', { token: token('st.farmers') }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('reads the current figures for today and any later day', async () => {
    const later = await stats('st.farmers', '82', '2999-12-31');
    expect(later).toMatchObject({ snapshot: null, figuresDate: TODAY, members: { total: 80 } });
  });
});
