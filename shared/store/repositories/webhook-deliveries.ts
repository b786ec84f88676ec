/**
 * Webhook deliveries and the queue they wait in.
 *
 * - delivery: `<tenant>#WEBHOOK#<endpointId>` / `DELIVERY#<deliveryId>`; ids begin with the
 *   event's time, so the endpoint's log is one Query newest first. Kept 30 days (TTL).
 * - lane entry: same partition, `LANE#<lane>#<position>` → the delivery id, while it is not done.
 *   A lane is what must stay in order (one member's events); its head is one Query of limit 1,
 *   and only the head is ever sent.
 * - wake-up: `platform#WEBHOOK_DUE` / `<due ISO time>#<tenant>#<endpointId>#<lane>`: a lane to look
 *   at from that time on. The sender reads due ones with one Query (sort key ≤ now) and claims
 *   each by deleting it; a wake-up is only a hint, so a duplicate or a stale one costs a read.
 */

import { PLATFORM_TENANT } from '../../domain/tenant-id.ts';
import type { StoredDelivery } from '../../domain/webhooks/delivery.ts';
import { ConditionFailedError } from '../store-errors.ts';
import type { Key, Page, Table, TenantTable } from '../table.ts';
import { Transaction } from '../transaction.ts';

const KEEP_SECONDS = 30 * 24 * 3600;
const DUE_PARTITION = 'WEBHOOK_DUE';

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
      key: { pk: DUE_PARTITION, sk: `${wakeUp.dueAt}#${wakeUp.tenant}#${endpointId}#${lane}` },
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

  constructor(root: Table) {
    this.platform = root.forTenant(PLATFORM_TENANT);
  }

  async due(now: Date, limit: number): Promise<WakeUp[]> {
    // Every sort key of a time up to now sorts below now's ISO text followed by a higher character.
    const page = await this.platform.query<WakeUp>({
      pk: DUE_PARTITION,
      skAtMost: `${now.toISOString()}~`,
      limit,
    });
    return page.items;
  }

  /** Takes a wake-up; false when another sender took it first. */
  async claim(wakeUp: WakeUp): Promise<boolean> {
    try {
      await this.platform.transact([
        this.platform.deleteOperation(
          { pk: DUE_PARTITION, sk: `${wakeUp.dueAt}#${wakeUp.tenant}#${wakeUp.endpointId}#${wakeUp.lane}` },
          { exists: true },
        ),
      ]);
      return true;
    } catch (error) {
      if (error instanceof ConditionFailedError) return false;
      throw error;
    }
  }
}
