/**
 * A delivery: one event for one endpoint, its attempts and what comes next. The retry schedule and
 * the rules that end a delivery or disable an endpoint live here, apart from HTTP and storage.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { webhookPayloadSchema } from './event-catalog.ts';

/** The Standard Webhooks specification's schedule: the waits after the first attempt, then after each retry. */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

/** An endpoint whose deliveries keep failing this long, with no success between, is disabled. */
export const FAILING_DISABLES_AFTER_MS = 5 * 24 * 3_600_000;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;

export const attemptSchema = z
  .object({
    at: z.iso.datetime(),
    statusCode: z.number().int().nullable(),
    durationMs: z.number().int(),
    error: z.string().nullable().meta({ description: 'Why no answer came: time-out, refused address, …' }),
    responseExcerpt: z.string().nullable().meta({ description: 'The first bytes of the answer' }),
    replay: z.boolean(),
  })
  .meta({ id: 'WebhookAttempt' });
export type Attempt = z.infer<typeof attemptSchema>;

export const storedDeliverySchema = z.object({
  id: z.string(),
  endpointId: z.string(),
  /** Deliveries of one lane (a member, a branch…) go out in order, one at a time. */
  lane: z.string(),
  type: z.string(),
  /** The body exactly as signed and sent, every time. */
  body: z.string(),
  createdAt: z.iso.datetime(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.array(attemptSchema),
  nextAttemptAt: z.iso.datetime().nullable(),
  /** Sent again on request: one attempt, no retries. */
  replaying: z.boolean(),
});
export type StoredDelivery = z.infer<typeof storedDeliverySchema>;

export const deliveryViewSchema = storedDeliverySchema
  .omit({ body: true, lane: true, replaying: true })
  .extend({ payload: webhookPayloadSchema })
  .meta({ id: 'WebhookDelivery' });
export type DeliveryView = z.infer<typeof deliveryViewSchema>;

export function viewOfDelivery(delivery: StoredDelivery): DeliveryView {
  const { body, lane: _lane, replaying: _replaying, ...shown } = delivery;
  return { ...shown, payload: JSON.parse(body) };
}

/**
 * A delivery's id, also its `webhook-id`: the event's time first (the log sorts by it), then a
 * digest of what makes it unique (a stream record and an endpoint), so the same event for the
 * same endpoint always gets the same id and is queued once.
 */
export function deliveryIdOf(at: Date, unique: string): string {
  const time = at.getTime().toString(36).padStart(9, '0');
  return `msg_${time}${createHash('sha256').update(unique).digest('base64url').slice(0, 16)}`;
}

/** A new delivery of a payload, waiting for its first attempt. */
export function newDelivery(fields: {
  readonly id: string;
  readonly endpointId: string;
  readonly lane: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly at: Date;
}): StoredDelivery {
  const createdAt = fields.at.toISOString();
  return {
    id: fields.id,
    endpointId: fields.endpointId,
    lane: fields.lane,
    type: fields.type,
    body: JSON.stringify({ type: fields.type, timestamp: createdAt, data: fields.data }),
    createdAt,
    status: 'pending',
    attempts: [],
    nextAttemptAt: createdAt,
    replaying: false,
  };
}

/** What an answer (or its absence) means for the delivery. */
export type Outcome = 'delivered' | 'gone' | 'retry';

export function outcomeOf(attempt: Pick<Attempt, 'statusCode'>): Outcome {
  const status = attempt.statusCode;
  if (status !== null && status >= 200 && status < 300) return 'delivered';
  if (status === 410) return 'gone';
  return 'retry';
}

/** When to try again after `attempts` failed attempts; null when the schedule is spent. */
export function nextAttemptAfter(attempts: number, now: Date, schedule = RETRY_SCHEDULE_MS): Date | null {
  const wait = schedule[attempts - 1];
  return wait === undefined ? null : new Date(now.getTime() + wait);
}

/** Whether an endpoint failing since `failingSince` has failed long enough to be disabled. */
export function failedTooLong(failingSince: string | null, now: Date): boolean {
  return failingSince !== null && now.getTime() - Date.parse(failingSince) >= FAILING_DISABLES_AFTER_MS;
}
