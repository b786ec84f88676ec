/**
 * The readers over the writer: members admitted through the API reach an organization's figures
 * and the Front's overview through the stream function, as on one machine with `npm start`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import type { Overview, Stats } from '../../shared/figures/reading/schemas.ts';
import { admission, admitOk, changeStatusOk, provinceWithBranches } from '../setup/members.ts';
import { createTestApp, getJson, startStreamPollerFor, type TestApp } from '../setup/test-app.ts';
import { YEAR } from './figures-fixtures.ts';

let t: TestApp;
let poller: StreamPoller;
const tokens: Record<string, string> = {};
const token = (username: string) => tokens[username] ?? '';

/** Reads until the check passes or 5 s have gone by; returns the last reading. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  t = await createTestApp();
  await provinceWithBranches(t, 'ps');
  for (const username of ['ps.farmers', 'ps.youth', 'ps.front'])
    tokens[username] = (await t.signIn(username)).access_token;
  poller = await startStreamPollerFor(t);
});

afterAll(async () => {
  await poller?.stop();
});

describe('figures from members', () => {
  it('show admitted members in the organization’s figures and in the Front’s overview', async () => {
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
    expect(khom1?.organizations.find((o) => o.organization === 'farmers')?.members.total).toBe(6);
  });
});
