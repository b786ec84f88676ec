/**
 * What an API key may be allowed to do: a fixed list, so a key's rights are read at a glance and
 * an operation names the one scope it accepts. Anything no operation accepts is refused.
 */
import { z } from 'zod';

export const API_KEY_SCOPES = ['members:read', 'members:write', 'figures:read', 'webhooks:manage'] as const;

export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES).meta({
  description:
    'members:read: list, search and read members (never sensitive fields nor the full national id); members:write: admit and change members; figures:read: the figures (stats); webhooks:manage: webhook endpoints and their deliveries',
});
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;
