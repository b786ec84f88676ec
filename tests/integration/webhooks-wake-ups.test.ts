/**
 * The queue of webhook lanes due, against DynamoDB Local: every tenant's lanes are spread over a
 * fixed number of partitions (a lane always in the same one), and the sender reads them in turn,
 * each shard going first once, so a busy shard holds up no other.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { newDelivery } from '../../shared/domain/webhooks/delivery.ts';
import {
  shardOfLane,
  WAKE_UP_SHARDS,
  type WakeUp,
  WebhookDeliveryRepository,
  WebhookWakeUps,
} from '../../shared/store/repositories/webhook-deliveries.ts';
import { rawItems } from '../setup/table-digest.ts';
import { createTestApp, type TestApp } from '../setup/test-app.ts';

const TENANTS = ['alpha:farmers', 'beta:youth'] as const;
const ENDPOINT = 'e-wake-ups';
const AT = new Date('2026-12-01T01:00:00.000Z');

let t: TestApp;
/** One lane per shard and tenant: the first lanes, counting up, that fill every shard. */
const lanes: { tenant: string; lane: string; shard: number }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  for (const tenant of TENANTS) {
    const filled = new Set<number>();
    for (let n = 0; filled.size < WAKE_UP_SHARDS; n++) {
      const lane = `member:m${n}`;
      const shard = shardOfLane(tenant, ENDPOINT, lane);
      if (filled.has(shard)) continue;
      filled.add(shard);
      lanes.push({ tenant, lane, shard });
      const deliveries = new WebhookDeliveryRepository(
        t.deps.table,
        t.deps.table.forTenant(toTenantId(tenant)),
      );
      const delivery = newDelivery({
        id: `d-${n}`,
        endpointId: ENDPOINT,
        lane,
        type: 'member.created',
        data: {},
        at: AT,
      });
      await deliveries.enqueue(delivery, '0', AT);
    }
  }
});

describe('wake-ups', () => {
  it('are spread over the shards, each lane in the shard of its own', async () => {
    // Act
    const partitions = (await rawItems(t))
      .map((item) => JSON.parse(item) as { PK: string; lane?: string; tenant?: string })
      .filter((item) => item.PK.includes('WEBHOOK_DUE'));

    // Assess
    expect(partitions).toHaveLength(lanes.length);
    for (const { tenant, lane, shard } of lanes)
      expect(partitions.find((item) => item.tenant === tenant && item.lane === lane)?.PK).toMatch(
        new RegExp(`#WEBHOOK_DUE#${shard}$`),
      );
    expect(new Set(partitions.map((item) => item.PK)).size).toBe(WAKE_UP_SHARDS);
  });

  it('are all found when due, whatever their shard, and none before', async () => {
    // Act
    const due = await new WebhookWakeUps(t.deps.table).due(AT, 100);
    const early = await new WebhookWakeUps(t.deps.table).due(new Date(AT.getTime() - 1000), 100);

    // Assess
    expect(due.map((w) => `${w.tenant} ${w.lane}`).sort()).toEqual(
      lanes.map((l) => `${l.tenant} ${l.lane}`).sort(),
    );
    expect(early).toEqual([]);
  });

  it('are read shard after shard, each shard first in its turn', async () => {
    // Prepare
    const wakeUps = new WebhookWakeUps(t.deps.table);

    // Act: one at a time, as a sender short of room would take them.
    const firsts: number[] = [];
    for (let n = 0; n < WAKE_UP_SHARDS; n++) {
      const [first] = await wakeUps.due(AT, 1);
      firsts.push(shardOfLane(first?.tenant ?? '', ENDPOINT, first?.lane ?? ''));
    }

    // Assess
    expect(firsts).toEqual(Array.from({ length: WAKE_UP_SHARDS }, (_, shard) => shard));
  });

  it('are claimed once, from their shard', async () => {
    // Prepare
    const wakeUps = new WebhookWakeUps(t.deps.table);
    const [wakeUp] = await wakeUps.due(AT, 1);

    // Act
    const claims = await Promise.all([wakeUps.claim(wakeUp as WakeUp), wakeUps.claim(wakeUp as WakeUp)]);

    // Assess
    expect(claims.sort()).toEqual([false, true]);
    expect(await wakeUps.due(AT, 100)).toHaveLength(lanes.length - 1);
  });
});
