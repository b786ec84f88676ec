/**
 * A hamlet is one place for the four organizations: the Front's overview of its commune has one
 * row for it, with each organization's members there side by side and the distinct people among
 * them, kept by the stream function and equal to the Front's recount.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import type { Overview } from '../../shared/figures/reading/schemas.ts';
import { recountFront } from '../../shared/figures/recount.ts';
import { AggregateRepository } from '../../shared/store/repositories/aggregates.ts';
import { PersonRepository } from '../../shared/store/repositories/persons.ts';
import { UnitRepository } from '../../shared/store/repositories/units.ts';
import { eventually, WAITS } from '../setup/eventually.ts';
import { admission, admitOk, nationalIdFor, ORGS } from '../setup/members.ts';
import { type Scene, setUpScene } from '../setup/scene.ts';
import { getJson, startStreamPollerFor, testBranch, testHamlet } from '../setup/test-app.ts';

const MY_PHU = testHamlet('28261-07', '28261', 'Ấp Mỹ Phú');

let scene: Scene;
let poller: StreamPoller;

beforeAll(async () => {
  // Both organizations' branches hang under the same hamlet, seeded once into the province's map.
  scene = await setUpScene({
    provinces: ['fh'],
    tenants: {
      'fh:farmers': { units: [MY_PHU], branches: [testBranch('b-farmers', MY_PHU.id, 'Chi hội Mỹ Phú')] },
      'fh:women': { branches: [testBranch('b-women', MY_PHU.id, 'Chi hội Mỹ Phú')] },
    },
    signIn: ['fh.farmers', 'fh.women', 'fh.front'],
  });
  poller = await startStreamPollerFor(scene.t);
});

afterAll(async () => {
  await poller?.stop();
});

describe('the Front’s overview of a commune', () => {
  it('has one row per hamlet, the organizations side by side and its distinct people', WAITS, async () => {
    // Prepare: a woman farmer in both organizations (one national id), and five others in each.
    const { t, token } = scene;
    const lan = { fullName: 'Nguyễn Thị Lan', gender: 'female' as const, birthDate: '1982-06-01' };
    const lanId = nationalIdFor(lan);
    await admitOk(t, token('fh.farmers'), admission({ ...lan, nationalId: lanId, branchId: 'b-farmers' }));
    await admitOk(t, token('fh.women'), admission({ ...lan, nationalId: lanId, branchId: 'b-women' }));
    for (let i = 0; i < 5; i++) {
      await admitOk(
        t,
        token('fh.farmers'),
        admission({ fullName: `Trần Văn Nam ${i}`, branchId: 'b-farmers' }),
      );
      await admitOk(
        t,
        token('fh.women'),
        admission({ fullName: `Lê Thị Mai ${i}`, gender: 'female', branchId: 'b-women' }),
      );
    }

    // Act
    const commune = await eventually(
      () => getJson<Overview>(t, '/api/v1/front/overview?unitId=28261', token('fh.front')),
      (o) => o.total.members.total === 12 && o.total.uniquePersons === 11,
    );

    // Assess
    const rows = commune.children.filter((row) => row.unitId === MY_PHU.id);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row?.name).toBe('Ấp Mỹ Phú');
    const members = (organization: string) =>
      row?.organizations.find((o) => o.organization === organization)?.members.total;
    expect({ farmers: members('farmers'), women: members('women') }).toEqual({ farmers: 6, women: 6 });
    expect(row?.total).toMatchObject({ members: { total: 12 }, uniquePersons: 11 });
    const hamlet = await getJson<Overview>(
      t,
      `/api/v1/front/overview?unitId=${MY_PHU.id}`,
      token('fh.front'),
    );
    expect(hamlet.total).toMatchObject({ members: { total: 12 }, uniquePersons: 11 });
  });

  it('counts the same distinct people in the hamlet as the Front’s recount', WAITS, async () => {
    // Prepare
    await poller.idle();
    const tenant = (id: string) => scene.t.deps.table.forTenant(toTenantId(id));

    // Act
    const report = await recountFront({
      units: new UnitRepository(tenant('fh:front')),
      aggregates: new AggregateRepository(tenant('fh:front')),
      organizations: ORGS.map((org) => ({
        tenant: `fh:${org}`,
        aggregates: new AggregateRepository(tenant(`fh:${org}`)),
      })),
      persons: new PersonRepository(scene.t.deps.table),
    });

    // Assess
    expect(report.differences).toEqual([]);
    expect(report.persons).toEqual({ sharedByOrganizations: 1, recordsDiffering: 0 });
    const stored = await new AggregateRepository(tenant('fh:front')).get(MY_PHU.id);
    expect(stored.unique_persons).toBe(11);
  });
});
