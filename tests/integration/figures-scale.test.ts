/**
 * The Front's overview at the province's real shape (Đồng Tháp: 102 communes, about 6 hamlets
 * each, in all four organizations, a target on every hamlet): what it costs in DynamoDB calls,
 * and that ten times the members costs not one call more.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import type { Unit } from '../../shared/domain/units.ts';
import type { Overview } from '../../shared/figures/reading/schemas.ts';
import { createTestApp, onboardTestProvince, seedUnits, type TestApp } from '../setup/test-app.ts';
import {
  type Counts,
  countingApp,
  FIGURES_CLOCK,
  members,
  ORGS,
  scaled,
  writeAggregates,
  YEAR,
} from './figures-fixtures.ts';

let t: TestApp;
let front = '';

const COMMUNES = Array.from({ length: 100 }, (_, i) => String(29000 + i));
const HAMLETS_PER_COMMUNE = 6;
const allCommunes = ['28249', '28261', ...COMMUNES];
const hamletsOf = (communeId: string) =>
  Array.from({ length: HAMLETS_PER_COMMUNE }, (_, i) => `${communeId}-${String(i + 1).padStart(2, '0')}`);

function unit(id: string, parentId: string, ancestorIds: string[], level: 'commune' | 'hamlet'): Unit {
  return {
    id,
    parentId,
    ancestorIds,
    level,
    type: level === 'commune' ? 'xa' : 'ap',
    code: level === 'commune' ? id : null,
    name: `${level === 'commune' ? 'Xã' : 'Ấp'} ${id}`,
    validFrom: '2025-07-01',
    validTo: null,
  };
}

/** Every hamlet's own members: a few hundred each, so the province has a realistic size. */
function hamletMembers(): Record<string, Counts> {
  const own: Record<string, Counts> = {};
  let n = 0;
  for (const communeId of allCommunes)
    for (const hamletId of hamletsOf(communeId)) {
      n++;
      own[hamletId] = {
        ...members({ active: 150 + (n % 50), away: 20, lapsed: 5, ages: { 25: 60, 40: 60, 55: 55 } }),
        branches_residential: 1,
      };
    }
  return own;
}

beforeAll(async () => {
  t = await createTestApp({ clock: FIGURES_CLOCK.clock });
  await onboardTestProvince(t, 'sc');
  const own = hamletMembers();
  // The province's one map, which the four organizations share.
  await seedUnits(t, 'sc:front', [
    ...COMMUNES.map((id) => unit(id, '82', ['82'], 'commune')),
    ...allCommunes.flatMap((c) => hamletsOf(c).map((h) => unit(h, c, ['82', c], 'hamlet'))),
  ]);
  for (const org of ORGS) {
    const tenant = `sc:${org}`;
    await writeAggregates(t, tenant, own);
    // A target on every hamlet, written as the targets endpoint stores them.
    await t.deps.table.forTenant(toTenantId(tenant)).putMany(
      allCommunes.flatMap((c) =>
        hamletsOf(c).map((h) => ({
          entity: 'target',
          key: { pk: `TARGETS#${YEAR}`, sk: `82/${c}/${h}/` },
          data: {
            unitId: h,
            year: YEAR,
            targetPopulation: 400,
            level: 'hamlet',
            path: `82/${c}/${h}/`,
            updatedAt: new Date().toISOString(),
            version: 1,
          },
        })),
      ),
    );
  }
  front = (await t.signIn('sc.front')).access_token;
}, 300_000);

vi.setConfig({ testTimeout: 180_000 });

describe('the overview of a whole province', () => {
  it('costs calls in proportion to its units, and none more for ten times the members', async () => {
    const counting = countingApp(t);
    const measure = async () => {
      const started = performance.now();
      const { response, commands } = await counting.request('/api/v1/front/overview?unitId=82', front);
      expect(response.status).toBe(200);
      return {
        commands,
        ms: Math.round(performance.now() - started),
        body: (await response.json()) as Overview,
      };
    };
    const small = await measure();
    expect(small.body.children).toHaveLength(allCommunes.length);
    expect(small.body.total.unitsWithoutTarget).toBe(0);
    const hamlets = allCommunes.length * HAMLETS_PER_COMMUNE;
    expect(small.body.total.targetPopulation).toBe(4 * hamlets * 400);

    for (const org of ORGS) await writeAggregates(t, `sc:${org}`, scaled(hamletMembers(), 10));
    const big = await measure();
    expect(big.body.total.members.total).toBe(10 * (small.body.total.members.total ?? 0));
    expect(big.commands.map((c) => c.name).sort()).toEqual(small.commands.map((c) => c.name).sort());

    // Per organization: 1 GetItem (unit), 1 Query (communes), 1 Query (targets), 1 Query per
    // commune (its hamlets, to know none lacks a target), ⌈(1 + 102 + 612) / 100⌉ BatchGetItems;
    // and ⌈(1 + 102) / 100⌉ BatchGetItems of the Front's own aggregates; and 1 GetItem resolving
    // the unit asked for in the map (an old code or a closed unit names its successor).
    const perOrganization =
      1 + 1 + 1 + allCommunes.length + Math.ceil((1 + allCommunes.length + hamlets) / 100);
    expect(small.commands).toHaveLength(
      ORGS.length * perOrganization + Math.ceil((1 + allCommunes.length) / 100) + 1,
    );
    console.info(
      `province overview (${allCommunes.length} communes, ${hamlets} hamlets × 4 organizations): ` +
        `${small.commands.length} calls (${small.ms} ms) with ${small.body.total.members.total} members, ` +
        `${big.commands.length} calls (${big.ms} ms) with ${big.body.total.members.total}`,
    );
  });
});
