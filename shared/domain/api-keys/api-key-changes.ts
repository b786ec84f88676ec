/**
 * An organization's admin manages its API keys: creates one (its secret shown in that answer
 * only), lists and reads them with their last use, revokes one. Keys manage no keys, and the
 * Front has none yet: its admin reads aggregates only, which no scope names so far.
 */
import { randomUUID } from 'node:crypto';
import type { ApiKeyCache } from '../../auth/api-key-cache.ts';
import { apiKeyHint, hashApiKey, newApiKeySecret } from '../../auth/api-key-secret.ts';
import type { ApiKeyRepository, StoredApiKey } from '../../store/repositories/api-keys.ts';
import type { AuditRepository } from '../../store/repositories/audit.ts';
import type { Page } from '../../store/table.ts';
import { requireOrganization } from '../access/tenant-access.ts';
import { requireRole } from '../access/tree-access.ts';
import { auditRecordOf, type ChangeContext } from '../audit.ts';
import { DomainError } from '../errors.ts';
import type { Principal } from '../roles.ts';
import {
  type ApiKey,
  type ApiKeyInput,
  apiKeySchema,
  type CreatedApiKey,
  MAX_API_KEY_DAYS,
} from './api-key.ts';

export interface ApiKeyWorkspace {
  readonly keys: ApiKeyRepository;
  readonly audit: AuditRepository;
  /** This process's copies of keys in use: a revoked one is forgotten at once. */
  readonly keysInUse: Pick<ApiKeyCache, 'forget'>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Only an organization's admin: keys act for the whole organization. */
function requireKeyManager(principal: Principal): void {
  requireOrganization(principal);
  requireRole(principal, 'org_admin');
}

/** The key as answers show it: never its hash. */
const view = (stored: StoredApiKey): ApiKey => apiKeySchema.parse(stored);

export async function createApiKey(
  ws: ApiKeyWorkspace,
  ctx: ChangeContext,
  input: ApiKeyInput,
): Promise<CreatedApiKey> {
  requireKeyManager(ctx.principal);
  const expires = Date.parse(input.validUntil);
  const now = ctx.now.getTime();
  if (expires <= now || expires > now + MAX_API_KEY_DAYS * DAY_MS)
    throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'body.validUntil', code: 'api_key_expiry' }]);
  const secret = newApiKeySecret();
  const key: ApiKey = {
    id: randomUUID(),
    description: input.description,
    scopes: input.scopes,
    hint: apiKeyHint(secret),
    createdAt: ctx.now.toISOString(),
    createdBy: ctx.principal.username,
    validUntil: new Date(expires).toISOString(),
    lastUsedAt: null,
    revokedAt: null,
    revokedBy: null,
  };
  const tx = ws.keys.transaction();
  ws.keys.create(tx, key, hashApiKey(secret));
  ws.audit.record(
    tx,
    auditRecordOf(ctx, {
      entityType: 'api_key',
      action: 'create',
      entityId: key.id,
      before: null,
      after: key,
    }),
  );
  await tx.commit();
  return { ...key, key: secret };
}

export async function listApiKeys(
  ws: ApiKeyWorkspace,
  principal: Principal,
  page: { cursor?: string | undefined; limit: number },
): Promise<Page<ApiKey>> {
  requireKeyManager(principal);
  const found = await ws.keys.list(page.cursor, page.limit);
  return { items: found.items.map(view), nextCursor: found.nextCursor };
}

export async function readApiKey(ws: ApiKeyWorkspace, principal: Principal, id: string): Promise<ApiKey> {
  requireKeyManager(principal);
  return view(await storedKey(ws, id));
}

/** Revoking a revoked key answers it as it is: the client's intent holds either way. */
export async function revokeApiKey(ws: ApiKeyWorkspace, ctx: ChangeContext, id: string): Promise<ApiKey> {
  requireKeyManager(ctx.principal);
  const stored = await storedKey(ws, id);
  const before = view(stored);
  if (before.revokedAt !== null) return before;
  const after: ApiKey = { ...before, revokedAt: ctx.now.toISOString(), revokedBy: ctx.principal.username };
  const tx = ws.keys.transaction();
  ws.keys.revoke(tx, after, stored.hash);
  ws.audit.record(
    tx,
    auditRecordOf(ctx, { entityType: 'api_key', action: 'revoke', entityId: id, before, after }),
  );
  await tx.commit();
  ws.keysInUse.forget(stored.hash);
  return after;
}

async function storedKey(ws: ApiKeyWorkspace, id: string): Promise<StoredApiKey> {
  const stored = await ws.keys.get(id);
  if (!stored) throw new DomainError('API_KEY_NOT_FOUND');
  return stored;
}
