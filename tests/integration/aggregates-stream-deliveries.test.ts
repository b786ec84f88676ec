/**
 * Exactly once, whatever the deliveries: the changes of a few members are read off the stream
 * unapplied, split into two shards as DynamoDB splits a table (by item, in order), and handed to
 * the stream handler the way Lambda's event source can — shards interleaved, batches replayed and
 * cut differently, a function error bisecting the batch, a transaction that commits but answers
 * an error, a batch reported half done. The aggregates then equal a recount. And a shard that
 * the per-record markers of the previous design partly applied is not applied twice.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStreamHandler } from '../../functions/stream/handler.ts';
import { PLATFORM_TENANT, toTenantId } from '../../shared/domain/tenant-id.ts';
import { readUnitCounts } from '../../shared/figures/counters.ts';
import { createDocumentClient } from '../../shared/store/dynamodb-client.ts';
import { AggregateRepository } from '../../shared/store/repositories/aggregates.ts';
import { Table } from '../../shared/store/table.ts';
import { recountFrontOf } from '../setup/front-recount.ts';
import {
  admission,
  admitOk,
  changeStatusOk,
  nationalIdFor,
  postJson,
  provinceWithBranches,
} from '../setup/members.ts';
import { createTestApp, startStreamPollerFor, type TestApp } from '../setup/test-app.ts';

const ORGS = ['farmers', 'youth'] as const;
const TIMEOUT = { timeout: 180_000 };

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await provinceWithBranches(t, 'alpha');
});

/** The stream's records of what `act` changes (and of what came before), read but never applied. */
async function unapplied(act: () => Promise<void>): Promise<DynamoDBRecord[]> {
  const records: DynamoDBRecord[] = [];
  const poller = await startStreamPollerFor(t, {
    handle: async (event) => {
      records.push(...event.Records);
      return { batchItemFailures: [] };
    },
  });
  try {
    await act();
    await poller.idle();
  } finally {
    await poller.stop();
  }
  return records;
}

/** Members admitted to both organizations, some the same person, some changed after admission. */
async function someChanges(round: number): Promise<void> {
  for (const org of ORGS) {
    const token = (await t.signIn(`alpha.${org}`)).access_token;
    for (let n = 0; n < 6; n++) {
      const person = {
        gender: n % 2 ? ('female' as const) : ('male' as const),
        birthDate: `${1992 + n}-0${round}-1${n}`,
      };
      const member = await admitOk(
        t,
        token,
        admission({
          ...person,
          nationalId: n < 3 ? nationalIdFor(person) : null,
          branchId: n % 2 ? 'b-28261-02' : 'b-28249-01',
        }),
      );
      if (n % 3 === 0) await changeStatusOk(t, token, member.id, { status: 'lapsed' });
      if (n % 3 === 1)
        expect(
          (await postJson(t, token, `/api/v1/members/${member.id}/transfer`, { toBranchId: 'b-28261-01' }))
            .status,
        ).toBe(200);
    }
  }
}

/** Two shards, as DynamoDB would have them: each item's records in one, in order. */
function twoShards(records: readonly DynamoDBRecord[]): Record<'a' | 'b', DynamoDBRecord[]> {
  const shards = { a: [] as DynamoDBRecord[], b: [] as DynamoDBRecord[] };
  for (const record of records) {
    const key = JSON.stringify(record.dynamodb?.Keys);
    let hash = 0;
    for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) | 0;
    shards[hash % 2 === 0 ? 'a' : 'b'].push(record);
  }
  return shards;
}

/**
 * A handler over a client that fails some of its transactions: before sending (the function
 * errs, Lambda bisects), after the transaction committed (the answer was lost), and six times in
 * a row as a cancelled transaction (the handler gives up and reports the batch half done).
 */
function faultyHandler() {
  const client = createDocumentClient({ endpoint: t.env.DYNAMODB_ENDPOINT, region: t.env.AWS_REGION });
  let calls = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      if (!(args.input as { TransactItems?: unknown }).TransactItems) return next(args);
      calls++;
      if (calls % 7 === 3) throw new Error('injected: the function failed before writing');
      if (calls % 7 === 5) {
        await next(args);
        throw new Error('injected: the transaction committed, its answer was lost');
      }
      if (calls >= 20 && calls < 26)
        throw Object.assign(new Error('injected: cancelled'), {
          name: 'TransactionCanceledException',
          CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
        });
      return next(args);
    },
    { step: 'initialize', name: 'injectFailures' },
  );
  // Small transactions, so that a batch takes several and one may fail after another committed.
  return createStreamHandler(new Table(client, t.env.TABLE_NAME), {
    retryDelayMs: 1,
    transactionOperations: 12,
  });
}

/**
 * Lambda's event source for one shard, a step at a time: a batch from the position; on a
 * function error the batch is halved and retried (bisection); on a reported failure it resumes
 * from that record. After each step, a batch already delivered may come again, cut differently.
 */
function eventSource(
  shardId: string,
  records: readonly DynamoDBRecord[],
  handler: ReturnType<typeof faultyHandler>,
) {
  let position = 0;
  let size = 25;
  let step = 0;
  return {
    done: () => position >= records.length,
    step: async () => {
      step++;
      const batch = records.slice(position, position + size);
      try {
        const result = await handler({ shardId, Records: batch });
        const failed = result.batchItemFailures[0]?.itemIdentifier;
        const index = batch.findIndex((r) => r.dynamodb?.SequenceNumber === failed);
        position += failed === undefined ? batch.length : index;
        size = 25;
      } catch {
        size = Math.max(1, Math.ceil(size / 2));
      }
      if (step % 3 === 0 && position > 0) {
        const start = (step * 5) % position;
        await handler({ shardId, Records: records.slice(start, Math.min(records.length, start + 11)) }).catch(
          () => undefined,
        );
      }
    },
  };
}

async function expectFiguresEqualRecount(): Promise<void> {
  for (const org of ORGS) {
    const token = (await t.signIn(`alpha.${org}`)).access_token;
    const report = (await (await postJson(t, token, '/api/v1/admin/recount', {})).json()) as {
      differences: unknown[];
      members: number;
    };
    expect({ org, differences: report.differences }).toEqual({ org, differences: [] });
    const province = readUnitCounts(
      await new AggregateRepository(t.deps.table.forTenant(toTenantId(`alpha:${org}`))).get('82'),
    );
    expect(Object.values(province.members).reduce((a, b) => a + b, 0)).toBe(report.members);
  }
  const front = await recountFrontOf(t, 'alpha', ORGS);
  expect({ differences: front.differences, records: front.persons.recordsDiffering }).toEqual({
    differences: [],
    records: 0,
  });
}

describe('deliveries of two shards, interleaved, replayed, bisected and failed', () => {
  it('count every change once: the aggregates equal a recount', TIMEOUT, async () => {
    // Prepare
    const records = await unapplied(() => someChanges(1));
    const shards = twoShards(records);
    expect(shards.a.length).toBeGreaterThan(10);
    expect(shards.b.length).toBeGreaterThan(10);
    const handler = faultyHandler();
    const sources = [eventSource('shard-a', shards.a, handler), eventSource('shard-b', shards.b, handler)];

    // Act
    for (let steps = 0; sources.some((s) => !s.done()); steps++) {
      expect(steps).toBeLessThan(2_000);
      for (const source of sources) if (!source.done()) await source.step();
    }

    // Assess
    await expectFiguresEqualRecount();
  });
});

describe('a shard partly applied before the deploy, with a marker per record', () => {
  it('is not applied twice: the markers count for a shard without progress', TIMEOUT, async () => {
    // Prepare: the first half applied and marked, as the previous design left it.
    const records = await unapplied(() => someChanges(2));
    const half = Math.floor(records.length / 2);
    const handler = createStreamHandler(t.deps.table);
    expect(
      (await handler({ shardId: 'before-the-deploy', Records: records.slice(0, half) })).batchItemFailures,
    ).toEqual([]);
    const platform = t.deps.table.forTenant(PLATFORM_TENANT);
    for (const record of records.slice(0, half))
      await platform.put({
        entity: 'stream_applied',
        key: { pk: `STREAM_APPLIED#${record.eventID}`, sk: 'STREAM_APPLIED' },
        data: { appliedAt: new Date().toISOString() },
      });

    // Act: after the deploy, the shard is delivered again from the start of the batch that was cut.
    const result = await handler({ shardId: 'after-the-deploy', Records: records });

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    await expectFiguresEqualRecount();
  });
});
