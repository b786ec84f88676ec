/**
 * A webhook endpoint: where a tenant's events are sent, which ones, and whether it is enabled.
 * One zod source for what may be sent to create or change one, what is stored and what is shown.
 */
import { z } from 'zod';
import { singleLineText } from '../text-fields.ts';
import { eventTypeSchema } from './event-catalog.ts';

export const DISABLED_REASONS = ['manual', 'gone', 'failing'] as const;

const eventTypes = z.array(eventTypeSchema).min(1).max(20);
const url = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .meta({ example: 'https://example.org/doanthe-hook' });
const description = singleLineText({ min: 0, max: 300 });

export const createEndpointSchema = z
  .strictObject({ url, eventTypes, description: description.default('') })
  .meta({ id: 'CreateWebhook' });
export type CreateEndpoint = z.infer<typeof createEndpointSchema>;

export const updateEndpointSchema = z
  .strictObject({
    url: url.optional(),
    eventTypes: eventTypes.optional(),
    description: description.optional(),
    enabled: z
      .boolean()
      .optional()
      .meta({ description: 'false disables it (reason "manual"); true enables it again' }),
  })
  .meta({ id: 'UpdateWebhook', description: 'Only the fields sent change' });
export type UpdateEndpoint = z.infer<typeof updateEndpointSchema>;

/** A signing secret as kept: sealed under the tenant's data key; the previous one until it expires. */
export const storedSecretsSchema = z.object({
  current: z.string(),
  previous: z.object({ sealed: z.string(), validUntil: z.iso.datetime() }).nullable(),
});

export const storedEndpointSchema = z.object({
  id: z.string(),
  url,
  eventTypes: z.array(eventTypeSchema),
  description: z.string(),
  enabled: z.boolean(),
  disabledReason: z.enum(DISABLED_REASONS).nullable(),
  /** Whether the owner may read sensitive fields (Party membership): decided when it was made. */
  sensitive: z.boolean(),
  secrets: storedSecretsSchema,
  /** When the deliveries started failing without a success since; null while they succeed. */
  failingSince: z.iso.datetime().nullable(),
  createdBy: z.object({ userId: z.string(), username: z.string() }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** 1 when created, one more at each change: the ETag, and what every write is conditioned on. */
  version: z.number().int().min(1),
});
export type StoredEndpoint = z.infer<typeof storedEndpointSchema>;

export const endpointViewSchema = storedEndpointSchema
  .omit({ secrets: true, sensitive: true })
  .extend({
    sensitiveFields: z.boolean().meta({ description: 'Receives sensitive fields (Party membership)' }),
    previousSecretValidUntil: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Webhook' });
export type EndpointView = z.infer<typeof endpointViewSchema>;

export const endpointWithSecretSchema = endpointViewSchema
  .extend({
    secret: z
      .string()
      .meta({ description: 'whsec_…: shown this once', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
  })
  .meta({ id: 'WebhookWithSecret' });
export type EndpointWithSecret = z.infer<typeof endpointWithSecretSchema>;

/**
 * The endpoint changed, one version on: every change moves its ETag, an admin's and the sender's
 * alike (a disabled or failing endpoint is not the one a stale If-Match was read from).
 */
export const changedEndpoint = (
  before: StoredEndpoint,
  changes: Partial<Omit<StoredEndpoint, 'id' | 'version'>>,
): StoredEndpoint => ({ ...before, ...changes, version: before.version + 1 });

export function viewOfEndpoint(endpoint: StoredEndpoint): EndpointView {
  const { secrets, sensitive, ...shown } = endpoint;
  return {
    ...shown,
    sensitiveFields: sensitive,
    previousSecretValidUntil: secrets.previous?.validUntil ?? null,
  };
}
