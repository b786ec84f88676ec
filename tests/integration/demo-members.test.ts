/**
 * The demo members `npm start` writes in the background: a stopped run is finished by the next
 * one, exactly as an uninterrupted run would have written it, with every member listed once; a
 * finished run is not redone, and asking for more adds only the missing members.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  demoMemberId,
  type ImportDemoMembersOptions,
  importDemoMembers,
} from '../../functions/local/demo/demo-members.ts';
import { DEMO_PROVINCE_ID } from '../../functions/local/demo/seed-demo-province.ts';
import { isCurrent } from '../../shared/domain/members/lifecycle.ts';
import type { Member } from '../../shared/domain/members/member.ts';
import { type Organization, tenantIdOf } from '../../shared/domain/organizations.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { MemberRepository } from '../../shared/store/repositories/members.ts';
import { ORGS, provinceWithBranches } from '../setup/members.ts';
import { createTestApp, type TestApp } from '../setup/test-app.ts';

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

vi.setConfig({ testTimeout: 180_000 });

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
