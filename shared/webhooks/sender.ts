/**
 * The webhook sender: takes the lanes that are due, sends each lane's head, signed, and records
 * the attempt; a lane's next delivery goes only once the one before it is done (delivered, given
 * up, or its endpoint gone), so one member's events arrive in their order. The same code runs in
 * the `npm start` loop (functions/local/webhook-sender-loop.ts) and in the Lambda function.
 *
 * The clock and the retry schedule are options, so tests see a retry without waiting minutes.
 */
import { logger as defaultLogger } from '#shared/config/logger.ts';
import { toTenantId } from '#shared/domain/tenant-id.ts';
import { resultOfAttempt } from '#shared/domain/webhooks/attempt-results.ts';
import { RETRY_SCHEDULE_MS, type StoredDelivery } from '#shared/domain/webhooks/delivery.ts';
import type { StoredEndpoint } from '#shared/domain/webhooks/endpoint.ts';
import { signingSecrets } from '#shared/domain/webhooks/secrets.ts';
import { WEBHOOK_SECRET_PURPOSE } from '#shared/domain/webhooks/webhook-endpoints.ts';
import type { NationalIdVault } from '#shared/privacy/national-id-vault.ts';
import { AuditRepository } from '#shared/store/repositories/audit.ts';
import {
  type LaneHead,
  type WakeUp,
  WebhookDeliveryRepository,
  WebhookWakeUps,
} from '#shared/store/repositories/webhook-deliveries.ts';
import { WebhookEndpointRepository } from '#shared/store/repositories/webhooks.ts';
import type { Table } from '#shared/store/table.ts';
import { type PostWebhook, postWebhook } from './post.ts';
import { signatureHeaders } from './signature.ts';

export interface WebhookSenderOptions {
  readonly table: Table;
  readonly vault: NationalIdVault;
  readonly allowPrivateAddresses: boolean;
  /** @default real time */
  readonly clock?: () => Date;
  /** @default the Standard Webhooks schedule (5 s … 10 h) */
  readonly schedule?: readonly number[];
  readonly post?: PostWebhook;
  readonly log?: Pick<typeof defaultLogger, 'error'>;
}

export interface WebhookSender {
  /** Sends what is due now; answers how many attempts were made. */
  runDue(): Promise<number>;
}

/** Lanes taken per pass. */
const LANES_PER_PASS = 25;
/** A lane whose handling failed (a conflict, the table busy) is looked at again this much later. */
const RETRY_LANE_MS = 30_000;

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const clock = options.clock ?? (() => new Date());
  const post = options.post ?? postWebhook;
  const log = options.log ?? defaultLogger;
  const wakeUps = new WebhookWakeUps(options.table);

  const laneOf = (wakeUp: WakeUp) => {
    const tenant = toTenantId(wakeUp.tenant);
    const table = options.table.forTenant(tenant);
    return {
      tenant,
      endpoints: new WebhookEndpointRepository(table),
      deliveries: new WebhookDeliveryRepository(options.table, table),
      audit: new AuditRepository(table),
    };
  };
  type Lane = ReturnType<typeof laneOf>;

  const attempt = async (lane: Lane, endpoint: StoredEndpoint, delivery: StoredDelivery, head: LaneHead) => {
    const cipher = await options.vault.secretCipherFor(lane.tenant, WEBHOOK_SECRET_PURPOSE);
    const { current, previous } = endpoint.secrets;
    const now = clock();
    const secrets = signingSecrets(
      cipher.open(current),
      previous && { secret: cipher.open(previous.sealed), validUntil: previous.validUntil },
      now,
    );
    const headers = signatureHeaders(delivery.id, now, delivery.body, secrets);
    const answer = await post(endpoint.url, headers, delivery.body, {
      allowPrivateAddresses: options.allowPrivateAddresses,
    });
    const result = resultOfAttempt(
      lane.tenant,
      endpoint,
      delivery,
      { at: now.toISOString(), ...answer, replay: delivery.replaying },
      options.schedule ?? RETRY_SCHEDULE_MS,
    );
    const tx = lane.endpoints.transaction();
    lane.deliveries.update(tx, result.delivery, head);
    if (result.endpoint) lane.endpoints.save(tx, endpoint, result.endpoint);
    if (result.notice) lane.audit.record(tx, result.notice);
    await tx.commit();
    return result.delivery;
  };

  /** Sends the lane's heads in order until one has to wait; answers the attempts made. */
  const drain = async (wakeUp: WakeUp): Promise<number> => {
    const lane = laneOf(wakeUp);
    let attempts = 0;
    for (;;) {
      const head = await lane.deliveries.head(wakeUp.endpointId, wakeUp.lane);
      if (!head) return attempts;
      const delivery = await lane.deliveries.get(wakeUp.endpointId, head.deliveryId);
      if (!delivery) throw new Error(`lane ${wakeUp.lane} names a missing delivery ${head.deliveryId}`);
      const endpoint = await lane.endpoints.get(wakeUp.endpointId);
      if (!endpoint?.enabled) {
        // Deleted or disabled: what waited for it is not sent.
        const tx = lane.endpoints.transaction();
        lane.deliveries.update(tx, { ...delivery, status: 'skipped', nextAttemptAt: null }, head);
        await tx.commit();
        continue;
      }
      if (delivery.nextAttemptAt && Date.parse(delivery.nextAttemptAt) > clock().getTime()) {
        await lane.deliveries.wakeLaneAt(wakeUp.endpointId, wakeUp.lane, new Date(delivery.nextAttemptAt));
        return attempts;
      }
      const after = await attempt(lane, endpoint, delivery, head);
      attempts += 1;
      if (after.status === 'pending' && after.nextAttemptAt) {
        await lane.deliveries.wakeLaneAt(wakeUp.endpointId, wakeUp.lane, new Date(after.nextAttemptAt));
        return attempts;
      }
    }
  };

  return {
    async runDue() {
      let attempts = 0;
      for (const wakeUp of await wakeUps.due(clock(), LANES_PER_PASS)) {
        if (!(await wakeUps.claim(wakeUp))) continue;
        try {
          attempts += await drain(wakeUp);
        } catch (error) {
          log.error('webhook lane failed; looked at again later', { wakeUp, error });
          const lane = laneOf(wakeUp);
          await lane.deliveries.wakeLaneAt(
            wakeUp.endpointId,
            wakeUp.lane,
            new Date(clock().getTime() + RETRY_LANE_MS),
          );
        }
      }
      return attempts;
    },
  };
}
