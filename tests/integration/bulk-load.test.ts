/**
 * The bulk load path: the demo's loader counts the members it writes itself, exactly once — when
 * it stops between writing a run and counting it, when it stops after counting one but before
 * moving its plan on, and when a counted run is counted again — while the stream, running beside
 * it as under `npm start`, passes those members' first records by and counts their later changes.
 * Every counter is held against the oracle, which counts the table's items plainly.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoMemberId,
  type ImportDemoMembersOptions,
  importDemoMembers,
} from '../../functions/local/demo/demo-members.ts';
import { DEMO_PROVINCE_ID } from '../../functions/local/demo/seed-demo-province.ts';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import { logger } from '../../shared/config/logger.ts';
import { tenantIdOf } from '../../shared/domain/organizations.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { createChangeApplier } from '../../shared/figures/apply-changes.ts';
import { countLoadedMembers } from '../../shared/figures/bulk-load.ts';
import { createDocumentClient } from '../../shared/store/dynamodb-client.ts';
import { MemberRepository } from '../../shared/store/repositories/members.ts';
import { Table } from '../../shared/store/table.ts';
import { eventually, WAITS } from '../setup/eventually.ts';
import { expectedFigures, type Figures, rawItems, storedFigures } from '../setup/figures-oracle.ts';
import { changeStatusOk, provinceWithBranches } from '../setup/members.ts';
import { createTestApp, startStreamPollerFor, type TestApp } from '../setup/test-app.ts';

const COUNT = 25;
const FIXED = { today: '2026-03-15', at: '2026-03-15T01:00:00.000Z', chunkSize: 10 };
const LOAD_ID = `DEMO_MEMBERS#${FIXED.at}`;
const farmers = toTenantId(tenantIdOf(DEMO_PROVINCE_ID, 'farmers'));

let t: TestApp;
let poller: StreamPoller;

beforeAll(async () => {
  t = await createTestApp();
  await provinceWithBranches(t, DEMO_PROVINCE_ID);
  poller = await startStreamPollerFor(t);
});

afterAll(async () => {
  await poller?.stop();
});

function load(options: Partial<ImportDemoMembersOptions> = {}) {
  return importDemoMembers({
    table: t.deps.table,
    vault: t.deps.nationalIds,
    counts: { farmers: COUNT, women: COUNT, veterans: COUNT, youth: COUNT },
    ...FIXED,
    ...options,
  });
}

/**
 * The app's table over a client that refuses the `nth` call (from 1) the predicate picks, as a
 * process killed at that moment would leave it: nothing of that call written.
 */
function tableFailing(nth: number, picks: (command: string, input: Record<string, unknown>) => boolean) {
  const client = createDocumentClient({ endpoint: t.env.DYNAMODB_ENDPOINT, region: t.env.AWS_REGION });
  let seen = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (picks(context.commandName ?? '', args.input as Record<string, unknown>) && ++seen === nth)
        throw new Error('the loader stopped here');
      return next(args);
    },
    { step: 'initialize', name: 'stopTheLoader' },
  );
  return new Table(client, t.env.TABLE_NAME);
}

/** The figures once the stream has applied what is on it, with what the oracle counts from the items. */
async function settledFigures(): Promise<{ stored: Figures; expected: Figures }> {
  await poller.idle();
  const items = await rawItems(t);
  return { stored: storedFigures(items), expected: expectedFigures(items) };
}

/** The largest sum, over a tenant's units, of the counters named so: its top unit's. */
function largest(units: Figures[string] | undefined, named: RegExp): number {
  const sums = Object.values(units ?? {}).map((counters) =>
    Object.entries(counters)
      .filter(([name]) => named.test(name))
      .reduce((sum, [, value]) => sum + value, 0),
  );
  return Math.max(0, ...sums);
}

describe('the bulk load path', () => {
  it('counts each member once though the loader stopped between writing and counting, and after counting', async () => {
    // Act: stopped at its 3rd counting transaction (the first runs' members are written, not all
    // counted), then at its 2nd plan update after that (a run counted, its plan not moved on)
    const countings = (command: string) => command === 'TransactWriteItemsCommand';
    await expect(load({ table: tableFailing(3, countings) })).rejects.toThrow();
    // The client sees the document client's put as DynamoDB's, its attributes maybe marshalled.
    const planUpdates = (command: string, input: Record<string, unknown>) =>
      command === 'PutItemCommand' &&
      JSON.stringify((input.Item as { SK?: unknown } | undefined)?.SK).includes('PLAN');
    await expect(load({ table: tableFailing(2, planUpdates) })).rejects.toThrow();
    const finished = await load();

    // Assert
    expect(finished.total).toBe(4 * COUNT);
    const { stored, expected } = await settledFigures();
    expect(stored).toEqual(expected);
    // Not two empty sets of figures: the province counts every farmer, and the Front its people.
    expect(largest(stored[farmers], /^members_/)).toBe(COUNT);
    expect(
      largest(stored[toTenantId(tenantIdOf(DEMO_PROVINCE_ID, 'front'))], /^unique_persons$/),
    ).toBeGreaterThan(COUNT);
  });

  it('changes nothing when runs it counted are counted again', async () => {
    // Prepare
    const before = await settledFigures();
    const members = new MemberRepository(t.deps.table.forTenant(farmers));
    const firstRun = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => ({
        n: i + 1,
        member:
          (await members.get(demoMemberId('farmers', i + 1))) ?? expect.fail('a loaded member is missing'),
      })),
    );

    // Act
    await countLoadedMembers(createChangeApplier(t.deps.table, { log: logger }), farmers, LOAD_ID, firstRun);
    await load();

    // Assert
    const after = await settledFigures();
    expect(after.stored).toEqual(before.stored);
    expect(after.stored).toEqual(after.expected);
  });

  it('leaves a loaded member’s later changes to the stream', WAITS, async () => {
    // Prepare
    const token = (await t.signIn(`${DEMO_PROVINCE_ID}.farmers`)).access_token;
    const members = new MemberRepository(t.deps.table.forTenant(farmers));
    const loaded =
      (await members.get(demoMemberId('farmers', 1))) ?? expect.fail('a loaded member is missing');
    const next = loaded.status === 'away' ? 'active' : 'away';

    // Act
    await changeStatusOk(t, token, loaded.id, {
      status: next,
      ...(next === 'away' && { awayPlace: 'TP. Hồ Chí Minh' }),
    });

    // Assert
    const settled = await eventually(settledFigures, ({ stored, expected }) =>
      isDeepStrictEqual(stored, expected),
    );
    expect(settled.stored).toEqual(settled.expected);
    expect((await members.get(loaded.id))?.status).toBe(next);
  });
});
