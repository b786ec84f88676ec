/**
 * An organization's API key for an integration: what an admin asks for, what lists show, and the
 * one answer that carries the secret. One zod schema each gives validation, types and OpenAPI.
 */
import { z } from 'zod';
import { singleLineText } from '../text-fields.ts';
import { apiKeyScopeSchema } from './scopes.ts';

/** A key lives at most this long: an integration is re-keyed at least yearly. */
export const MAX_API_KEY_DAYS = 366;

export const apiKeyInputSchema = z
  .strictObject({
    description: singleLineText({ min: 1, max: 200 }).meta({
      description: 'What the key is for, e.g. "Zalo bot of the province"',
    }),
    scopes: z
      .array(apiKeyScopeSchema)
      .min(1)
      .max(4)
      .refine((scopes) => new Set(scopes).size === scopes.length, {
        params: { code: 'duplicate_id' },
        message: 'duplicate_id',
      }),
    validUntil: z.iso.datetime({ offset: true }).meta({
      description: 'When the key stops working: in the future, at most a year away',
    }),
  })
  .meta({ id: 'ApiKeyInput' });
export type ApiKeyInput = z.infer<typeof apiKeyInputSchema>;

export const apiKeySchema = z
  .object({
    id: z.string(),
    description: z.string(),
    scopes: z.array(apiKeyScopeSchema),
    hint: z.string().meta({ description: 'The first characters of the key, to tell keys apart' }),
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
    validUntil: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().meta({ description: 'Last request with the key, to the minute' }),
    revokedAt: z.iso.datetime().nullable(),
    revokedBy: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof apiKeySchema>;

export const createdApiKeySchema = apiKeySchema
  .extend({
    key: z.string().meta({ description: 'The key itself, shown this once: only its hash is kept' }),
  })
  .meta({ id: 'CreatedApiKey' });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

/** A key authenticates while neither revoked nor expired. */
export function isApiKeyUsable(key: ApiKey, now: Date): boolean {
  return key.revokedAt === null && Date.parse(key.validUntil) > now.getTime();
}
