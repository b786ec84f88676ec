/**
 * Planning the province's map from the organizations' own trees: hamlets matched by commune and
 * folded name, ids kept where no other place used them and renumbered where one did, conflicts
 * listed for a person, and a plan made again over the map it produced changing nothing.
 */
import { describe, expect, it } from 'vitest';
import { type OrganizationTree, planMapMigration } from '../../shared/domain/map-migration.ts';
import type { FullUnit } from '../../shared/domain/units.ts';

const province: FullUnit = unit({
  id: '82',
  parentId: null,
  ancestorIds: [],
  level: 'province',
  type: 'tinh',
  code: '82',
  name: 'Tỉnh Đồng Tháp',
});
const commune: FullUnit = unit({
  id: '28261',
  parentId: '82',
  ancestorIds: ['82'],
  level: 'commune',
  type: 'phuong',
  code: '28261',
  name: 'Phường Mỹ Tho',
});

function unit(fields: Partial<FullUnit> & Pick<FullUnit, 'id' | 'name'>): FullUnit {
  return {
    parentId: '28261',
    ancestorIds: ['82', '28261'],
    level: 'hamlet',
    type: 'ap',
    code: null,
    validFrom: '2025-07-01',
    validTo: null,
    successorId: null,
    formerNames: [],
    version: 1,
    ...fields,
  };
}

const hamlet = (id: string, name: string, fields: Partial<FullUnit> = {}) => unit({ id, name, ...fields });

function tree(tenant: string, hamlets: FullUnit[]): OrganizationTree {
  return { tenant, units: [province, commune, ...hamlets] };
}

function mapOf(plan: ReturnType<typeof planMapMigration>, before: FullUnit[] = []): FullUnit[] {
  return [...before, ...plan.newUnits];
}

describe('planning the map', () => {
  it('makes one hamlet of the same name written differently, keeping the id nobody else uses', () => {
    const plan = planMapMigration(
      [
        tree('p:farmers', [hamlet('28261-01', 'Ấp Mỹ Phú')]),
        tree('p:women', [hamlet('28261-04', 'ấp my  phu')]),
      ],
      [],
    );

    const hamlets = plan.newUnits.filter((u) => u.level === 'hamlet');
    expect(hamlets).toEqual([
      expect.objectContaining({ id: '28261-01', name: 'Ấp Mỹ Phú', ancestorIds: ['82', '28261'] }),
    ]);
    expect(plan.renamings.get('p:women')).toEqual(new Map([['28261-04', '28261-01']]));
    expect(plan.renamings.get('p:farmers')?.size).toBe(0);
    expect(plan.newUnits.map((u) => u.id).slice(0, 2)).toEqual(['82', '28261']);
  });

  it('renumbers past every used number when an id names different places, and lists the clash', () => {
    const plan = planMapMigration(
      [
        tree('p:farmers', [hamlet('28261-01', 'Ấp Tân Hòa'), hamlet('28261-03', 'Ấp Bình Đức')]),
        tree('p:women', [hamlet('28261-01', 'Ấp Bình Đức'), hamlet('28261-02', 'Ấp Tân Hòa')]),
      ],
      [],
    );

    const ids = Object.fromEntries(
      plan.newUnits.filter((u) => u.level === 'hamlet').map((u) => [u.name, u.id]),
    );
    // 28261-01 names two places, so neither keeps it; each keeps the id only it used.
    expect(ids).toEqual({ 'Ấp Bình Đức': '28261-03', 'Ấp Tân Hòa': '28261-02' });
    expect(plan.renamings.get('p:farmers')).toEqual(new Map([['28261-01', '28261-02']]));
    expect(plan.renamings.get('p:women')).toEqual(new Map([['28261-01', '28261-03']]));
    expect(plan.conflicts).toContainEqual(expect.objectContaining({ kind: 'id_reused', oldId: '28261-01' }));
  });

  it('draws a fresh number beyond every number used when no id of a place is free', () => {
    const plan = planMapMigration(
      [
        tree('p:farmers', [hamlet('28261-01', 'Ấp Tân Hòa'), hamlet('28261-07', 'Ấp Bình Đức')]),
        tree('p:women', [hamlet('28261-01', 'Ấp Bình Đức')]),
      ],
      [],
    );

    const ids = Object.fromEntries(
      plan.newUnits.filter((u) => u.level === 'hamlet').map((u) => [u.name, u.id]),
    );
    expect(ids).toEqual({ 'Ấp Bình Đức': '28261-07', 'Ấp Tân Hòa': '28261-08' });
  });

  it('lists near-duplicates without merging them: one letter apart, or a number written in words', () => {
    const plan = planMapMigration(
      [
        tree('p:farmers', [hamlet('28261-01', 'Ấp 1'), hamlet('28261-02', 'Ấp Mỹ Phú')]),
        tree('p:women', [
          hamlet('28261-05', 'Ấp Một'),
          hamlet('28261-06', 'Ấp Mỹ Phúc'),
          hamlet('28261-07', 'Ấp Mười Hai'),
        ]),
        tree('p:youth', [hamlet('28261-09', 'Khóm 12')]),
      ],
      [],
    );

    const pairs = plan.conflicts
      .filter((c) => c.kind === 'near_duplicate')
      .map((c) => c.hamlets.map((h) => h.name).sort());
    expect(pairs).toEqual(
      expect.arrayContaining([
        ['Ấp 1', 'Ấp Một'],
        ['Ấp Mỹ Phú', 'Ấp Mỹ Phúc'],
        ['Khóm 12', 'Ấp Mười Hai'].sort(),
      ]),
    );
    expect(plan.newUnits.filter((u) => u.level === 'hamlet')).toHaveLength(6);
  });

  it('lists a place whose dates or successor disagree and keeps the widest validity', () => {
    const plan = planMapMigration(
      [
        tree('p:farmers', [
          hamlet('28261-01', 'Ấp Cũ', { validTo: '2025-12-31', successorId: '28261-02' }),
          hamlet('28261-02', 'Ấp Mới'),
        ]),
        tree('p:women', [
          hamlet('28261-01', 'Ấp Cũ', { validFrom: '2020-01-01' }),
          hamlet('28261-02', 'Ấp Mới'),
        ]),
      ],
      [],
    );

    expect(plan.conflicts).toEqual([
      expect.objectContaining({ kind: 'validity_differs', mapId: '28261-01' }),
    ]);
    expect(plan.newUnits.find((u) => u.id === '28261-01')).toMatchObject({
      validFrom: '2020-01-01',
      validTo: null,
      successorId: null,
    });
  });

  it('lists a commune the organizations name differently, keeping one unit', () => {
    const plan = planMapMigration(
      [tree('p:farmers', []), { tenant: 'p:women', units: [province, { ...commune, name: 'Phường 1' }] }],
      [],
    );

    expect(plan.conflicts).toEqual([expect.objectContaining({ kind: 'unit_differs', unitId: '28261' })]);
    expect(plan.newUnits.filter((u) => u.id === '28261')).toHaveLength(1);
  });

  it('adds nothing and renames the same again when planned over the map it made', () => {
    const trees = [
      tree('p:farmers', [hamlet('28261-01', 'Ấp Tân Hòa'), hamlet('28261-03', 'Ấp Bình Đức')]),
      tree('p:women', [
        hamlet('28261-01', 'Ấp Bình Đức'),
        hamlet('28261-02', 'ấp tân hoà'),
        hamlet('28261-04', 'Ấp Mới'),
      ]),
    ];
    const first = planMapMigration(trees, []);

    const again = planMapMigration(trees, mapOf(first));

    expect(again.newUnits).toEqual([]);
    expect(again.renamings).toEqual(first.renamings);
  });

  it('matches the hamlets the map already has and never reuses their ids for other places', () => {
    const map = [province, commune, hamlet('28261-01', 'Ấp Mỹ Phú'), hamlet('28261-02', 'Ấp Tân Hòa')];

    const plan = planMapMigration(
      [tree('p:farmers', [hamlet('28261-02', 'Ấp My Phu'), hamlet('28261-01', 'Ấp Long Hưng')])],
      map,
    );

    expect(plan.newUnits).toEqual([expect.objectContaining({ name: 'Ấp Long Hưng', id: '28261-03' })]);
    expect(plan.renamings.get('p:farmers')).toEqual(
      new Map([
        ['28261-02', '28261-01'],
        ['28261-01', '28261-03'],
      ]),
    );
  });
});
