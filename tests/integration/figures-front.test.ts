/**
 * The Front's consolidated view: the four organizations side by side for a unit and its
 * children, totals with coverage and distinct persons, hamlet counts under 5 hidden, only its
 * own province, snapshots for past days, comparisons, and what a read costs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import type { Comparison, FrontRow, Overview } from '../../shared/figures/reading/schemas.ts';
import { derivable, type KnownSum } from '../setup/linear-attack.ts';
import { createTestApp, expectProblem, getJson, type TestApp } from '../setup/test-app.ts';
import {
  type Counts,
  countingApp,
  FIGURES_CLOCK,
  figuresProvince,
  members,
  ORGS,
  type SentCommand,
  scaled,
  TODAY,
  writeAggregates,
  YEAR,
} from './figures-fixtures.ts';
import { FARMERS, farmersGrow, writeOrganizations } from './front-dashboard-scene.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const token = (username: string) => tokens[username] ?? '';

const overview = (unitId: string, asOf?: string, username = 'fr.front') =>
  getJson<Overview>(
    t,
    `/api/v1/front/overview?unitId=${unitId}${asOf ? `&asOf=${asOf}` : ''}`,
    token(username),
  );
const org = (row: FrontRow, organization: string) =>
  row.organizations.find((o) => o.organization === organization);
const child = <T extends { unitId: string }>(rows: T[], unitId: string) =>
  rows.find((r) => r.unitId === unitId) as T;
const none = { excellent: 0, good: 0, fulfilled: 0, not_fulfilled: 0 };
/** Nobody rated this year: counts and shares all zero. */
const NOBODY_RATED = { year: YEAR, counts: none, rated: 0, percentages: none };
const level = { count: 0, percent: 0 };
/** No branch rated this year: every level and every kind's standard zero. */
const NO_BRANCH_RATED = {
  year: YEAR,
  byLevel: { strong: level, good: level, average: level, weak: level },
  rated: 0,
  standards: ['residential', 'professional', 'agency'].map((kind) => ({
    kind,
    met: 0,
    rated: 0,
    percent: null,
  })),
};
/** No review this year nor the year before. */
const NOT_REVIEWED = {
  year: YEAR,
  ...{ branches: 0, done: 0, members: 0, reviewed: 0, active: 0, away: 0, lapsed: 0, left: 0 },
  previousYear: null,
};

async function putTarget(username: string, unitId: string, year: number, targetPopulation: number) {
  const response = await t.request(`/api/v1/units/${unitId}/targets/${year}`, {
    method: 'PUT',
    token: token(username),
    json: { targetPopulation },
  });
  expect(response.status).toBe(200);
}

async function snapshot(username: string, body: unknown) {
  return t.request('/api/v1/admin/snapshots', { method: 'POST', token: token(username), json: body });
}

beforeAll(async () => {
  t = await createTestApp({ clock: FIGURES_CLOCK.clock });
  await figuresProvince(t, 'fr');
  await figuresProvince(t, 'fz');
  await writeOrganizations(t, 'fr');
  // The other province's farmers are far more: none of it may reach fr's Front.
  await writeAggregates(t, 'fz:farmers', scaled(FARMERS, 1000));
  for (const username of ['root.operator', 'fr.front', 'fr.farmers', 'fr.women', 'fr.youth', 'fz.front'])
    tokens[username] = (await t.signIn(username)).access_token;
  await putTarget('fr.farmers', '28261-01', YEAR, 80);
  await putTarget('fr.women', '28261-01', YEAR, 60);
  await putTarget('fr.youth', '28261', YEAR, 50);
});

describe('the overview of a province', () => {
  it('lays the four organizations side by side, with their total', async () => {
    const o = await overview('82');
    expect(o).toMatchObject({ unitId: '82', level: 'province', asOf: TODAY });
    expect(o.organizations.map((x) => x.organization)).toEqual(['farmers', 'women', 'veterans', 'youth']);
    expect(org(o, 'farmers')).toEqual({
      organization: 'farmers',
      members: {
        total: 72,
        active: 63,
        away: 6,
        lapsed: 3,
        transferredOut: 0,
        removed: 0,
        deceased: 0,
        graduated: 0,
      },
      professional: 0,
      branches: { total: 3, residential: 3, professional: 0, agency: 0 },
      targetPopulation: 80,
      coverage: 0.5,
      notYetGathered: 40,
      // 28261-02, 28249-01 and 28249-02: the map is shared, a hamlet without farmers counts too.
      unitsWithoutTarget: 3,
      party: { year: YEAR, introduced: 0, admitted: 0 },
      memberRatings: NOBODY_RATED,
      branchRatings: NO_BRANCH_RATED,
      review: NOT_REVIEWED,
      suppressed: false,
    });
    expect(org(o, 'veterans')).toMatchObject({
      members: { total: 7 },
      targetPopulation: null,
      coverage: null,
    });
    expect(org(o, 'youth')).toMatchObject({ members: { total: 14 }, targetPopulation: 50, coverage: 0.2 });
    // Coverage adds active members and targets, not percentages: (40 + 30 + 10) ÷ (80 + 60 + 50).
    expect(o.total).toEqual({
      members: {
        total: 135,
        active: 122,
        away: 10,
        lapsed: 3,
        transferredOut: 0,
        removed: 0,
        deceased: 0,
        graduated: 0,
      },
      professional: 0,
      branches: { total: 6, residential: 5, professional: 0, agency: 1 },
      targetPopulation: 190,
      coverage: 0.4211,
      notYetGathered: 110,
      unitsWithoutTarget: 12,
      party: { year: YEAR, introduced: 0, admitted: 0 },
      memberRatings: NOBODY_RATED,
      branchRatings: NO_BRANCH_RATED,
      review: NOT_REVIEWED,
      uniquePersons: 0,
      suppressed: false,
    });
    expect(o.sources).toEqual(
      ['farmers', 'women', 'veterans', 'youth', 'front'].map((tenant) => ({
        tenant,
        snapshot: null,
        figuresDate: TODAY,
        available: true,
        targetYear: YEAR,
        revised: false,
        revisions: [],
      })),
    );
  });

  it('gives each commune the same shape, so a table by commune comes from one call', async () => {
    const o = await overview('82');
    expect(o.children.map((c) => [c.unitId, c.name, c.total.members.total])).toEqual([
      ['28249', 'Phường Đạo Thạnh', 39],
      ['28261', 'Phường Mỹ Tho', 96],
    ]);
    expect(org(child(o.children, '28261'), 'youth')).toMatchObject({ targetPopulation: 50, coverage: 0.2 });
    expect(child(o.children, '28249').total).toMatchObject({ targetPopulation: null, coverage: null });
  });

  it('rows hamlets from all four trees, and hides counts under 5 in them', async () => {
    const o = await overview('28249');
    // Only the women's union keeps Ấp Mới: it still gets its row.
    expect(o.children.map((c) => c.unitId)).toEqual(['28249-01', '28249-02']);
    expect(org(child(o.children, '28249-02'), 'women')).toMatchObject({ members: { total: 12 } });

    const mytho = await overview('28261');
    const small = child(mytho.children, '28261-02');
    // Its 0 lapsed too: the commune's 3 lapsed minus it would give Khóm 1's hidden 3 back.
    expect(org(small, 'farmers')).toMatchObject({
      members: { total: null, active: null, away: null, lapsed: null },
      coverage: null,
      suppressed: true,
    });
    expect(small.total).toMatchObject({ members: { total: null, active: null }, suppressed: true });
    const big = child(mytho.children, '28261-01');
    // Youth 14 = 10 present + 4 away: the 4 is hidden, and so is enough beside it that 14 − 10
    // cannot give it back.
    const youth = org(big, 'youth');
    expect(youth).toMatchObject({ members: { away: null }, suppressed: true });
    expect([youth?.members.total, youth?.members.active]).toContain(null);
    // Two hamlets: whatever is hidden in one is hidden in the other, or the commune minus it tells.
    const farmers = org(big, 'farmers');
    expect(farmers).toMatchObject({ members: { lapsed: null }, suppressed: true });
    for (const [field, value] of Object.entries(org(small, 'farmers')?.members ?? {}))
      if (value === null) expect(farmers?.members[field as keyof typeof farmers.members]).toBeNull();
  });

  it('gives distinct persons from the Front’s own aggregate, in hamlets too, hiding the small', async () => {
    const front = t.deps.table.forTenant(toTenantId('fr:front'));
    const persons = { '82': 120, '28261': 88, '28261-01': 86, '28261-02': 3, '28249': 32, '28249-01': 25 };
    for (const [unitId, count] of Object.entries(persons))
      await front.put({
        entity: 'aggregate',
        key: { pk: `AGG#${unitId}`, sk: 'CURRENT' },
        data: { unique_persons: count },
      });
    const o = await overview('82');
    expect(o.total.uniquePersons).toBe(120);
    expect(child(o.children, '28261').total.uniquePersons).toBe(88);
    expect(child(o.children, '28249').total.uniquePersons).toBe(32);
    const hamlets = await overview('28261');
    expect(hamlets.total.uniquePersons).toBe(88);
    // Khóm 2's 3 are hidden, and Khóm 1's 86 with them: 88 − 86 would give the 3 back.
    expect(child(hamlets.children, '28261-02').total.uniquePersons).toBeNull();
    expect(child(hamlets.children, '28261-01').total.uniquePersons).toBeNull();
    const inDaoThanh = await overview('28249');
    expect(child(inDaoThanh.children, '28249-01').total.uniquePersons).toBe(25);
  });

  it('never returns a name, an id number or a member id', async () => {
    const text = JSON.stringify(await overview('28261'));
    expect(text).not.toMatch(/fullName|nationalId|memberId|"id"/);
  });
});

describe('who may read it', () => {
  it('is the Front’s, of its own province only', async () => {
    const other = await overview('82', undefined, 'fz.front');
    expect(org(other, 'farmers')?.members.total).toBe(72_000);
    expect((await overview('82')).organizations[0]?.members.total).toBe(72);
    for (const username of ['fr.farmers', 'root.operator'])
      await expectProblem(
        await t.request('/api/v1/front/overview?unitId=82', { token: token(username) }),
        403,
        'FORBIDDEN',
      );
  });

  it('answers unknown units and bad queries with problems', async () => {
    await expectProblem(
      await t.request('/api/v1/front/overview?unitId=nowhere', { token: token('fr.front') }),
      404,
      'UNIT_NOT_FOUND',
    );
    await expectProblem(
      await t.request('/api/v1/front/compare?unitId=82&from=2026-02-01&to=2026-01-01', {
        token: token('fr.front'),
      }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('snapshots and past days', () => {
  beforeAll(async () => {
    await putTarget('fr.farmers', '28261-01', 2025, 100);
    const response = await snapshot('root.operator', { date: '2025-12-31', provinceId: 'fr' });
    expect(response.status).toBe(200);
    expect(
      ((await response.json()) as { tenants: { tenantId: string }[] }).tenants.map((x) => x.tenantId),
    ).toEqual(['farmers', 'women', 'veterans', 'youth', 'front'].map((kind) => `fr:${kind}`));
    // After the year end the farmers grow by 20 present members in Khóm 1.
    await farmersGrow(t, 'fr');
  });

  it('answers a past day from the latest snapshot on or before it, with that year’s targets', async () => {
    const o = await overview('82', '2026-03-15');
    expect(o.sources.map((s) => [s.tenant, s.snapshot, s.available, s.targetYear])).toEqual(
      ['farmers', 'women', 'veterans', 'youth', 'front'].map((tenant) => [tenant, '2025-12-31', true, 2025]),
    );
    expect(org(o, 'farmers')).toMatchObject({ members: { total: 72 }, targetPopulation: 100, coverage: 0.4 });
    expect(o.total).toMatchObject({
      members: { total: 135 },
      targetPopulation: 100,
      coverage: 0.4,
      uniquePersons: 120,
    });
    expect((await overview('82')).total.members.total).toBe(155);
  });

  it('answers a past day’s hamlets from the snapshot: the Front’s distinct people and each organization', async () => {
    const o = await overview('28249', '2026-03-15');

    const hamlet = child(o.children, '28249-01');
    expect(hamlet.total.uniquePersons).toBe(25);
    expect(org(hamlet, 'farmers')).toMatchObject({ members: { total: 20 } });
    expect(org(child(o.children, '28249-02'), 'women')).toMatchObject({ members: { total: 12 } });
  });

  it('has no figures for a day before the first snapshot', async () => {
    const o = await overview('82', '2025-09-30');
    expect(o.sources.every((s) => !s.available && s.snapshot === null)).toBe(true);
    expect(org(o, 'farmers')).toMatchObject({
      members: { total: null },
      coverage: null,
      unitsWithoutTarget: null,
    });
    expect(o.total.members.total).toBeNull();
  });

  it('lets an organization admin snapshot their own organization, and nobody else anything', async () => {
    const own = await snapshot('fr.farmers', { date: '2026-06-30' });
    expect(await own.json()).toMatchObject({ date: '2026-06-30', tenants: [{ tenantId: 'fr:farmers' }] });
    const stats = await getJson<{ snapshot: string; members: { total: number } }>(
      t,
      '/api/v1/stats?unitId=82&asOf=2026-07-15',
      token('fr.farmers'),
    );
    expect(stats).toMatchObject({ snapshot: '2026-06-30', members: { total: 92 } });
    const o = await overview('82', '2026-07-15');
    expect(o.sources.map((s) => s.snapshot)).toEqual([
      '2026-06-30',
      '2025-12-31',
      '2025-12-31',
      '2025-12-31',
      '2025-12-31',
    ]);

    await expectProblem(await snapshot('fr.front', { date: '2026-06-30' }), 403, 'FORBIDDEN');
    await expectProblem(await snapshot('root.operator', { date: '2026-06-30' }), 400, 'VALIDATION_FAILED');
    await expectProblem(
      await snapshot('root.operator', { date: '2026-06-30', provinceId: 'nowhere' }),
      404,
      'PROVINCE_NOT_FOUND',
    );
    await expectProblem(await snapshot('fr.farmers', { date: '2999-01-01' }), 400, 'VALIDATION_FAILED');
  });
});

describe('comparing two days', () => {
  it('gives the differences the Front writes about: members up, coverage up so many points', async () => {
    const c = await getJson<Comparison>(
      t,
      `/api/v1/front/compare?unitId=82&from=2025-12-31&to=${TODAY}`,
      token('fr.front'),
    );
    expect(c).toMatchObject({ unitId: '82', from: '2025-12-31', to: TODAY });
    expect(c.total.change).toMatchObject({
      members: { total: 20, active: 20, away: 0 },
      targetPopulation: 90,
      // 40 ÷ 100 then; (60 + 30 + 10) ÷ (80 + 60 + 50) now.
      coveragePoints: 12.63,
      uniquePersons: 0,
    });
    expect(c.summary.vi).toBe(
      'Tổng số hội viên, đoàn viên tăng 20 (từ 135 đến 155); tỷ lệ tập hợp tăng 12,63 điểm phần trăm (từ 40,00% đến 52,63%).',
    );
    expect(c.summary.en).toBe(
      'Members up 20 (from 135 to 155); coverage up 12.63 points (from 40.00% to 52.63%).',
    );
    const farmers = c.organizations.find((o) => o.organization === 'farmers');
    expect(farmers?.change).toMatchObject({ members: { total: 20 }, coveragePoints: 35 });
    expect(child(c.children, '28261').total.change.members.total).toBe(20);
    expect(child(c.children, '28249').total.change.members.total).toBe(0);
  });
});

describe('exports for the level above', () => {
  const download = async (path: string) => {
    const response = await t.request(path, { token: token('fr.front') });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    return { workbook, disposition: response.headers.get('content-disposition') };
  };
  /** The values of a sheet's rows, by the label in column B. */
  const rowsOf = (sheet: import('exceljs').Worksheet) => {
    const rows = new Map<string, import('exceljs').Row>();
    sheet.eachRow((row) => {
      // Below the titles (merged across, they would read as any column's value).
      const label = row.number > 4 ? row.getCell(2).value : null;
      if (typeof label === 'string') rows.set(label, row);
    });
    return rows;
  };

  it('lays the overview out with organizations as columns and units as rows, in Vietnamese', async () => {
    const { workbook, disposition } = await download('/api/v1/front/overview.xlsx?unitId=28261');
    expect(disposition).toBe(`attachment; filename="tong-hop-28261-${TODAY}.xlsx"`);
    const sheet = workbook.getWorksheet('Tổng hợp');
    if (!sheet) throw new Error('no summary sheet');
    expect(sheet.getRow(1).getCell(1).value).toBe('BÁO CÁO SỐ LIỆU TỔNG HỢP CÁC ĐOÀN THỂ CHÍNH TRỊ - XÃ HỘI');
    expect(sheet.getRow(4).getCell(3).value).toBe('Hội Nông dân');
    expect(sheet.getRow(5).getCell(3).value).toBe('Hội viên, đoàn viên');
    const rows = rowsOf(sheet);
    expect([...rows.keys()]).toEqual(['Đơn vị', 'Khóm 1', 'Khóm 2', 'Phường Mỹ Tho']);
    const total = rows.get('Phường Mỹ Tho');
    // Farmers' members, present members, target, coverage: numbers, with number formats.
    expect([3, 4, 5, 6].map((c) => total?.getCell(c).value)).toEqual([72, 63, 80, 0.75]);
    expect(total?.getCell(3).numFmt).toBe('#,##0');
    expect(total?.getCell(6).numFmt).toBe('0.00%');
    // Khóm 2's farmers (4 members) are hidden.
    expect(rows.get('Khóm 2')?.getCell(3).value).toBe('*');
  });

  it('rounds each row’s shares to add up to exactly 100 %', async () => {
    const { workbook } = await download('/api/v1/front/overview.xlsx?unitId=82');
    const sheet = workbook.getWorksheet('Cơ cấu');
    if (!sheet) throw new Error('no structure sheet');
    const row = rowsOf(sheet).get('Tỉnh fr');
    const farmers = [3, 4, 5].map((c) => row?.getCell(c).value as number);
    expect(Math.round(farmers.reduce((a, b) => a + b, 0) * 10_000)).toBe(10_000);
    // 83 present, 6 away, 3 lapsed of the province's 92 current farmers.
    expect(farmers).toEqual([0.9022, 0.0652, 0.0326]);
  });

  it('lays the comparison out with both days and the change, and the sentence on top', async () => {
    const { workbook } = await download(`/api/v1/front/compare.xlsx?unitId=82&from=2025-12-31&to=${TODAY}`);
    const sheet = workbook.getWorksheet('So sánh');
    if (!sheet) throw new Error('no comparison sheet');
    expect(String(sheet.getRow(3).getCell(1).value)).toContain('tăng 12,63 điểm phần trăm');
    const total = rowsOf(sheet).get('Tỉnh fr');
    expect([3, 4, 5, 6, 7, 8].map((c) => total?.getCell(c).value)).toEqual([72, 92, 20, 0.4, 0.75, 35]);
  });
});

describe('suppression that subtraction cannot undo', () => {
  // The issue's Khóm 1: farmers 6 = 5 present + 1 away, one woman; row total 7, 6 present.
  const SMALL: Record<string, Record<string, Counts>> = {
    farmers: {
      '28261-01': members({ active: 5, away: 1 }),
      '28261-02': members({ active: 30, away: 6, lapsed: 5 }),
    },
    women: { '28261-01': members({ active: 1 }), '28261-02': members({ active: 20, away: 2 }) },
    veterans: { '28261-02': members({ active: 9 }) },
    youth: { '28261-02': members({ active: 8, away: 7 }) },
  };
  const FIELDS = ['total', 'active', 'away', 'lapsed'] as const;
  const GROUPS = [...ORGS, 'total'] as const;

  beforeAll(async () => {
    await figuresProvince(t, 'fs');
    for (const [organization, own] of Object.entries(SMALL))
      await writeAggregates(t, `fs:${organization}`, own);
    tokens['fs.front'] = (await t.signIn('fs.front')).access_token;
  });

  /** Cells of the overview by name (`28261-01/farmers.away`), null where hidden, from every row shown. */
  const cellsOf = (rows: FrontRow[]) => {
    const cells = new Map<string, number | null>();
    for (const row of rows)
      for (const group of GROUPS) {
        const figures = group === 'total' ? row.total : org(row, group);
        for (const field of FIELDS)
          cells.set(`${row.unitId}/${group}.${field}`, figures?.members[field] ?? null);
      }
    return cells;
  };
  /** What a reader adds up: statuses, organizations, and the commune as the sum of its hamlets. */
  const sumsOf = (commune: string, hamlets: string[]): KnownSum[] => {
    const at = (unit: string, group: string, field: string) => `${unit}/${group}.${field}`;
    const sums: KnownSum[] = [];
    for (const unit of [commune, ...hamlets]) {
      for (const group of GROUPS)
        sums.push({
          whole: at(unit, group, 'total'),
          parts: ['active', 'away', 'lapsed'].map((f) => at(unit, group, f)),
        });
      for (const field of FIELDS)
        sums.push({ whole: at(unit, 'total', field), parts: ORGS.map((o) => at(unit, o, field)) });
    }
    for (const group of GROUPS)
      for (const field of FIELDS)
        sums.push({ whole: at(commune, group, field), parts: hamlets.map((h) => at(h, group, field)) });
    return sums;
  };

  it('hides the away farmer and the woman of a hamlet so that no sum of the JSON gives them back', async () => {
    const commune = await overview('28261', undefined, 'fs.front');
    // The hamlet read on its own too: a reader would put both answers side by side.
    const alone = await overview('28261-01', undefined, 'fs.front');
    const cells = cellsOf([commune, ...commune.children]);
    for (const [name, value] of cellsOf([alone])) if (value !== null) cells.set(name, value);
    expect(cells.get('28261-01/farmers.away')).toBeNull();
    expect(cells.get('28261-01/women.active')).toBeNull();
    const hidden = new Set([...cells].filter(([, value]) => value === null).map(([name]) => name));
    expect(derivable(sumsOf('28261', ['28261-01', '28261-02']), hidden)).toEqual([]);
  });

  it('shows them as suppressed in the .xlsx, where no sum of the sheet gives them back either', async () => {
    const response = await t.request('/api/v1/front/overview.xlsx?unitId=28261', {
      token: token('fs.front'),
    });
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('Tổng hợp');
    if (!sheet) throw new Error('no summary sheet');
    // Each group has members, present members, target, coverage, branches (the total adds distinct persons).
    const cells = new Map<string, unknown>();
    const units = new Map([
      ['Khóm 1', '28261-01'],
      ['Khóm 2', '28261-02'],
      ['Phường Mỹ Tho', '28261'],
    ]);
    sheet.eachRow((row) => {
      const unit = units.get(String(row.getCell(2).value));
      if (!unit || row.number <= 5) return;
      GROUPS.forEach((group, g) => {
        cells.set(`${unit}/${group}.total`, row.getCell(3 + g * 5).value);
        cells.set(`${unit}/${group}.active`, row.getCell(4 + g * 5).value);
      });
    });
    expect(cells.get('28261-01/women.total')).toBe('*');
    expect(cells.get('28261-01/women.active')).toBe('*');
    // Present and total farmers of Khóm 1 are not both shown: their difference is the away one.
    expect([cells.get('28261-01/farmers.total'), cells.get('28261-01/farmers.active')]).toContain('*');
    const hidden = new Set([...cells].filter(([, value]) => value === '*').map(([name]) => name));
    const sums = sumsOf('28261', ['28261-01', '28261-02']).filter(
      (sum) => cells.has(sum.whole) && sum.parts.every((part) => cells.has(part)),
    );
    expect(derivable(sums, hidden)).toEqual([]);
    // The shares of present, away and lapsed members would give the counts back from the total.
    const shares = workbook.getWorksheet('Cơ cấu');
    let farmersShares: unknown[] = [];
    shares?.eachRow((row) => {
      if (row.number > 5 && row.getCell(2).value === 'Khóm 1')
        farmersShares = [3, 4, 5].map((c) => row.getCell(c).value);
    });
    expect(farmersShares).toEqual(['*', '*', '*']);
  });
});

describe('what reading costs', () => {
  /** The partition keys a command reads: the proof of what it touched. */
  const partitionsRead = (command: SentCommand): string[] => {
    const input = command.input as {
      Key?: { PK: string };
      RequestItems?: Record<string, { Keys: { PK: string }[] }>;
      ExpressionAttributeValues?: Record<string, unknown>;
    };
    if (input.Key) return [input.Key.PK];
    if (input.RequestItems) return Object.values(input.RequestItems).flatMap((r) => r.Keys.map((k) => k.PK));
    return [String(input.ExpressionAttributeValues?.[':pk'])];
  };

  it('reads units, targets and aggregates only, as many as the units shown, whatever the members', async () => {
    const counting = countingApp(t);
    const measure = async (path: string) => {
      const { response, commands } = await counting.request(path, token('fr.front'));
      expect(response.status).toBe(200);
      return commands;
    };
    const before = await measure('/api/v1/front/overview?unitId=82');
    const kinds = (commands: SentCommand[]) => commands.map((c) => c.name).sort();
    expect(new Set(kinds(before))).toEqual(
      new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand']),
    );
    for (const pk of before.flatMap(partitionsRead))
      expect(pk).toMatch(/^fr:(farmers|women|veterans|youth|front|map)#(UNIT|CHILDREN|TARGETS|AGG)#/);

    // Ten times the members (every count × 10): not one read more.
    await writeOrganizations(t, 'fr', 10);
    const after = await measure('/api/v1/front/overview?unitId=82');
    expect(kinds(after)).toEqual(kinds(before));
    expect((await overview('82')).total.members.total).toBe(1350);

    // Per organization: the unit, its children, its targets, the children of each commune no
    // target covers (to find the units lacking one: 2 here), one batch of aggregates; and one
    // batch of the Front's own aggregates; one read resolving the unit asked for in the map. A
    // past day adds a Query of each snapshot register.
    const per = ORGS.length;
    expect(before.length).toBeLessThanOrEqual(per * (1 + 1 + 1 + 2 + 1) + 1 + 1);
    const past = await measure('/api/v1/front/overview?unitId=82&asOf=2026-03-15');
    expect(past.length).toBeLessThanOrEqual(per * (1 + 1 + 1 + 1 + 2 + 1) + 2 + 1);
    for (const pk of past.flatMap(partitionsRead))
      expect(pk).toMatch(
        /^fr:(farmers|women|veterans|youth|front|map)#(UNIT#|CHILDREN#|TARGETS#|AGG#|SNAPSHOTS$)/,
      );
    console.info(`front overview of the province: ${before.length} calls now, ${past.length} for a past day`);
  });
});
