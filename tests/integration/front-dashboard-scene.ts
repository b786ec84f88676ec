/**
 * The province the Front's dashboard tests look at (HTTP and browser): the four organizations in
 * two communes and four hamlets, one hamlet's farmers few enough to be hidden, distinct people
 * counted by the Front, targets for coverage, a snapshot at the previous month-end, and 20 more
 * farmers present since then, so the comparison has something to say.
 */

import { previousMonthEnd } from '../../functions/api/pages/home.tsx';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { jsonOf, type TestApp } from '../setup/test-app.ts';
import {
  type Counts,
  figuresProvince,
  members,
  scaled,
  TODAY,
  writeAggregates,
  YEAR,
} from './figures-fixtures.ts';

export const MONTH_END = previousMonthEnd(TODAY);

export const FARMERS: Record<string, Counts> = {
  '28261-01': { ...members({ active: 40, away: 5, lapsed: 3 }), branches_residential: 1 },
  '28261-02': { ...members({ active: 3, away: 1 }), branches_residential: 1 },
  '28249-01': { ...members({ active: 20 }), branches_residential: 1 },
};
const OTHERS: Record<string, Record<string, Counts>> = {
  women: {
    '28261-01': { ...members({ active: 30 }), branches_residential: 1 },
    '28249-02': { ...members({ active: 12 }), branches_residential: 1 },
  },
  veterans: { '28249-01': members({ active: 7 }) },
  youth: { '28261-01': { ...members({ active: 10, away: 4 }), branches_agency: 1 } },
};
const PERSONS = { '82': 120, '28261': 88, '28261-01': 86, '28261-02': 3, '28249': 32, '28249-01': 25 };
/** Who sets which target: farmers and women in Khóm 1, the Youth Union for the whole commune. */
const TARGETS = [
  { organization: 'farmers', unitId: '28261-01', targetPopulation: 80 },
  { organization: 'women', unitId: '28261-01', targetPopulation: 60 },
  { organization: 'youth', unitId: '28261', targetPopulation: 50 },
];

/** The four organizations' figures in province `id`, every count `factor` times over. */
export async function writeOrganizations(t: TestApp, id: string, factor = 1): Promise<void> {
  await writeAggregates(t, `${id}:farmers`, scaled(FARMERS, factor));
  for (const [organization, own] of Object.entries(OTHERS))
    await writeAggregates(t, `${id}:${organization}`, scaled(own, factor));
}

/** The farmers 20 present members more in Khóm 1, for a day after a snapshot to compare with it. */
export const farmersGrow = (t: TestApp, id: string) =>
  writeAggregates(t, `${id}:farmers`, {
    ...FARMERS,
    '28261-01': { ...members({ active: 60, away: 5, lapsed: 3 }), branches_residential: 1 },
  });

/** Province `id` (code 82) as described above; its app must run on FIGURES_CLOCK. */
export async function frontDashboardScene(t: TestApp, id: string): Promise<void> {
  await figuresProvince(t, id);
  await writeOrganizations(t, id);
  await t.deps.table.forTenant(toTenantId(`${id}:front`)).putMany(
    Object.entries(PERSONS).map(([unitId, count]) => ({
      entity: 'aggregate',
      key: { pk: `AGG#${unitId}`, sk: 'CURRENT' },
      data: { unique_persons: count },
    })),
  );
  for (const { organization, unitId, targetPopulation } of TARGETS) {
    const token = (await t.signIn(`${id}.${organization}`)).access_token;
    // The month-end may be last year's: its figures read that year's targets.
    for (const year of new Set([YEAR, Number(MONTH_END.slice(0, 4))]))
      await jsonOf(
        await t.request(`/api/v1/units/${unitId}/targets/${year}`, {
          method: 'PUT',
          token,
          json: { targetPopulation },
        }),
      );
  }
  await jsonOf(
    await t.request('/api/v1/admin/snapshots', {
      method: 'POST',
      token: (await t.signIn('root.operator')).access_token,
      json: { date: MONTH_END, provinceId: id },
    }),
  );
  await farmersGrow(t, id);
}
