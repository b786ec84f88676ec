/**
 * The webhooks an endpoint receives, declared in the OpenAPI document's top-level `webhooks`
 * (OpenAPI 3.1): one per event type of the catalog, with its payload schema and the Standard
 * Webhooks headers, so an integrator can generate the receiver's types as well as the client's.
 */
import { z } from '@hono/zod-openapi';
import {
  EVENT_CATALOG,
  type EventType,
  webhookPayloadSchema,
} from '#shared/domain/webhooks/event-catalog.ts';
import type { RouteGroup } from '../app-env.ts';
import { publicSecurity } from './openapi.ts';

const signatureHeaders = z.object({
  'webhook-id': z.string().meta({ description: 'The delivery’s id: the same on every retry and replay' }),
  'webhook-timestamp': z.string().meta({ description: 'Seconds since the epoch when it was signed' }),
  'webhook-signature': z.string().meta({
    description:
      'Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` keyed with the endpoint’s secret; two while a rotated secret still signs',
  }),
});

const TEST_EVENT_DESCRIPTION = 'Sent by POST /api/v1/webhooks/{id}/test only / Sự kiện thử';

/** `member.status_changed` → `memberStatusChangedEvent`: an operationId per event type. */
const operationIdOf = (type: string) =>
  `${type.replace(/[._]([a-z])/g, (_, letter: string) => letter.toUpperCase())}Event`;

const descriptionOf = (type: string) =>
  type in EVENT_CATALOG ? EVENT_CATALOG[type as EventType].description : TEST_EVENT_DESCRIPTION;

export function registerWebhooks(app: RouteGroup) {
  for (const payload of webhookPayloadSchema.options) {
    const type = (payload.shape.type as z.ZodLiteral<string>).value;
    app.openAPIRegistry.registerWebhook({
      method: 'post',
      path: type,
      operationId: operationIdOf(type),
      tags: ['webhooks'],
      summary: descriptionOf(type),
      description:
        'Delivered to each endpoint subscribed to the event type, in order per record, signed per Standard Webhooks. Any 2xx acknowledges it; other answers and timeouts are retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).',
      // The receiver authenticates us by the signature headers; it holds no credential of ours.
      security: publicSecurity,
      request: {
        headers: signatureHeaders,
        body: { required: true, content: { 'application/json': { schema: payload } } },
      },
      responses: {
        200: { description: 'Received / Đã nhận' },
        410: { description: 'Gone: the endpoint is disabled, nothing more is sent / Ngừng nhận' },
      },
    });
  }
}
