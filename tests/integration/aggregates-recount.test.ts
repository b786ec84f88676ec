/**
 * The aggregates equal a recount from the members themselves after a random mix of changes made
 * through the API — admissions, status changes, transfers between branches and out of the
 * organization, a branch dissolved half-way — while batches the stream already delivered are
 * handed to the handler again, whole or cut differently, as Lambda's retries and bisection would.
 * Some people join both organizations with the same national id, some have none: the Front's
 * distinct-person counts equal their recount too. Both also equal a plain count of the raw items
 * (setup/figures-oracle.ts), which shares none of the product's counting code. The mix is drawn
 * from a logged seed (AGGREGATES_SEED=<n> replays one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import { createStreamHandler, type StreamEvent } from '../../functions/stream/handler.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { readUnitCounts } from '../../shared/figures/counters.ts';
import { AggregateRepository } from '../../shared/store/repositories/aggregates.ts';
import { expectedFigures, rawItems, storedFigures } from '../setup/figures-oracle.ts';
import { recountFrontOf } from '../setup/front-recount.ts';
import { admission, nationalIdFor, postJson, provinceWithBranches } from '../setup/members.ts';
import {
  createTestApp,
  seedBranches,
  startStreamPollerFor,
  type TestApp,
  testBranch,
} from '../setup/test-app.ts';

/** People who may join both organizations (born 1997–2005: young enough for the Youth Union). */
const PEOPLE = Array.from({ length: 8 }, (_, n) => {
  const person = {
    gender: n % 2 ? ('female' as const) : ('male' as const),
    birthDate: `${1997 + n}-03-0${n + 1}`,
  };
  return { ...person, nationalId: nationalIdFor(person) };
});

const SEED = Number(process.env.AGGREGATES_SEED ?? Date.now() % 1_000_000);
const OPERATIONS = 70;

let t: TestApp;
let poller: StreamPoller;
const delivered: StreamEvent[] = [];

type Org = 'farmers' | 'youth';
const ORGS: readonly Org[] = ['farmers', 'youth'];

beforeAll(async () => {
  t = await createTestApp();
  await provinceWithBranches(t, 'alpha');
  for (const org of ORGS)
    await seedBranches(t, `alpha:${org}`, [
      testBranch('b-pro-28261-01', '28261-01', 'Chi hội nghề nghiệp trồng lúa', 'professional'),
      // Above every commune: its members count in the province only.
      testBranch('b-agency-82', '82', 'Chi hội cơ quan tỉnh', 'agency'),
    ]);
  poller = await startStreamPollerFor(t, { onBatch: (event) => delivered.push(event) });
});

afterAll(async () => {
  await poller?.stop();
});

/** Every record delivered from one shard, in order. */
function recordsOf(shardId: string | undefined) {
  return delivered.filter((event) => event.shardId === shardId).flatMap((event) => event.Records);
}

/** A small seeded generator (mulberry32), so a failing mix can be replayed from its seed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}

describe(`aggregates after a random mix of changes and replays (seed ${SEED})`, () => {
  it('equal the recount and a plain count, in every tenant, at every unit', {
    timeout: 240_000,
  }, async () => {
    // Prepare
    const random = generator(SEED);
    const today = t.today;
    const tokens = Object.fromEntries(
      await Promise.all(
        ORGS.map(async (org) => [org, (await t.signIn(`alpha.${org}`)).access_token] as const),
      ),
    ) as Record<Org, string>;
    const openBranches: Record<Org, string[]> = {
      farmers: ['b-28261-01', 'b-28261-02', 'b-28249-01', 'b-agency-28261', 'b-pro-28261-01', 'b-agency-82'],
      youth: ['b-28261-01', 'b-28261-02', 'b-28249-01', 'b-agency-28261', 'b-pro-28261-01', 'b-agency-82'],
    };
    const members: Record<Org, string[]> = { farmers: [], youth: [] };
    const admitted: Record<Org, number> = { farmers: 0, youth: 0 };
    const replayer = createStreamHandler(t.deps.table);
    const outcomes: Record<string, number> = {};
    const tally = (name: string, status: number) => {
      expect(status, `${name} answered ${status}`).toBeLessThan(500);
      const key = `${name} ${status < 300 ? 'ok' : 'refused'}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    };

    // Act
    // One person in both organizations for certain, left alone by the mix (not in `members`).
    for (const org of ORGS) {
      const response = await postJson(
        t,
        tokens[org],
        '/api/v1/members',
        admission({
          fullName: 'Võ Thị Hạnh',
          ...(PEOPLE[0] as (typeof PEOPLE)[number]),
          joinedAt: '2023-01-01',
        }),
      );
      tally('admit', response.status);
      admitted[org]++;
    }
    for (let step = 0; step < OPERATIONS; step++) {
      const org = random.pick(ORGS);
      const token = tokens[org];
      const someone = members[org].length > 0 ? random.pick(members[org]) : undefined;
      if (step === Math.floor(OPERATIONS / 2)) {
        // A branch dissolved: its members move to another hamlet's branch.
        const response = await postJson(t, tokens.farmers, '/api/v1/branches/b-28249-01/dissolve', {
          toBranchId: 'b-28261-02',
          reason: 'Sáp nhập ấp',
        });
        tally('dissolve', response.status);
        openBranches.farmers = openBranches.farmers.filter((id) => id !== 'b-28249-01');
        continue;
      }
      const roll = random.int(0, 99);
      if (roll < 35 || !someone) {
        const status = random.pick(['active', 'active', 'away', 'lapsed'] as const);
        const year = org === 'youth' ? random.int(1997, 2006) : random.int(1950, 2000);
        const fresh = {
          gender: random.pick(['male', 'female'] as const),
          birthDate: `${year}-0${random.int(1, 9)}-1${random.int(0, 9)}`,
          nationalId: random.chance(0.2) ? null : undefined,
        };
        const response = await postJson(
          t,
          token,
          '/api/v1/members',
          admission({
            fullName: random.pick(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung']),
            ...(random.chance(0.4) ? random.pick(PEOPLE) : fresh),
            joinedAt: '2023-01-01',
            branchId: random.pick(openBranches[org]),
            status,
            ...(status === 'away' && { awayPlace: 'TP. Hồ Chí Minh' }),
          }),
        );
        tally('admit', response.status);
        if (response.status === 201) {
          members[org].push(((await response.json()) as { id: string }).id);
          admitted[org]++;
        }
      } else if (roll < 60) {
        const status = random.pick(['active', 'away', 'lapsed', 'removed', 'deceased', 'graduated'] as const);
        const response = await postJson(t, token, `/api/v1/members/${someone}/status`, {
          status,
          reason: 'Thay đổi ngẫu nhiên',
          effectiveDate: today,
          ...(status === 'away' && { awayPlace: 'Bình Dương' }),
        });
        tally('status', response.status);
      } else if (roll < 80) {
        const response = await postJson(t, token, `/api/v1/members/${someone}/transfer`, {
          toBranchId: random.pick(openBranches[org]),
        });
        tally('transfer', response.status);
      } else if (roll < 88) {
        const response = await postJson(t, token, `/api/v1/members/${someone}/transfer-out`, {
          destination: { tenantId: null, description: 'Hội Nông dân xã Mỹ Hội, tỉnh Đồng Tháp' },
          reason: 'Chuyển nơi cư trú',
          effectiveDate: today,
        });
        tally('transfer-out', response.status);
      } else if (delivered.length > 0) {
        // A delivery again: one batch whole, or a cut across one shard's batches as a retry after
        // bisection.
        const shardId = random.pick(delivered).shardId;
        const records = recordsOf(shardId);
        const start = random.int(0, records.length - 1);
        const event = random.chance(0.5)
          ? random.pick(delivered)
          : { shardId, Records: records.slice(start, start + random.int(1, 150)) };
        const result = await replayer(event);
        expect(result.batchItemFailures).toEqual([]);
        tally('replay', 200);
      }
    }
    await poller.idle();
    // And everything once more at the end, each shard as one batch.
    for (const shardId of new Set(delivered.map((event) => event.shardId)))
      expect((await replayer({ shardId, Records: recordsOf(shardId) })).batchItemFailures).toEqual([]);

    // Assess
    for (const org of ORGS) {
      const response = await postJson(t, tokens[org], '/api/v1/admin/recount', {});
      expect(response.status).toBe(200);
      const report = (await response.json()) as { differences: unknown[]; members: number };
      expect({ org, outcomes, differences: report.differences }).toEqual({ org, outcomes, differences: [] });
      expect(report.members).toBe(admitted[org]);
      // Every member is counted once in the province, whatever became of them.
      const province = readUnitCounts(
        await new AggregateRepository(t.deps.table.forTenant(toTenantId(`alpha:${org}`))).get('82'),
      );
      expect(Object.values(province.members).reduce((a, b) => a + b, 0)).toBe(admitted[org]);
    }
    const front = await recountFrontOf(t, 'alpha', ORGS);
    expect({ differences: front.differences, records: front.persons.recordsDiffering }).toEqual({
      differences: [],
      records: 0,
    });
    expect(front.persons.sharedByOrganizations).toBeGreaterThan(0);
    // Both of the above share the product's counting code; the oracle shares none of it. The
    // stored figures equal the oracle, and the recounts found them equal to theirs: all three agree.
    const items = await rawItems(t);
    expect(storedFigures(items)).toEqual(expectedFigures(items));
    expect(outcomes['admit ok']).toBeGreaterThan(5);
    expect(outcomes['dissolve ok']).toBe(1);
  });
});
