/**
 * Aggregates kept from the table's stream, on one machine as `npm start` keeps them: the local
 * poller reads DynamoDB Local's stream and feeds the stream handler. A change shows in the
 * figures without anyone asking; a batch delivered again, whole or cut differently, changes nothing; a
 * delivery cut short and a poller restarted both resume where they stopped and count once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import { createStreamHandler, type StreamEvent } from '../../functions/stream/handler.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import type { Counters } from '../../shared/figures/counters.ts';
import { AggregateRepository } from '../../shared/store/repositories/aggregates.ts';
import { eventually, WAITS } from '../setup/eventually.ts';
import { admission, admitOk, changeStatusOk, provinceWithBranches } from '../setup/members.ts';
import {
  createOfficer,
  createTestApp,
  expectProblem,
  startStreamPollerFor,
  type TestApp,
} from '../setup/test-app.ts';

const TENANT = 'alpha:farmers';
const UNITS = ['82', '28261', '28249', '28261-01', '28261-02', '28249-01'];

let t: TestApp;
let farmers: string;
let poller: StreamPoller;
const delivered: StreamEvent[] = [];
let aggregates: AggregateRepository;

beforeAll(async () => {
  t = await createTestApp();
  await provinceWithBranches(t, 'alpha');
  farmers = (await t.signIn('alpha.farmers')).access_token;
  aggregates = new AggregateRepository(t.deps.table.forTenant(toTenantId(TENANT)));
  poller = await startStreamPollerFor(t, { onBatch: (event) => delivered.push(event) });
});

afterAll(async () => {
  await poller?.stop();
});

/** Every unit's stored counters. */
async function snapshot(): Promise<Record<string, Counters>> {
  return Object.fromEntries(
    await Promise.all(UNITS.map(async (id) => [id, await aggregates.get(id)] as const)),
  );
}

/** Reads a counter until it holds the value (or the wait ends); answers what it last read. */
async function counterSettled(unitId: string, counter: string, expected: number): Promise<number> {
  return eventually(
    async () => (await aggregates.get(unitId))[counter] ?? 0,
    (value) => value === expected,
  );
}

describe('the poller', () => {
  it('counts what was there before it started: the seeded branches, at every level', async () => {
    // Act
    await poller.idle();

    // Assess
    expect(await aggregates.get('82')).toEqual({ branches_residential: 3, branches_agency: 1 });
    expect(await aggregates.get('28261')).toEqual({ branches_residential: 2, branches_agency: 1 });
    expect(await aggregates.get('28249-01')).toEqual({ branches_residential: 1 });
  });

  it('makes an admission visible in the aggregates without being asked', WAITS, async () => {
    // Prepare
    await poller.idle();
    const before = (await aggregates.get('28261-01')).members_active ?? 0;

    // Act
    await admitOk(t, farmers, admission({ branchId: 'b-28261-01', birthDate: '1985-02-03' }));

    // Assess
    expect(await counterSettled('28261-01', 'members_active', before + 1)).toBe(before + 1);
    await poller.idle();
    expect(await aggregates.get('82')).toMatchObject({
      members_active: before + 1,
      gender_male: before + 1,
      born_1985: 1,
    });
  });

  it('makes a status change visible, moving the count between statuses', WAITS, async () => {
    // Prepare
    const member = await admitOk(t, farmers, admission({ branchId: 'b-28249-01', gender: 'female' }));
    await poller.idle();
    const before = await aggregates.get('28249');

    // Act
    await changeStatusOk(t, farmers, member.id, { status: 'deceased' });

    // Assess
    const expected = (before.members_deceased ?? 0) + 1;
    expect(await counterSettled('28249', 'members_deceased', expected)).toBe(expected);
    await poller.idle();
    expect(await aggregates.get('28249')).toMatchObject({
      members_active: (before.members_active ?? 0) - 1,
      gender_female: (before.gender_female ?? 0) - 1,
    });
  });
});

describe('a batch delivered again', () => {
  it('changes nothing, whole or cut differently', async () => {
    // Prepare
    for (let n = 0; n < 5; n++)
      await admitOk(t, farmers, admission({ branchId: n % 2 ? 'b-28261-02' : 'b-28249-01' }));
    await poller.idle();
    const settled = await snapshot();
    expect(settled['82']?.members_active).toBeGreaterThanOrEqual(5);
    const handler = createStreamHandler(t.deps.table);
    const shards = [...new Set(delivered.map((event) => event.shardId))];

    // Act: every batch again, then each shard's whole history as one batch, then overlapping cuts.
    const results = [];
    for (const event of delivered) results.push(await handler(event));
    for (const shardId of shards) {
      const records = delivered.filter((e) => e.shardId === shardId).flatMap((event) => event.Records);
      results.push(await handler({ shardId, Records: records }));
      for (let start = 0; start < records.length; start += 7)
        results.push(await handler({ shardId, Records: records.slice(start, start + 13) }));
    }

    // Assess
    expect(results.every((r) => r.batchItemFailures.length === 0)).toBe(true);
    expect(await snapshot()).toEqual(settled);
  });
});

describe('a delivery cut short, and a restart', () => {
  it('resume from the first record not applied and from the checkpoint, counting each change once', async () => {
    // Prepare: the poller stops; changes are made while nobody reads the stream.
    await poller.idle();
    await poller.stop();
    const settled = await snapshot();
    const seenBefore = new Set(delivered.flatMap((event) => event.Records.map((r) => r.eventID)));
    for (let n = 0; n < 6; n++) await admitOk(t, farmers, admission({ branchId: 'b-28261-01' }));

    // Act: a new poller (as after a restart) whose first delivery applies only half of its batch,
    // reporting the rest as failed, as a function that timed out half-way would.
    const handler = createStreamHandler(t.deps.table);
    const afterRestart: StreamEvent[] = [];
    let cutShort = false;
    poller = await startStreamPollerFor(t, {
      onBatch: (event) => afterRestart.push(event),
      handle: async (event) => {
        const members = event.Records.filter((r) =>
          JSON.stringify(r.dynamodb?.NewImage).includes('"member"'),
        );
        if (cutShort || members.length < 2) return handler(event);
        cutShort = true;
        const half = event.Records.indexOf(members[Math.floor(members.length / 2)] as never);
        await handler({ ...event, Records: event.Records.slice(0, half) });
        return {
          batchItemFailures: [{ itemIdentifier: event.Records[half]?.dynamodb?.SequenceNumber ?? '' }],
        };
      },
    });
    await poller.idle();

    // Assess
    expect(cutShort).toBe(true);
    const now = await snapshot();
    expect(now['28261-01']?.members_active).toBe((settled['28261-01']?.members_active ?? 0) + 6);
    expect(now['82']?.members_active).toBe((settled['82']?.members_active ?? 0) + 6);
    // The restarted poller began at its checkpoint, not at the start of the stream (only the
    // checkpoint's own record, which needs no checkpoint, may be read again).
    const readAgain = afterRestart
      .flatMap((event) => event.Records)
      .filter((r) => seenBefore.has(r.eventID))
      .map((r) => JSON.stringify(r.dynamodb?.NewImage).includes('"stream_checkpoint"'));
    expect(readAgain.every(Boolean)).toBe(true);
    expect(readAgain.length).toBeLessThanOrEqual(1);
  });
});

describe('the recount endpoint', () => {
  it('finds the stored figures equal to the members and branches', async () => {
    // Prepare
    await poller.idle();

    // Act
    const response = await t.request('/api/v1/admin/recount', { method: 'POST', token: farmers, json: {} });

    // Assess
    expect(response.status).toBe(200);
    const report = (await response.json()) as { differences: unknown[]; members: number; branches: number };
    expect(report).toMatchObject({ differences: [], branches: 4, applied: false });
    expect(report.members).toBeGreaterThan(10);
  });

  it('reports a tampered counter and, with apply, corrects it', async () => {
    // Prepare
    await poller.idle();
    const stored = (await aggregates.get('28261')).members_active ?? 0;
    await aggregates.add('28261', { members_active: 5, born_1900: 1 });
    const recount = (apply: boolean) =>
      t.request('/api/v1/admin/recount', { method: 'POST', token: farmers, json: { apply } });

    // Act
    const found = await (await recount(true)).json();
    const after = await (await recount(false)).json();

    // Assess
    expect(found).toMatchObject({
      applied: true,
      differences: [
        { unitId: '28261', counter: 'born_1900', stored: 1, recounted: 0 },
        { unitId: '28261', counter: 'members_active', stored: stored + 5, recounted: stored },
      ],
    });
    expect(after).toMatchObject({ applied: false, differences: [] });
    expect((await aggregates.get('28261')).members_active).toBe(stored);
  });

  it('is for organization admins only', async () => {
    // Prepare
    await createOfficer(t, {
      username: 'alpha.farmers.officer',
      tenantId: TENANT,
      role: 'unit_officer',
      scope: { unitId: '28261' },
    });
    const officer = (await t.signIn('alpha.farmers.officer')).access_token;

    // Act
    const response = await t.request('/api/v1/admin/recount', { method: 'POST', token: officer, json: {} });

    // Assess
    await expectProblem(response, 403, 'FORBIDDEN');
  });
});
