/**
 * Webhooks from a committed change to a verified receiver: the stream's outbox queues a delivery,
 * the sender signs and posts it, and a receiver using the `standardwebhooks` library verifies it.
 * Retries keep their `webhook-id` and a member's events their order; a 410 disables the endpoint;
 * a private address is refused unless the deployment allows it; a refused write sends nothing.
 * The sender's clock is the test's, so a retry comes without waiting for it.
 */
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import { createStreamHandler, type StreamEvent } from '../../functions/stream/handler.ts';
import type { DeliveryView } from '../../shared/domain/webhooks/delivery.ts';
import type { EndpointView, EndpointWithSecret } from '../../shared/domain/webhooks/endpoint.ts';
import { createWebhookSender, type WebhookSender } from '../../shared/webhooks/sender.ts';
import { admission, admitOk, changeStatusOk, postJson, provinceWithBranches } from '../setup/members.ts';
import {
  auditOf,
  createTestApp,
  getJson,
  jsonOf,
  type PageOf,
  startStreamPollerFor,
  type TestApp,
} from '../setup/test-app.ts';
import { type Received, type Receiver, startReceiver, webhookHeaders } from '../setup/webhook-receiver.ts';

let t: TestApp;
let admin: string;
let poller: StreamPoller;
let receiver: Receiver;
/** Every batch the poller handed the stream function, to hand again. */
const batches: StreamEvent[] = [];
/** The sender's time: real time plus what the tests moved it on by. */
let ahead = 0;
const clock = () => new Date(Date.now() + ahead);

beforeAll(async () => {
  t = await createTestApp({ env: { WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: 'true' } });
  await provinceWithBranches(t, 'alpha');
  admin = (await t.signIn('alpha.farmers')).access_token;
  poller = await startStreamPollerFor(t, { onBatch: (event) => batches.push(event) });
  receiver = await startReceiver();
});

afterAll(async () => {
  await poller?.stop();
  await receiver?.close();
});

function senderFor(allowPrivateAddresses: boolean): WebhookSender {
  return createWebhookSender({
    table: t.deps.table,
    vault: t.deps.nationalIds,
    allowPrivateAddresses,
    clock,
  });
}

async function register(eventTypes: string[], url = receiver.url): Promise<EndpointWithSecret> {
  const response = await postJson(t, admin, '/api/v1/webhooks', { url, eventTypes, description: 'Zalo bot' });
  return jsonOf<EndpointWithSecret>(response, 201, 'POST /api/v1/webhooks');
}

/** Everything committed so far is queued, then what is due is sent. */
async function deliverDue(sender = senderFor(true)): Promise<void> {
  await poller.idle();
  while ((await sender.runDue()) > 0);
}

/** What the receiver got from now on, read after `act`. */
async function receivedDuring(act: () => Promise<void>): Promise<Received[]> {
  const before = receiver.received.length;
  await act();
  return receiver.received.slice(before);
}

function verified(secret: string, received: Received) {
  return new Webhook(secret).verify(received.body, webhookHeaders(received)) as {
    type: string;
    data: Record<string, unknown>;
  };
}

async function deliveriesOf(endpointId: string): Promise<DeliveryView[]> {
  const page = await getJson<PageOf<DeliveryView>>(t, `/api/v1/webhooks/${endpointId}/deliveries`, admin);
  return page.items;
}

describe('a committed change', () => {
  it('reaches the receiver signed as the Standard Webhooks library verifies, the national id masked', async () => {
    // Prepare
    const endpoint = await register(['member.created']);
    const body = admission({ fullName: 'Lê Thị Nhận' });

    // Act
    const got = await receivedDuring(async () => {
      await admitOk(t, admin, body);
      await deliverDue();
    });

    // Assess
    expect(got).toHaveLength(1);
    const payload = verified(endpoint.secret, got[0] as Received);
    expect(payload.type).toBe('member.created');
    expect(payload.data).toMatchObject({ branchId: body.branchId, member: { fullName: 'Lê Thị Nhận' } });
    expect((payload.data.member as { nationalIdMasked: string }).nationalIdMasked).toMatch(/^\*+\d{3}$/);
    expect(got[0]?.body).not.toContain(body.nationalId as string);
    await deleteEndpoint(endpoint.id);
  });

  it('is queued once however often the stream hands its record again', async () => {
    // Prepare
    const endpoint = await register(['member.created']);
    await poller.idle();
    const since = batches.length;
    await admitOk(t, admin, admission());
    await deliverDue();
    const before = await deliveriesOf(endpoint.id);

    // Act
    const got = await receivedDuring(async () => {
      const handler = createStreamHandler(t.deps.table);
      for (const batch of batches.slice(since)) await handler(batch);
      await deliverDue();
    });

    // Assess
    expect(before).toHaveLength(1);
    expect(await deliveriesOf(endpoint.id)).toEqual(before);
    expect(got).toEqual([]);
    await deleteEndpoint(endpoint.id);
  });

  it('about figures reaches the province’s Front too, without anything personal', async () => {
    // Prepare
    const frontAdmin = (await t.signIn('alpha.front.admin')).access_token;
    const front = await jsonOf<EndpointWithSecret>(
      await postJson(t, frontAdmin, '/api/v1/webhooks', {
        url: receiver.url,
        eventTypes: ['unit.target_set'],
      }),
      201,
    );

    // Act
    const got = await receivedDuring(async () => {
      await jsonOf(
        await t.request('/api/v1/units/28261-01/targets/2026', {
          method: 'PUT',
          token: admin,
          json: { targetPopulation: 120 },
        }),
      );
      await deliverDue();
    });

    // Assess
    expect(got.map((r) => verified(front.secret, r))).toEqual([
      expect.objectContaining({
        type: 'unit.target_set',
        data: { tenantId: 'alpha:farmers', unitId: '28261-01', year: 2026, targetPopulation: 120 },
      }),
    ]);
  });

  it('sends nothing for a refused write, and only what was committed', async () => {
    // Prepare
    const endpoint = await register(['member.created']);

    // Act
    const got = await receivedDuring(async () => {
      const refused = await postJson(t, admin, '/api/v1/members', admission({ branchId: 'b-nowhere' }));
      expect(refused.status).toBe(404);
      await admitOk(t, admin, admission({ fullName: 'Trần Văn Thật' }));
      await deliverDue();
    });

    // Assess
    expect(got.map((r) => verified(endpoint.secret, r).data.member)).toEqual([
      expect.objectContaining({ fullName: 'Trần Văn Thật' }),
    ]);
    await deleteEndpoint(endpoint.id);
  });
});

describe('retries and order', () => {
  it('retries a failed delivery with the same webhook-id and keeps a member’s later event behind it', async () => {
    // Prepare
    const endpoint = await register(['member.status_changed']);
    const { id } = await admitOk(t, admin, admission());
    await deliverDue();
    receiver.answerWith(500);

    // Act: two changes of one member; the first one's delivery fails
    const first = await receivedDuring(async () => {
      await changeStatusOk(t, admin, id, { status: 'away', awayPlace: 'TP. Hồ Chí Minh' });
      await changeStatusOk(t, admin, id, { status: 'lapsed' });
      await deliverDue();
    });
    ahead += 5_000;
    const retried = await receivedDuring(() => deliverDue());

    // Assess
    expect(first).toHaveLength(1);
    expect(retried.map((r) => verified(endpoint.secret, r).data.to)).toEqual(['away', 'lapsed']);
    expect(retried[0]?.headers['webhook-id']).toBe(first[0]?.headers['webhook-id']);
    // Ids sort by the second of the change: two changes in one second are listed in either order.
    const byStatus = new Map(
      (await deliveriesOf(endpoint.id)).map((d) => [(d.payload as { data: { to?: string } }).data.to, d]),
    );
    const [earlier, later] = [byStatus.get('away'), byStatus.get('lapsed')];
    expect(earlier?.attempts.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(earlier?.attempts[0]).toMatchObject({ responseExcerpt: 'answer 500', error: null });
    expect(earlier?.attempts[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(later).toMatchObject({ status: 'delivered', type: 'member.status_changed' });
    await deleteEndpoint(endpoint.id);
  });

  it('disables the endpoint on a 410 and tells its admin in the audit trail', async () => {
    // Prepare
    const endpoint = await register(['member.created']);
    receiver.answerWith(410);

    // Act
    await admitOk(t, admin, admission());
    await deliverDue();

    // Assess
    const after = await getJson<EndpointView>(t, `/api/v1/webhooks/${endpoint.id}`, admin);
    expect(after).toMatchObject({ enabled: false, disabledReason: 'gone' });
    const [notice] = await auditOf(t, admin, endpoint.id);
    expect(notice).toMatchObject({ action: 'disable', actor: { role: 'system' } });
  });
});

describe('the outbound address guard', () => {
  it('refuses a receiver on a private address when the deployment forbids it', async () => {
    // Prepare
    const endpoint = await register(['member.created']);

    // Act
    const got = await receivedDuring(async () => {
      await admitOk(t, admin, admission());
      await deliverDue(senderFor(false));
    });

    // Assess
    expect(got).toHaveLength(0);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery?.attempts).toEqual([
      expect.objectContaining({
        statusCode: null,
        error: expect.stringMatching(/refused address 127\.0\.0\.1/),
      }),
    ]);
    expect(delivery?.status).toBe('pending');
    await deleteEndpoint(endpoint.id);
  });
});

describe('test events, replays and rotation', () => {
  it('sends a test event, and a replay sends the same delivery again', async () => {
    // Prepare
    const endpoint = await register(['branch.created']);

    // Act
    const test = await jsonOf<DeliveryView>(
      await postJson(t, admin, `/api/v1/webhooks/${endpoint.id}/test`, {}),
      202,
    );
    const sent = await receivedDuring(() => deliverDue());
    const replay = await postJson(
      t,
      admin,
      `/api/v1/webhooks/${endpoint.id}/deliveries/${test.id}/replay`,
      {},
    );
    const replayed = await receivedDuring(() => deliverDue());

    // Assess
    expect(replay.status).toBe(202);
    expect(sent.map((r) => verified(endpoint.secret, r).type)).toEqual(['webhook.test']);
    expect(replayed.map((r) => r.headers['webhook-id'])).toEqual([test.id]);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery?.attempts.map((a) => [a.statusCode, a.replay])).toEqual([
      [200, false],
      [200, true],
    ]);
    await deleteEndpoint(endpoint.id);
  });

  it('signs with the new and the old secret for a day after a rotation', async () => {
    // Prepare
    const endpoint = await register(['branch.created']);
    const rotated = await jsonOf<EndpointWithSecret>(
      await postJson(t, admin, `/api/v1/webhooks/${endpoint.id}/rotate-secret`, {}),
    );

    // Act
    await postJson(t, admin, `/api/v1/webhooks/${endpoint.id}/test`, {});
    const [got] = await receivedDuring(() => deliverDue());

    // Assess
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(String(got?.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified(rotated.secret, got as Received).type).toBe('webhook.test');
    expect(verified(endpoint.secret, got as Received).type).toBe('webhook.test');
    await deleteEndpoint(endpoint.id);
  });
});

async function deleteEndpoint(id: string): Promise<void> {
  const response = await t.request(`/api/v1/webhooks/${id}`, { method: 'DELETE', token: admin });
  expect(response.status).toBe(204);
}
