/**
 * The pure rules of webhooks: which addresses the sender refuses, what an attempt does to a
 * delivery and its endpoint (retries on the schedule, a 410, five days of failures), and what a
 * member's change tells an endpoint that may not read sensitive fields.
 */
import { describe, expect, it } from 'vitest';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { resultOfAttempt } from '../../shared/domain/webhooks/attempt-results.ts';
import { type Attempt, newDelivery, RETRY_SCHEDULE_MS } from '../../shared/domain/webhooks/delivery.ts';
import type { StoredEndpoint } from '../../shared/domain/webhooks/endpoint.ts';
import { eventOf } from '../../shared/domain/webhooks/events-of-changes.ts';
import { isForbiddenAddress } from '../../shared/webhooks/address-guard.ts';
import { postWebhook } from '../../shared/webhooks/post.ts';

describe('the address guard', () => {
  it.each([
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '127.0.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fd00:ec2::254',
    'fe80::1',
    '::ffff:10.0.0.1',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it('refuses a name that resolves to a private address, before connecting', async () => {
    // Act
    const refused = await postWebhook('http://localhost:9/hook', {}, '{}', { allowPrivateAddresses: false });
    const allowed = await postWebhook('http://localhost:9/hook', {}, '{}', { allowPrivateAddresses: true });

    // Assess
    expect(refused).toMatchObject({ statusCode: null, error: expect.stringMatching(/^refused address /) });
    expect(allowed.error).not.toMatch(/^refused address /);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'lets %s through',
    (address) => {
      expect(isForbiddenAddress(address)).toBe(false);
    },
  );
});

const TENANT = toTenantId('alpha:farmers');
const T0 = new Date('2026-12-01T00:00:00.000Z');
const endpoint: StoredEndpoint = {
  id: 'e1',
  url: 'https://hook.example.org',
  eventTypes: ['member.created'],
  description: '',
  enabled: true,
  disabledReason: null,
  sensitive: false,
  secrets: { current: 'sealed', previous: null },
  failingSince: null,
  createdBy: { userId: 'u1', username: 'alpha.farmers' },
  createdAt: T0.toISOString(),
  updatedAt: T0.toISOString(),
  version: 1,
};
const delivery = newDelivery({
  id: 'msg_1',
  endpointId: 'e1',
  lane: 'member:m1',
  type: 'member.created',
  data: {},
  at: T0,
});
const attempt = (statusCode: number | null, at: Date): Attempt => ({
  at: at.toISOString(),
  statusCode,
  durationMs: 10,
  error: null,
  responseExcerpt: null,
  replay: false,
});

describe('an attempt', () => {
  it('that fails is retried on the schedule, then given up after the last retry', () => {
    // Act
    let current = delivery;
    const waits: (number | null)[] = [];
    for (let n = 0; n <= RETRY_SCHEDULE_MS.length; n++) {
      const at = new Date(T0.getTime() + n * 1000);
      current = resultOfAttempt(TENANT, endpoint, current, attempt(500, at)).delivery;
      waits.push(current.nextAttemptAt ? Date.parse(current.nextAttemptAt) - at.getTime() : null);
    }

    // Assess
    expect(waits).toEqual([...RETRY_SCHEDULE_MS, null]);
    expect(current.status).toBe('failed');
  });

  it('answered 410 disables the endpoint and leaves a notice for its admin', () => {
    // Act
    const result = resultOfAttempt(TENANT, endpoint, delivery, attempt(410, T0));

    // Assess
    expect(result.delivery.status).toBe('failed');
    expect(result.endpoint).toMatchObject({ enabled: false, disabledReason: 'gone' });
    expect(result.notice).toMatchObject({ action: 'disable', entityType: 'webhook', entityId: 'e1' });
  });

  it('failing five days after the first failure disables the endpoint; one day does not', () => {
    // Prepare
    const failing = { ...endpoint, failingSince: T0.toISOString() };
    const day = 24 * 3_600_000;

    // Act
    const oneDay = resultOfAttempt(TENANT, failing, delivery, attempt(503, new Date(T0.getTime() + day)));
    const fiveDays = resultOfAttempt(
      TENANT,
      failing,
      delivery,
      attempt(null, new Date(T0.getTime() + 5 * day)),
    );

    // Assess
    expect(oneDay.endpoint).toBeUndefined();
    expect(fiveDays.endpoint).toMatchObject({ enabled: false, disabledReason: 'failing' });
  });

  it('that succeeds clears the endpoint’s failing state', () => {
    // Act
    const result = resultOfAttempt(
      TENANT,
      { ...endpoint, failingSince: T0.toISOString() },
      delivery,
      attempt(204, T0),
    );

    // Assess
    expect(result.delivery).toMatchObject({ status: 'delivered', nextAttemptAt: null });
    expect(result.endpoint?.failingSince).toBeNull();
  });
});

describe('a member’s change', () => {
  const member = {
    id: 'm1',
    fullName: 'Nguyễn Văn An',
    branchId: 'b1',
    unitId: 'h1',
    status: 'active',
    partyMember: false,
    nationalId: { sealed: 'v1.x', hash: 'h', masked: '*********123' },
    version: 1,
  };

  it('of sensitive fields alone tells nothing to an endpoint that may not read them', () => {
    // Act
    const event = eventOf(
      TENANT,
      { entity: 'member', data: member },
      { entity: 'member', data: { ...member, partyMember: true, version: 2 } },
    );

    // Assess
    expect(event?.type).toBe('member.updated');
    expect(event?.data(false)).toBeNull();
    expect(event?.data(true)).toMatchObject({ changes: { partyMember: { from: false, to: true } } });
  });

  it('never carries the national id but masked', () => {
    // Act
    const data = eventOf(TENANT, undefined, { entity: 'member', data: member })?.data(true);

    // Assess
    expect(JSON.stringify(data)).not.toContain('v1.x');
    expect(data).toMatchObject({ member: { nationalIdMasked: '*********123' } });
  });
});
