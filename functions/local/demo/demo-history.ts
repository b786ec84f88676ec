/**
 * The demo's past, so the comparison across the 2025 reorganization can be seen after `npm start`:
 * the old wards of Thành phố Mỹ Tho (Tiền Giang) that became today's Phường Đạo Thạnh and Phường
 * Mỹ Tho, recorded in the map as closed units (to 30 June 2025, each naming its successor, from
 * the official table, shared/domain/admin-units), and a 2024 year-end snapshot of each tenant
 * under them. The members come in the background after start, so the year-end figures are made
 * from what the generator gives a commune on average, 85–95 % of it, deterministically.
 * Idempotent: the units are plain puts and a day already recorded is left as it stands.
 */
import { createHash } from 'node:crypto';
import { officialPredecessors } from '#shared/domain/admin-units/official-2025.ts';
import { TENANT_KINDS, tenantIdOf } from '#shared/domain/organizations.ts';
import { toTenantId } from '#shared/domain/tenant-id.ts';
import type { Unit } from '#shared/domain/units.ts';
import { AGGREGATE_COUNTERS } from '#shared/figures/counters.ts';
import { recordPastSnapshot } from '#shared/figures/reading/past-snapshot.ts';
import { FiguresRepository } from '#shared/store/repositories/figures.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import type { Table } from '#shared/store/table.ts';

const PROVINCE_CODE = '82';
const MERGED_INTO = ['28249', '28261'] as const;
const YEAR_END = '2024-12-31';
const CLOSED_ON = '2025-06-30';
/** What the generator gives a commune of one organization, on average, with its default 2000 members. */
const MEMBERS_PER_COMMUNE = 20;

/** Old units share codes with today's (a new commune kept one predecessor's): their ids say "old". */
const oldId = (code: string) => `old-${code}`;

function oldMap(): Unit[] {
  const communes = MERGED_INTO.flatMap((newCode) =>
    officialPredecessors(PROVINCE_CODE, newCode).map((p) => ({ ...p, newCode })),
  );
  const districts = new Map(communes.map((c) => [c.districtCode, c.district]));
  const closed = { validFrom: '2004-01-01', validTo: CLOSED_ON };
  return [
    ...[...districts].map(
      ([code, name]): Unit => ({
        id: oldId(code),
        parentId: PROVINCE_CODE,
        ancestorIds: [PROVINCE_CODE],
        level: 'district',
        type: name.startsWith('Thành phố') ? 'thanh_pho' : name.startsWith('Thị xã') ? 'thi_xa' : 'huyen',
        code,
        name,
        ...closed,
        successorId: null,
      }),
    ),
    ...communes.map(
      (c): Unit => ({
        id: oldId(c.code),
        parentId: oldId(c.districtCode),
        ancestorIds: [PROVINCE_CODE, oldId(c.districtCode)],
        level: 'commune',
        type: c.name.startsWith('Phường') ? 'phuong' : c.name.startsWith('Thị trấn') ? 'thi_tran' : 'xa',
        code: c.code,
        name: c.name,
        ...closed,
        successorId: c.newCode,
      }),
    ),
  ];
}

/** A fraction in [0, 1) fixed by the text. */
export const fraction = (text: string) =>
  createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;

function counters(units: Unit[], tenant: string): Map<string, Record<string, number>> {
  const items = new Map<string, Record<string, number>>();
  const add = (unitId: string, counts: Record<string, number>) => {
    const item = items.get(unitId) ?? {};
    for (const [k, v] of Object.entries(counts)) item[k] = (item[k] ?? 0) + v;
    items.set(unitId, item);
  };
  for (const commune of units.filter((u) => u.level === 'commune')) {
    const parts = units.filter((u) => u.successorId === commune.successorId).length;
    const share = (0.85 + 0.1 * fraction(`${tenant}|${commune.id}`)) / parts;
    const total = Math.round(MEMBERS_PER_COMMUNE * share * (tenant === 'front' ? 3.4 : 1));
    const counts: Record<string, number> =
      tenant === 'front'
        ? { [AGGREGATE_COUNTERS.uniquePersons]: total }
        : {
            [AGGREGATE_COUNTERS.members.active]: total - Math.floor(total / 10),
            [AGGREGATE_COUNTERS.members.lapsed]: Math.floor(total / 10),
            [AGGREGATE_COUNTERS.gender.female]: tenant === 'women' ? total : Math.floor(total / 3),
            [AGGREGATE_COUNTERS.gender.male]: tenant === 'women' ? 0 : total - Math.floor(total / 3),
            [AGGREGATE_COUNTERS.branches.residential]: 3,
          };
    for (const unitId of [commune.id, ...commune.ancestorIds]) add(unitId, counts);
  }
  return items;
}

export async function seedDemoHistory(table: Table, provinceId: string): Promise<void> {
  const units = oldMap();
  await new UnitRepository(table.forProvinceMap(provinceId)).putMany(units);
  for (const kind of TENANT_KINDS) {
    const figures = new FiguresRepository(table.forTenant(toTenantId(tenantIdOf(provinceId, kind))));
    await recordPastSnapshot(
      figures,
      YEAR_END,
      counters(units, kind),
      new Date(),
      'Số liệu cuối năm 2024 (demo)',
    );
  }
}
