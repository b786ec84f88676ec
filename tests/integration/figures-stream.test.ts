/**
 * The readers over the writer: members admitted through the API reach an organization's figures
 * and the Front's overview through the stream function, as on one machine with `npm start`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import type { Overview, Stats } from '../../shared/figures/reading/schemas.ts';
import { eventually, WAITS } from '../setup/eventually.ts';
import { expectedFigures, rawItems, storedFigures } from '../setup/figures-oracle.ts';
import { admission, admitOk, changeStatusOk, nationalIdFor, provinceWithBranches } from '../setup/members.ts';
import { createTestApp, getJson, startStreamPollerFor, type TestApp } from '../setup/test-app.ts';
import { FIGURES_CLOCK, YEAR } from './figures-fixtures.ts';

let t: TestApp;
let poller: StreamPoller;
const tokens: Record<string, string> = {};
const token = (username: string) => tokens[username] ?? '';

beforeAll(async () => {
  t = await createTestApp({ clock: FIGURES_CLOCK.clock });
  await provinceWithBranches(t, 'ps');
  for (const username of ['ps.farmers', 'ps.women', 'ps.youth', 'ps.front'])
    tokens[username] = (await t.signIn(username)).access_token;
  poller = await startStreamPollerFor(t);
});

afterAll(async () => {
  await poller?.stop();
});

describe('figures from members', () => {
  it('show admitted members in the organization’s figures and in the Front’s overview', WAITS, async () => {
    const farmers = [];
    for (let i = 0; i < 6; i++)
      farmers.push(
        await admitOk(t, token('ps.farmers'), admission({ fullName: `Nguyễn Văn An ${'ABCDEF'[i]}` })),
      );
    await changeStatusOk(t, token('ps.farmers'), farmers[0]?.id ?? '', {
      status: 'away',
      awayPlace: 'TP. Hồ Chí Minh',
    });
    for (let i = 0; i < 2; i++)
      await admitOk(
        t,
        token('ps.youth'),
        admission({
          fullName: `Trần Thị Bình ${'AB'[i]}`,
          gender: 'female',
          birthDate: `${YEAR - 20}-03-01`,
          joinedAt: `${YEAR - 1}-01-15`,
        }),
      );
    const target = await t.request(`/api/v1/units/28261-01/targets/${YEAR}`, {
      method: 'PUT',
      token: token('ps.farmers'),
      json: { targetPopulation: 10 },
    });
    expect(target.status).toBe(200);

    const stats = await eventually(
      () => getJson<Stats>(t, '/api/v1/stats?unitId=28261', token('ps.farmers')),
      (s) => s.members.total === 6 && s.members.away === 1,
    );
    expect(stats).toMatchObject({
      members: { total: 6, active: 5, away: 1 },
      gender: { male: 6, female: 0 },
      branches: { residential: 2, agency: 1 },
      targetPopulation: 10,
      coverage: 0.5,
    });
    expect(stats.ageBands.find((b) => b.band === '46-60')?.count).toBe(6);

    const overview = await eventually(
      () => getJson<Overview>(t, '/api/v1/front/overview?unitId=82', token('ps.front')),
      (o) => o.total.members.total === 8,
    );
    expect(overview.total).toMatchObject({ members: { total: 8, active: 7, away: 1 }, coverage: 0.5 });
    expect(overview.organizations.find((o) => o.organization === 'youth')?.members.total).toBe(2);
    // In the hamlet, the youth union's 2 members are hidden from the Front.
    const hamlets = await getJson<Overview>(t, '/api/v1/front/overview?unitId=28261', token('ps.front'));
    const khom1 = hamlets.children.find((c) => c.unitId === '28261-01');
    expect(khom1?.organizations.find((o) => o.organization === 'youth')).toMatchObject({
      members: { total: null },
      suppressed: true,
    });
    // The farmers' 6 is the row's only other count: hidden too, or the youth's 2 would follow from the total.
    expect(khom1?.organizations.find((o) => o.organization === 'farmers')?.members.total).toBeNull();
    expect(hamlets.organizations.find((o) => o.organization === 'farmers')?.members.total).toBe(6);
  });

  it('count a person in several organizations once, in each commune where they are', WAITS, async () => {
    const overview = (unitId: string) =>
      getJson<Overview>(t, `/api/v1/front/overview?unitId=${unitId}`, token('ps.front'));
    const settled = (o: Overview) => o.total.uniquePersons === o.total.members.total;
    const start = await eventually(() => overview('82'), settled);
    expect(start.total).toMatchObject({ members: { total: 8 }, uniquePersons: 8 });

    // One woman in three organizations, in two communes; another without a national id.
    const person = { fullName: 'Lê Thị Hoa', gender: 'female' as const, birthDate: `${YEAR - 25}-03-04` };
    const hoa = { ...person, nationalId: nationalIdFor(person) };
    const asFarmer = await admitOk(t, token('ps.farmers'), admission({ ...hoa, branchId: 'b-28261-01' }));
    const asWoman = await admitOk(t, token('ps.women'), admission({ ...hoa, branchId: 'b-28261-02' }));
    await admitOk(t, token('ps.youth'), admission({ ...hoa, branchId: 'b-28249-01' }));
    await admitOk(
      t,
      token('ps.women'),
      admission({ fullName: 'Võ Thị Mai', gender: 'female', birthDate: '1985-01-02', nationalId: null }),
    );

    const joined = await eventually(
      () => overview('82'),
      (o) => o.total.members.total === 12 && o.total.uniquePersons === 10,
    );
    expect(joined.total).toMatchObject({ members: { total: 12 }, uniquePersons: 10 });
    const commune = (o: Overview, id: string) => o.children.find((c) => c.unitId === id)?.total;
    expect(commune(joined, '28261')).toMatchObject({ members: { total: 11 }, uniquePersons: 10 });
    expect(commune(joined, '28249')).toMatchObject({ members: { total: 1 }, uniquePersons: 1 });
    const hamlets = await overview('28261');
    expect(hamlets.total.uniquePersons).toBe(10);
    // Khóm 2's one person is hidden, and Khóm 1's ten with it, or the commune's would give it back.
    expect(hamlets.children.map((c) => c.total.uniquePersons)).toEqual(hamlets.children.map(() => null));
    expect(JSON.stringify(hamlets)).not.toContain(hoa.nationalId.slice(-6));

    // She leaves the two organizations of Mỹ Tho: still one person in the province (the Youth Union).
    for (const [username, member] of [
      ['ps.farmers', asFarmer],
      ['ps.women', asWoman],
    ] as const)
      await changeStatusOk(t, token(username), member.id, { status: 'removed', reason: 'Xin ra khỏi hội' });
    const left = await eventually(
      () => overview('82'),
      (o) => o.total.members.total === 10 && commune(o, '28261')?.uniquePersons === 9,
    );
    expect(left.total).toMatchObject({ members: { total: 10 }, uniquePersons: 10 });
    expect(commune(left, '28261')).toMatchObject({ members: { total: 9 }, uniquePersons: 9 });
    expect(commune(left, '28249')).toMatchObject({ uniquePersons: 1 });
  });

  it('hold, at every unit of every tenant, what a plain count of the members and branches gives', async () => {
    // Prepare
    await poller.idle();

    // Act
    const items = await rawItems(t);

    // Assess
    const expected = expectedFigures(items);
    expect(storedFigures(items)).toEqual(expected);
    // Not two empty tables: the Front's people and the ended memberships above are in it.
    expect(expected['ps:front']?.['82']?.unique_persons).toBeGreaterThan(0);
    expect(expected['ps:farmers']?.['28261']?.members_removed).toBeGreaterThan(0);
  });
});
