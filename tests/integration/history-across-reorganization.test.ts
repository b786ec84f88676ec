/**
 * History across a reorganization: Phường 5 and Phường 4 of the old Thành phố Mỹ Tho merged into
 * today's Phường Đạo Thạnh on 1 July 2025. Their 2024 year-end figures stay under the old units;
 * a day before the merger shows the old map, and a comparison with today sums them into the new
 * ward, naming them, in JSON and in the .xlsx, whether asked by today's id or an old code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import type { Unit } from '../../shared/domain/units.ts';
import { recordPastSnapshot } from '../../shared/figures/reading/past-snapshot.ts';
import type { Comparison, Overview } from '../../shared/figures/reading/schemas.ts';
import { FiguresRepository } from '../../shared/store/repositories/figures.ts';
import { type Scene, setUpScene } from '../setup/scene.ts';
import { getJson } from '../setup/test-app.ts';

const old = (
  id: string,
  parentId: string,
  level: Unit['level'],
  name: string,
  successorId: string | null,
): Unit => ({
  id,
  parentId,
  ancestorIds: parentId === '82' ? ['82'] : ['82', parentId],
  level,
  type: level === 'district' ? 'thanh_pho' : 'phuong',
  code: id.replace(/^old-/, ''),
  name,
  validFrom: '2004-01-01',
  validTo: '2025-06-30',
  successorId,
});

const OLD_MAP: Unit[] = [
  old('old-815', '82', 'district', 'Thành phố Mỹ Tho', null),
  old('old-28249', 'old-815', 'commune', 'Phường 5', '28249'),
  old('old-28252', 'old-815', 'commune', 'Phường 4', '28249'),
];

const YEAR_END = '2024-12-31';
const active = (n: number) => ({ members_active: n, gender_male: n });

let scene: Scene;
let front: string;

beforeAll(async () => {
  scene = await setUpScene({
    provinces: ['hr'],
    tenants: { 'hr:farmers': { units: OLD_MAP } },
    signIn: ['hr.front'],
  });
  front = scene.token('hr.front');
  const figures = new FiguresRepository(scene.t.deps.table.forTenant(toTenantId('hr:farmers')));
  const counters = new Map([
    ['82', active(50)],
    ['old-815', active(50)],
    ['old-28249', active(30)],
    ['old-28252', active(20)],
  ]);
  await recordPastSnapshot(figures, YEAR_END, counters, new Date(), 'Báo cáo cuối năm 2024');
});

describe('a day before the reorganization', () => {
  it('shows the old map, with the figures recorded under the old units', async () => {
    const province = await getJson<Overview>(
      scene.t,
      `/api/v1/front/overview?unitId=82&asOf=${YEAR_END}`,
      front,
    );
    expect(province.children.map((c) => c.unitId)).toEqual(['old-815']);
    const district = await getJson<Overview>(
      scene.t,
      `/api/v1/front/overview?unitId=old-815&asOf=${YEAR_END}`,
      front,
    );
    const farmers = (row: Overview['children'][number]) =>
      row.organizations.find((o) => o.organization === 'farmers')?.members.active;
    expect(district.children.map((c) => [c.name, farmers(c)])).toEqual([
      ['Phường 4', 20],
      ['Phường 5', 30],
    ]);
  });

  it('recording the same year-end again changes nothing', async () => {
    const figures = new FiguresRepository(scene.t.deps.table.forTenant(toTenantId('hr:farmers')));
    expect(
      await recordPastSnapshot(figures, YEAR_END, new Map([['82', active(1)]]), new Date(), 'again'),
    ).toBe('existing');
  });
});

describe('comparing the year-end with today', () => {
  const fromFarmers = (row: Comparison['children'][number] | Comparison) =>
    row.organizations.find((o) => o.organization === 'farmers')?.fromFigures.members.active;

  it('sums the merged wards into the new one and says which they were', async () => {
    const comparison = await getJson<Comparison>(
      scene.t,
      `/api/v1/front/compare?unitId=82&from=${YEAR_END}&to=2099-01-01`,
      front,
    );
    const daoThanh = comparison.children.find((c) => c.unitId === '28249');
    expect(daoThanh && fromFarmers(daoThanh)).toBe(50);
    expect(daoThanh?.includes).toEqual([
      { unitId: 'old-28252', name: 'Phường 4', partial: false },
      { unitId: 'old-28249', name: 'Phường 5', partial: false },
    ]);
    // The old district has no row of its own: its wards are counted where they went.
    expect(comparison.children.map((c) => c.unitId).sort()).toEqual(['28249', '28261']);
  });

  it('answers for the new ward when asked by an old ward’s code, saying so', async () => {
    const comparison = await getJson<Comparison>(
      scene.t,
      `/api/v1/front/compare?unitId=28252&from=${YEAR_END}&to=2099-01-01`,
      front,
    );
    expect(comparison.unitId).toBe('28249');
    expect(comparison.resolvedFrom).toEqual({
      unitId: null,
      code: '28252',
      name: 'Phường 4',
      partial: false,
    });
    expect(fromFarmers(comparison)).toBe(50);
    expect(comparison.includes?.map((u) => u.name)).toEqual(['Phường 4', 'Phường 5']);
  });

  it('names the old wards a row includes in the .xlsx', async () => {
    const response = await scene.t.request(
      `/api/v1/front/compare.xlsx?unitId=82&from=${YEAR_END}&to=2099-01-01`,
      { token: front },
    );
    expect(response.status).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const labels: string[] = [];
    workbook.getWorksheet('So sánh')?.eachRow((row) => {
      const label = row.getCell(2).value;
      if (typeof label === 'string') labels.push(label);
    });
    expect(labels).toContain('Phường Đạo Thạnh (gồm: Phường 4, Phường 5 (cũ))');
  });
});
