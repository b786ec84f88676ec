/**
 * The demo members `npm start` writes in the background: a stopped run is finished by the next
 * one, exactly as an uninterrupted run would have written it, with every member listed once; a
 * finished run is not redone, and asking for more adds only the missing members. The figures made
 * from them — month-end snapshots and hamlet targets — hold what the stored members and their
 * histories say, read back over the API.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DemoFigures, pendingDemoFigures } from '../../functions/local/demo/demo-figures.ts';
import {
  demoMemberId,
  type ImportDemoMembersOptions,
  importDemoMembers,
} from '../../functions/local/demo/demo-members.ts';
import { DEMO_PROVINCE_ID } from '../../functions/local/demo/seed-demo-province.ts';
import { isCurrent } from '../../shared/domain/members/lifecycle.ts';
import type { Member, MemberStatus } from '../../shared/domain/members/member.ts';
import { type Organization, tenantIdOf } from '../../shared/domain/organizations.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { MemberRepository } from '../../shared/store/repositories/members.ts';
import { ORGS, provinceWithBranches } from '../setup/members.ts';
import { createTestApp, getJson, type TestApp } from '../setup/test-app.ts';

const COUNT = 30;
const counts = (n: number) => ({ farmers: n, women: n, veterans: n, youth: n });
// Fixed, so that two tables generate the same members.
const FIXED = { today: '2026-03-15', at: '2026-03-15T01:00:00.000Z', chunkSize: 10 };

function run(t: TestApp, options: Partial<ImportDemoMembersOptions> = {}) {
  return importDemoMembers({
    table: t.deps.table,
    vault: t.deps.nationalIds,
    counts: counts(COUNT),
    ...FIXED,
    ...options,
  });
}

function membersOf(t: TestApp, organization: Organization): MemberRepository {
  return new MemberRepository(t.deps.table.forTenant(toTenantId(tenantIdOf(DEMO_PROVINCE_ID, organization))));
}

async function stored(t: TestApp, organization: Organization, count: number): Promise<Member[]> {
  const members = membersOf(t, organization);
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const member = await members.get(demoMemberId(organization, i + 1));
      if (!member) throw new Error(`${demoMemberId(organization, i + 1)} is missing`);
      return member;
    }),
  );
}

/** What a regeneration must reproduce; the sealed number differs by design (a fresh nonce, another table's key). */
const comparable = ({ nationalId, ...member }: Member) => ({ ...member, masked: nationalId?.masked });

async function listAll(t: TestApp, token: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await t.request(`/api/v1/members?limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
      token,
    });
    const page = (await response.json()) as { items: { id: string }[]; nextCursor: string | null };
    expect(response.status).toBe(200);
    ids.push(...page.items.map((m) => m.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

// Seeding the demo province shares two cores with the rest of the suite (the article's build too).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 600_000 });

describe('demo members', () => {
  let resumed: TestApp;
  let straight: TestApp;

  beforeAll(async () => {
    [resumed, straight] = await Promise.all([createTestApp(), createTestApp()]);
    await Promise.all([
      provinceWithBranches(resumed, DEMO_PROVINCE_ID),
      provinceWithBranches(straight, DEMO_PROVINCE_ID),
    ]);
  });

  it('finishes a stopped run where it stopped, as if it had never stopped', async () => {
    const stop = new AbortController();
    const first = await run(resumed, {
      signal: stop.signal,
      onProgress: ({ done }) => {
        if (done >= 10) stop.abort();
      },
    });
    const second = await run(resumed);
    const uninterrupted = await run(straight);

    expect(first).toMatchObject({ stopped: true, written: 10, total: 4 * COUNT });
    expect(second).toMatchObject({ stopped: false, written: 4 * COUNT - 10, total: 4 * COUNT });
    expect(uninterrupted).toMatchObject({ stopped: false, written: 4 * COUNT });
    for (const organization of ORGS) {
      const [a, b] = await Promise.all([
        stored(resumed, organization, COUNT),
        stored(straight, organization, COUNT),
      ]);
      expect(a.map(comparable)).toEqual(b.map(comparable));
      expect(
        await membersOf(resumed, organization).get(demoMemberId(organization, COUNT + 1)),
      ).toBeUndefined();
    }
  });

  it('lists every current member once, with a history each', async () => {
    const admin = (await resumed.signIn(`${DEMO_PROVINCE_ID}.farmers`)).access_token;
    const members = await stored(resumed, 'farmers', COUNT);

    const listed = await listAll(resumed, admin);

    expect(listed.toSorted()).toEqual(
      members
        .filter((m) => isCurrent(m.status))
        .map((m) => m.id)
        .toSorted(),
    );
    expect((await membersOf(resumed, 'farmers').history(demoMemberId('farmers', 1)))[0]?.type).toBe(
      'admitted',
    );
  });

  it('does nothing once done, and adds only the missing members when asked for more', async () => {
    const before = await stored(resumed, 'youth', COUNT);

    const again = await run(resumed);
    const more = await run(resumed, { counts: counts(COUNT + 5) });

    expect(again).toMatchObject({ written: 0, total: 4 * COUNT });
    expect(more).toMatchObject({ written: 4 * 5, total: 4 * (COUNT + 5) });
    expect(await stored(resumed, 'youth', COUNT)).toEqual(before);
    await stored(resumed, 'youth', COUNT + 5);
  });
});

/** Members enough that some were admitted, or changed status, after the earliest month-end. */
const FIGURED = 100;

/** Each stored member of an organization with their stored history. */
async function withHistories(t: TestApp, organization: Organization) {
  const members = await stored(t, organization, FIGURED);
  const repository = membersOf(t, organization);
  return Promise.all(
    members.map(async (member) => ({ member, events: await repository.history(member.id) })),
  );
}

type Recorded = Awaited<ReturnType<typeof withHistories>>[number];

/** A member's status at the end of a day, from their stored history; null before their admission. */
function statusOn({ member, events }: Recorded, day: string): MemberStatus | null {
  if (member.joinedAt > day) return null;
  return events.filter((e) => e.effectiveDate <= day).at(-1)?.status ?? null;
}

const MEMBER_COUNTS: Record<string, MemberStatus> = {
  active: 'active',
  away: 'away',
  lapsed: 'lapsed',
  transferredOut: 'transferred_out',
  removed: 'removed',
  deceased: 'deceased',
  graduated: 'graduated',
};

describe('demo figures', () => {
  let t: TestApp;
  let figures: DemoFigures;
  const recorded = new Map<Organization, Recorded[]>();

  beforeAll(async () => {
    t = await createTestApp();
    await provinceWithBranches(t, DEMO_PROVINCE_ID);
    figures = new DemoFigures(FIXED.today);
    await run(t, { counts: counts(FIGURED), witness: figures });
    await figures.record(t.deps.table, new Date());
    for (const organization of ORGS) recorded.set(organization, await withHistories(t, organization));
  });

  it('snapshots each of the last three month-ends with the members admitted by then, in their status of then', async () => {
    const countsOn = (organization: Organization, day: string) => {
      const statuses = (recorded.get(organization) ?? []).map((r) => statusOn(r, day));
      return Object.fromEntries(
        Object.entries(MEMBER_COUNTS).map(([name, status]) => [
          name,
          statuses.filter((s) => s === status).length,
        ]),
      );
    };
    // The members' histories reach past the month-ends: a copy of today's figures would not do.
    expect(ORGS.map((o) => countsOn(o, figures.monthEnds[0] as string))).not.toEqual(
      ORGS.map((o) => countsOn(o, FIXED.today)),
    );

    expect(figures.monthEnds).toEqual(['2025-12-31', '2026-01-31', '2026-02-28']);
    for (const organization of ORGS) {
      const admin = (await t.signIn(`${DEMO_PROVINCE_ID}.${organization}`)).access_token;
      for (const day of figures.monthEnds) {
        const stats = await getJson<{ snapshot: string | null; members: Record<string, number | null> }>(
          t,
          `/api/v1/stats?unitId=82&asOf=${day}`,
          admin,
        );

        expect(stats.snapshot).toBe(day);
        expect(stats.members, `${organization} ${day}`).toMatchObject(countsOn(organization, day));
      }
    }
  });

  it('gives the Front distinct people at each month-end', async () => {
    const front = (await t.signIn(`${DEMO_PROVINCE_ID}.front`)).access_token;
    for (const day of figures.monthEnds) {
      const overview = await getJson<{
        sources: { snapshot: string | null }[];
        total: { uniquePersons: number | null; members: { total: number | null } };
      }>(t, `/api/v1/front/overview?unitId=82&asOf=${day}`, front);

      expect(overview.sources.map((s) => s.snapshot)).toEqual(Array(5).fill(day));
      expect(overview.total.uniquePersons).toBeGreaterThan(0);
      // Some women are farmers too: fewer people than memberships.
      expect(overview.total.uniquePersons).toBeLessThan(overview.total.members.total ?? 0);
    }
  });

  it('sets a target in every hamlet with current members, for this year and the year of each month-end', async () => {
    const hamlets = ['28261-01', '28261-02', '28249-01'];
    for (const organization of ORGS) {
      const admin = (await t.signIn(`${DEMO_PROVINCE_ID}.${organization}`)).access_token;
      for (const [year, day] of [
        [2026, FIXED.today],
        [2025, '2025-12-31'],
      ] as const) {
        for (const hamlet of hamlets) {
          const here = (recorded.get(organization) ?? [])
            .filter((r) => r.member.unitId === hamlet)
            .map((r) => statusOn(r, day))
            .filter((s) => s !== null && isCurrent(s));
          const active = here.filter((s) => s === 'active').length;
          const response = await t.request(`/api/v1/units/${hamlet}/targets/${year}`, { token: admin });
          const what = `${organization} ${hamlet} ${year}`;
          if (here.length === 0) {
            expect(response.status, what).toBe(404);
            continue;
          }
          const { targetPopulation } = (await response.json()) as { targetPopulation: number };
          // Active members are 42 to 80 % of it, give or take its rounding to a whole person.
          expect(targetPopulation, what).toBeGreaterThanOrEqual(Math.max(1, Math.round(active / 0.8)));
          expect(targetPopulation, what).toBeLessThanOrEqual(Math.max(1, Math.round(active / 0.42)));
        }
      }
    }
  });

  it('is not recorded again once recorded, until another month ends', async () => {
    expect(await pendingDemoFigures(t.deps.table, FIXED.today)).toBeUndefined();
    expect(await pendingDemoFigures(t.deps.table, '2026-04-02')).toBeInstanceOf(DemoFigures);
  });
});
