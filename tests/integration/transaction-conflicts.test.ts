/**
 * What real DynamoDB refuses for a moment, and DynamoDB Local never does: a transaction cancelled
 * because another one held an item (`TransactionConflict`), a write throttled for lack of
 * capacity. The refusals are injected into a real client's middleware stack, where AWS's answer
 * would enter it (below the SDK's own retries), over the real table: a conflict is retried and
 * never told as a failed condition, one that lasts becomes a retryable 503, and a real failed
 * condition keeps its domain error. A read throttled past the SDK's retries is a retryable 503 too.
 */
// biome-ignore lint/style/noRestrictedImports: the test throws AWS's own exception classes, as the SDK would.
import * as aws from '@aws-sdk/client-dynamodb';
import type { HandlerExecutionContext, InitializeHandler } from '@smithy/types';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import { createStreamHandler } from '../../functions/stream/handler.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { BATCH_BACKOFF, WRITE_BACKOFF } from '../../shared/store/backoff.ts';
import { createDocumentClient } from '../../shared/store/dynamodb-client.ts';
import { AggregateRepository } from '../../shared/store/repositories/aggregates.ts';
import { ThrottledError, TransactionConflictError } from '../../shared/store/store-errors.ts';
import { Table } from '../../shared/store/table.ts';
import { eventually, WAITS } from '../setup/eventually.ts';
import { admission, admitOk, provinceWithBranches } from '../setup/members.ts';
import { pageClient } from '../setup/page-client.ts';
import { accessTokens, appWithProvinces } from '../setup/scene.ts';
import { tableDigest } from '../setup/table-digest.ts';
import {
  expectProblem,
  getJson,
  seedBranches,
  startStreamPollerFor,
  type TestApp,
  testBranch,
} from '../setup/test-app.ts';

const TENANT = 'alpha:farmers';

let t: TestApp;
let farmers: string;

beforeAll(async () => {
  t = await appWithProvinces(['alpha'], provinceWithBranches);
  [farmers] = await accessTokens(t, 'alpha.farmers');
});

type Input = Record<string, unknown>;

/** What one call sent on the faulty client meets: an error thrown instead of AWS's answer, or nothing. */
type Fault = (input: Input) => Promise<Error | undefined> | Error | undefined;

/**
 * A client over the test table whose calls of one command meet `faults` in turn, then `always`
 * (when set), then go through; `sent` counts the calls. By default the refusal enters where
 * DynamoDB's answer does, below the SDK's retry middleware, so the SDK retries what it would
 * retry of AWS's; `pastSdkRetries` puts it above, as the SDK throws what it gave up retrying.
 */
function faultyTable(commandName: string, where: 'fromAws' | 'pastSdkRetries' = 'fromAws') {
  const client = createDocumentClient({ endpoint: t.env.DYNAMODB_ENDPOINT, region: t.env.AWS_REGION });
  const state = { faults: [] as Fault[], always: undefined as Fault | undefined, sent: 0 };
  const inject =
    <I extends object, O extends object>(next: InitializeHandler<I, O>, context: HandlerExecutionContext) =>
    async (args: { input: I }) => {
      if (context.commandName === commandName) {
        state.sent++;
        const fault = state.faults.shift() ?? state.always;
        const error = await fault?.(args.input as Input);
        if (error) throw error;
      }
      return next(args);
    };
  if (where === 'fromAws')
    client.middlewareStack.addRelativeTo(inject, {
      relation: 'after',
      toMiddleware: 'retryMiddleware',
      name: 'injectRefusals',
    });
  else client.middlewareStack.add(inject, { step: 'initialize', name: 'injectRefusals' });
  return { table: new Table(client, t.env.TABLE_NAME), state };
}

/**
 * DynamoDB's cancellation of a transaction for `code` on one of its operations (the first
 * condition check, the branch of an admission), `None` on the others, as the SDK hands it over.
 */
function cancelled(code: string): Fault {
  return (input) => {
    const operations = input.TransactItems as Record<string, unknown>[];
    const at = Math.max(
      0,
      operations.findIndex((operation) => operation.ConditionCheck),
    );
    const reasons = operations.map((_, index) => ({ Code: index === at ? code : 'None' }));
    return new aws.TransactionCanceledException({
      message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      $metadata: { httpStatusCode: 400 },
      CancellationReasons: reasons,
    });
  };
}

const metadata = { $metadata: { httpStatusCode: 400 } };
const conflictException: Fault = () =>
  new aws.TransactionConflictException({ message: 'Transaction is ongoing for the item', ...metadata });
const throughputExceeded: Fault = () =>
  new aws.ProvisionedThroughputExceededException({
    message: 'The level of configured provisioned throughput for the table was exceeded',
    ...metadata,
  });

/** The API over a table whose TransactWriteItems calls meet injected refusals. */
function faultyApi() {
  const { table, state } = faultyTable('TransactWriteItemsCommand');
  const app = createApp({ ...t.deps, table });
  const admit = (body: unknown) =>
    app.request('/api/v1/members', {
      method: 'POST',
      headers: { authorization: `Bearer ${farmers}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { admit, state };
}

describe('an admission whose transaction meets a concurrent one', () => {
  it('is admitted once the conflict has passed', async () => {
    // Prepare
    const { admit, state } = faultyApi();
    state.faults.push(cancelled('TransactionConflict'), cancelled('TransactionConflict'));

    // Act
    const response = await admit(admission({ fullName: 'Trần Văn Xung Đột' }));

    // Assess: two cancelled tries and a third that applied.
    expect(response.status).toBe(201);
    expect(state.sent).toBe(3);
    const { id } = (await response.json()) as { id: string };
    expect(await getJson(t, `/api/v1/members/${id}`, farmers)).toMatchObject({
      id,
      fullName: 'Trần Văn Xung Đột',
      branchId: 'b-28261-01',
    });
  });

  it('gets a retryable 503 WRITE_CONFLICT, not BRANCH_CLOSED, and nothing written, when the conflict lasts', async () => {
    // Prepare
    const { admit, state } = faultyApi();
    state.always = cancelled('TransactionConflict');
    const before = await tableDigest(t);

    // Act
    const response = await admit(admission({ fullName: 'Lê Thị Chờ Đợi' }));

    // Assess
    const problem = await expectProblem(response, 503, 'WRITE_CONFLICT');
    expect(response.headers.get('retry-after')).toBe('1');
    expect(problem.detail).toContain('1 giây');
    expect(problem.detailEn).toContain('1 seconds');
    expect(state.sent).toBe(WRITE_BACKOFF.attempts);
    expect(await tableDigest(t)).toBe(before);
  });

  it('gets a retryable 503 SERVICE_BUSY, nothing written, when its transaction stays throttled', async () => {
    // Prepare
    const { admit, state } = faultyApi();
    state.always = cancelled('ThrottlingError');
    const before = await tableDigest(t);

    // Act
    const response = await admit(admission({ fullName: 'Phạm Văn Quá Tải' }));

    // Assess
    await expectProblem(response, 503, 'SERVICE_BUSY');
    expect(response.headers.get('retry-after')).toBe('1');
    expect(state.sent).toBe(WRITE_BACKOFF.attempts);
    expect(await tableDigest(t)).toBe(before);
  });

  it('gets 409 BRANCH_CLOSED when the transaction it met was the branch being dissolved', async () => {
    // Prepare: the concurrent transaction commits the dissolution while ours is cancelled.
    const { admit, state } = faultyApi();
    const branch = testBranch('b-28261-02', '28261-02', 'Chi hội Khóm 2');
    state.faults.push(async (input) => {
      await seedBranches(t, TENANT, [{ ...branch, status: 'dissolving' }]);
      return cancelled('TransactionConflict')(input);
    });
    const before = await tableDigest(t, ['branch']);

    // Act
    const response = await admit(admission({ fullName: 'Võ Văn Trễ', branchId: branch.id }));

    // Assess: the retry met the real condition, and only the branch changed.
    await expectProblem(response, 409, 'BRANCH_CLOSED');
    expect(state.sent).toBe(2);
    expect(await tableDigest(t, ['branch'])).toBe(before);
  });
});

describe('the admission form meeting a conflict that lasts', () => {
  it('is drawn again with what was typed and the reason, a 503, and nothing written', async () => {
    // Prepare: the tenant's keys exist (its first admission makes them), as in any tenant in use
    await admitOk(t, farmers, admission({ fullName: 'Hồ Văn Đầu Tiên' }));
    const { table, state } = faultyTable('TransactWriteItemsCommand');
    const browser = pageClient({ ...t, app: createApp({ ...t.deps, table }) });
    await browser.signIn('alpha.farmers');
    const form = await (await browser.get('/members/new?unitId=28261')).text();
    const once = form.match(/name="once" value="([^"]+)"/)?.[1] ?? expect.fail('the form has no once-key');
    state.always = cancelled('TransactionConflict');
    const before = await tableDigest(t);

    // Act
    const response = await browser.post('/members/new', {
      once,
      unitId: '28261',
      branchId: 'b-28261-01',
      status: 'active',
      fullName: 'Hồ Thị Gửi Lại',
      gender: 'female',
      birthDate: '1990-02-03',
      joinedAt: '2020-05-06',
    });

    // Assess
    const page = await response.text();
    expect(response.status, page.slice(0, 500)).toBe(503);
    expect(page).toContain('value="Hồ Thị Gửi Lại"');
    expect(page).toContain('value="1990-02-03"');
    expect(page).toContain('<form');
    expect(page).toContain('thay đổi của bạn chưa được lưu. Vui lòng gửi lại sau 1 giây');
    expect(await tableDigest(t)).toBe(before);
  });
});

describe('a read the table keeps throttling past the SDK retries', () => {
  it.each([
    ['a member', 'GetItemCommand'],
    ['a list', 'QueryCommand'],
  ])('of %s gets a retryable 503 SERVICE_BUSY', async (_, command) => {
    // Prepare
    const member = await admitOk(t, farmers, admission({ fullName: `Đỗ Thị Đọc ${command.slice(0, 3)}` }));
    const { table, state } = faultyTable(command, 'pastSdkRetries');
    state.always = throughputExceeded;
    const app = createApp({ ...t.deps, table });
    const path = command === 'GetItemCommand' ? `/api/v1/members/${member.id}` : '/api/v1/members';

    // Act
    const response = await app.request(path, { headers: { authorization: `Bearer ${farmers}` } });

    // Assess
    await expectProblem(response, 503, 'SERVICE_BUSY');
    expect(response.headers.get('retry-after')).toBe('1');
    expect(state.sent).toBeGreaterThan(0);
  });
});

describe('the store', () => {
  const item = (n: number) => ({ entity: 'probe', key: { pk: `PROBE#${n}`, sk: 'PROBE' }, data: { n } });

  it('writes an item once the transaction holding it has committed', async () => {
    // Prepare
    const { table, state } = faultyTable('PutItemCommand');
    state.faults.push(conflictException);
    const tenant = table.forTenant(toTenantId(TENANT));

    // Act
    await tenant.put(item(1));

    // Assess
    expect(state.sent).toBe(2);
    expect(await tenant.get(item(1).key)).toEqual({ n: 1 });
  });

  it('reports a single write that keeps meeting a transaction as a conflict, not a failed condition', async () => {
    // Prepare
    const { table, state } = faultyTable('UpdateItemCommand');
    state.always = conflictException;
    const tenant = table.forTenant(toTenantId(TENANT));

    // Act
    const update = tenant.update(item(2).key, { set: { n: 2 }, condition: { exists: false } });

    // Assess
    await expect(update).rejects.toBeInstanceOf(TransactionConflictError);
    expect(state.sent).toBe(WRITE_BACKOFF.attempts);
    expect(await tenant.get(item(2).key)).toBeUndefined();
  });

  it('writes every item of a batch DynamoDB processes only in part', async () => {
    // Prepare: each call processes its first three requests and leaves the rest, as when
    // partitions are throttled, five times over.
    const client = createDocumentClient({ endpoint: t.env.DYNAMODB_ENDPOINT, region: t.env.AWS_REGION });
    let partial = 5;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'BatchWriteItemCommand' || partial <= 0) return next(args);
        partial--;
        const input = args.input as { RequestItems: Record<string, unknown[]> };
        const [name, requests] = Object.entries(input.RequestItems)[0] as [string, unknown[]];
        const result = await next({ ...args, input: { RequestItems: { [name]: requests.slice(0, 3) } } });
        const output = result.output as { UnprocessedItems?: Record<string, unknown[]> };
        output.UnprocessedItems = { [name]: requests.slice(3) };
        return result;
      },
      { step: 'initialize', name: 'processInPart' },
    );
    const tenant = new Table(client, t.env.TABLE_NAME).forTenant(toTenantId(TENANT));
    const items = Array.from({ length: 40 }, (_, n) => item(100 + n));

    // Act
    await tenant.putMany(items, 1);

    // Assess
    expect(partial).toBe(0);
    const stored = await tenant.getMany(
      items.map((i) => i.key),
      { consistent: true },
    );
    expect(stored.size).toBe(40);
  });

  it('gives up on a batch the table keeps throttling past the SDK retries, with ThrottledError', async () => {
    // Prepare
    const { table, state } = faultyTable('BatchWriteItemCommand', 'pastSdkRetries');
    state.always = throughputExceeded;
    const tenant = table.forTenant(toTenantId(TENANT));

    // Act
    const load = tenant.putMany([item(200), item(201)]);

    // Assess
    await expect(load).rejects.toBeInstanceOf(ThrottledError);
    expect(state.sent).toBe(BATCH_BACKOFF.attempts);
  });
});

describe('the stream function', () => {
  let poller: StreamPoller;
  const results: DynamoDBBatchResponse[] = [];
  const faulty = () => faultyTable('TransactWriteItemsCommand');
  let stream: ReturnType<typeof faulty>;
  let aggregates: AggregateRepository;

  beforeAll(async () => {
    stream = faulty();
    aggregates = new AggregateRepository(t.deps.table.forTenant(toTenantId(TENANT)));
    const handle = createStreamHandler(stream.table);
    poller = await startStreamPollerFor(t, {
      table: stream.table,
      handle: async (event) => {
        const result = await handle(event);
        results.push(result);
        return result;
      },
      maxAttempts: 1_000,
    });
    await poller.idle();
  });

  afterAll(async () => {
    await poller?.stop();
  });

  const activeIn = async (unitId: string) => (await aggregates.get(unitId)).members_active ?? 0;

  /** The hamlet's active members once they reach `expected`, and again when the poller has nothing left. */
  const settled = async (expected: number) => {
    const reached = await eventually(
      () => activeIn('28249-01'),
      (n) => n === expected,
    );
    await poller.idle();
    return [reached, await activeIn('28249-01')];
  };

  it('applies a batch whose transactions were throttled, once', WAITS, async () => {
    // Prepare
    await poller.idle();
    const before = await activeIn('28249-01');
    stream.state.faults.push(cancelled('ThrottlingError'), cancelled('ProvisionedThroughputExceeded'));
    results.length = 0;

    // Act
    await admitOk(t, farmers, admission({ branchId: 'b-28249-01' }));

    // Assess: applied within the handler's call, no batch item failure reported.
    expect(await settled(before + 1)).toEqual([before + 1, before + 1]);
    expect(stream.state.faults).toEqual([]);
    expect(results.flatMap((result) => result.batchItemFailures)).toEqual([]);
  });

  it(
    'reports a record it cannot apply for conflicts as a batch item failure, and applies it once when they pass',
    WAITS,
    async () => {
      // Prepare
      await poller.idle();
      const before = await activeIn('28249-01');
      stream.state.always = cancelled('TransactionConflict');
      results.length = 0;

      // Act
      await admitOk(t, farmers, admission({ branchId: 'b-28249-01' }));
      const failed = await eventually(
        async () => results.find((result) => result.batchItemFailures.length > 0),
        (result) => result !== undefined,
      );
      const whileFailing = await activeIn('28249-01');
      stream.state.always = undefined;

      // Assess
      expect(failed?.batchItemFailures).toHaveLength(1);
      expect(whileFailing).toBe(before);
      expect(await settled(before + 1)).toEqual([before + 1, before + 1]);
    },
  );
});
