/**
 * Webhook deliveries and the queue they wait in.
 *
 * - delivery: `<tenant>#WEBHOOK#<endpointId>` / `DELIVERY#<deliveryId>`; ids begin with the
 *   event's time, so the endpoint's log is one Query newest first. Kept 30 days (TTL).
 * - lane entry: same partition, `LANE#<lane>#<position>` → the delivery id, while it is not done.
 *   A lane is what must stay in order (one member's events); its head is one Query of limit 1,
 *   and only the head is ever sent.
 * - wake-up: `platform#WEBHOOK_DUE#<shard>` / `<due ISO time>#<tenant>#<endpointId>#<lane>`: a
 *   lane to look at from that time on. A lane's wake-ups always go to the same one of
 *   `WAKE_UP_SHARDS` partitions (a digest of the lane), so every tenant's lanes are spread over
 *   them rather than all written to one. The sender reads the shards in turn, one Query each (sort
 *   key ≤ now), and claims each wake-up by deleting it; a wake-up is only a hint, so a duplicate
 *   or a stale one costs a read.
 */
import { createHash } from 'node:crypto';

import { PLATFORM_TENANT } from '../../domain/tenant-id.ts';
import type { StoredDelivery } from '../../domain/webhooks/delivery.ts';
import { ConditionFailedError } from '../store-errors.ts';
import type { Key, Page, Table, TenantTable } from '../table.ts';
import { Transaction } from '../transaction.ts';

const KEEP_SECONDS = 30 * 24 * 3600;

/** Fixed: a lane's shard is a digest of the lane modulo this, so changing it strands wake-ups. */
export const WAKE_UP_SHARDS = 8;
const duePartition = (shard: number) => `WEBHOOK_DUE#${shard}`;

const partition = (endpointId: string) => `WEBHOOK#${endpointId}`;
const deliveryKey = (endpointId: string, id: string): Key => ({
  pk: partition(endpointId),
  sk: `DELIVERY#${id}`,
});
const laneKey = (endpointId: string, lane: string, position: string): Key => ({
  pk: partition(endpointId),
  sk: `LANE#${lane}#${position}`,
});

export interface WakeUp {
  readonly tenant: string;
  readonly endpointId: string;
  readonly lane: string;
  readonly dueAt: string;
}

/** The shard of a lane: the same for all of its wake-ups. */
export function shardOfLane(tenant: string, endpointId: string, lane: string): number {
  return (
    createHash('sha256').update(`${tenant}#${endpointId}#${lane}`).digest().readUInt32BE(0) % WAKE_UP_SHARDS
  );
}

const wakeUpKey = ({ tenant, endpointId, lane, dueAt }: WakeUp): Key => ({
  pk: duePartition(shardOfLane(tenant, endpointId, lane)),
  sk: `${dueAt}#${tenant}#${endpointId}#${lane}`,
});

export interface LaneHead {
  readonly deliveryId: string;
  readonly position: string;
}

export class WebhookDeliveryRepository {
  private readonly platform: TenantTable;

  constructor(
    root: Table,
    readonly table: TenantTable,
  ) {
    this.platform = root.forTenant(PLATFORM_TENANT);
  }

  /**
   * Queues a delivery at the end of its lane and wakes the lane; false when it is queued already
   * (a stream record handed again), in which case nothing is written.
   */
  async enqueue(delivery: StoredDelivery, position: string, dueAt: Date): Promise<boolean> {
    const tx = new Transaction(this.table)
      .put(this.deliveryItem(delivery), { exists: false })
      .put(
        {
          entity: 'webhook_lane',
          key: laneKey(delivery.endpointId, delivery.lane, position),
          data: { deliveryId: delivery.id, position },
        },
        { exists: false },
      )
      .add(this.wakeUpOperation(delivery.endpointId, delivery.lane, dueAt));
    try {
      await tx.commit();
      return true;
    } catch (error) {
      if (error instanceof ConditionFailedError) return false;
      throw error;
    }
  }

  async get(endpointId: string, id: string): Promise<StoredDelivery | undefined> {
    return this.table.get<StoredDelivery>(deliveryKey(endpointId, id));
  }

  async list(endpointId: string, limit: number, cursor?: string): Promise<Page<StoredDelivery>> {
    return this.table.query<StoredDelivery>({
      pk: partition(endpointId),
      skBeginsWith: 'DELIVERY#',
      limit,
      cursor,
      newestFirst: true,
    });
  }

  /** The lane's oldest delivery not done yet. */
  async head(endpointId: string, lane: string): Promise<LaneHead | undefined> {
    const page = await this.table.query<LaneHead>({
      pk: partition(endpointId),
      skBeginsWith: `LANE#${lane}#`,
      limit: 1,
    });
    return page.items[0];
  }

  /** Adds the delivery's new state to a transaction; when it is done, it leaves its lane with it. */
  update(tx: Transaction, delivery: StoredDelivery, head: LaneHead): void {
    tx.put(this.deliveryItem(delivery), { exists: true });
    if (delivery.status !== 'pending') tx.delete(laneKey(delivery.endpointId, delivery.lane, head.position));
  }

  /** Sends a delivery again, in a lane of its own so it holds up no other. */
  async requeue(delivery: StoredDelivery, dueAt: Date): Promise<void> {
    await new Transaction(this.table)
      .put(this.deliveryItem(delivery), { exists: true })
      .put({
        entity: 'webhook_lane',
        key: laneKey(delivery.endpointId, delivery.lane, '0'),
        data: { deliveryId: delivery.id, position: '0' },
      })
      .add(this.wakeUpOperation(delivery.endpointId, delivery.lane, dueAt))
      .commit();
  }

  /** Wakes the lane at `dueAt` (its head waits for a retry). */
  async wakeLaneAt(endpointId: string, lane: string, dueAt: Date): Promise<void> {
    await this.table.transact([this.wakeUpOperation(endpointId, lane, dueAt)]);
  }

  private wakeUpOperation(endpointId: string, lane: string, dueAt: Date) {
    const wakeUp: WakeUp = { tenant: this.table.tenant, endpointId, lane, dueAt: dueAt.toISOString() };
    return this.platform.putOperation({
      entity: 'webhook_wake_up',
      key: wakeUpKey(wakeUp),
      data: { ...wakeUp },
    });
  }

  private deliveryItem(delivery: StoredDelivery) {
    return {
      entity: 'webhook_delivery',
      key: deliveryKey(delivery.endpointId, delivery.id),
      data: { ...delivery },
      expiresAt: Math.floor(Date.parse(delivery.createdAt) / 1000) + KEEP_SECONDS,
    };
  }
}

/** The platform's queue of lanes due: what the sender reads, whatever the tenant. */
export class WebhookWakeUps {
  private readonly platform: TenantTable;
  /** Where the next read begins: each shard in turn goes first, so a busy one starves no other. */
  private firstShard = 0;

  constructor(root: Table) {
    this.platform = root.forTenant(PLATFORM_TENANT);
  }

  /** Up to `limit` wake-ups due by `now`, shard after shard, each shard's oldest first. */
  async due(now: Date, limit: number): Promise<WakeUp[]> {
    const first = this.firstShard;
    this.firstShard = (first + 1) % WAKE_UP_SHARDS;
    const found: WakeUp[] = [];
    for (let n = 0; n < WAKE_UP_SHARDS && found.length < limit; n++) {
      // Every sort key of a time up to now sorts below now's ISO text followed by a higher character.
      const page = await this.platform.query<WakeUp>({
        pk: duePartition((first + n) % WAKE_UP_SHARDS),
        skAtMost: `${now.toISOString()}~`,
        limit: limit - found.length,
      });
      found.push(...page.items);
    }
    return found;
  }

  /** Takes a wake-up; false when another sender took it first. */
  async claim(wakeUp: WakeUp): Promise<boolean> {
    try {
      await this.platform.transact([this.platform.deleteOperation(wakeUpKey(wakeUp), { exists: true })]);
      return true;
    } catch (error) {
      if (error instanceof ConditionFailedError) return false;
      throw error;
    }
  }
}
