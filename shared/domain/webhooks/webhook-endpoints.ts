/**
 * Managing webhook endpoints: create (the secret shown once), read, change, delete, rotate the
 * secret (the old one signs beside the new for a day), send a test event, read the deliveries and
 * send one again. Every change is audited; secrets never reach the audit trail or the store in clear.
 */
import { randomUUID } from 'node:crypto';
import type { SecretCipher } from '../../privacy/national-id-vault.ts';
import type { AuditRepository } from '../../store/repositories/audit.ts';
import type { WebhookDeliveryRepository } from '../../store/repositories/webhook-deliveries.ts';
import { MAX_ENDPOINTS, type WebhookEndpointRepository } from '../../store/repositories/webhooks.ts';
import type { Page } from '../../store/table.ts';
import type { Transaction } from '../../store/transaction.ts';
import { requireWebhookManager, type WebhookManager } from '../access/webhook-access.ts';
import { type AuditedChange, auditRecordOf, type ChangeContext } from '../audit.ts';
import { DomainError } from '../errors.ts';
import type { Principal } from '../roles.ts';
import { type DeliveryView, deliveryIdOf, newDelivery, viewOfDelivery } from './delivery.ts';
import {
  type CreateEndpoint,
  changedEndpoint,
  type EndpointView,
  type EndpointWithSecret,
  type StoredEndpoint,
  type UpdateEndpoint,
  viewOfEndpoint,
} from './endpoint.ts';
import { EVENT_CATALOG, type EventType, TEST_EVENT_TYPE } from './event-catalog.ts';
import { newSecret, PREVIOUS_SECRET_VALID_MS } from './secrets.ts';

export interface WebhookWorkspace {
  readonly endpoints: WebhookEndpointRepository;
  readonly deliveries: WebhookDeliveryRepository;
  readonly audit: AuditRepository;
  readonly secrets: () => Promise<SecretCipher>;
  /** The deployment lets endpoints live on private addresses (one machine): http is then allowed too. */
  readonly allowPrivateAddresses: boolean;
}

/** Where a webhook's signing secret is sealed: its own purpose, apart from national ids. */
export const WEBHOOK_SECRET_PURPOSE = 'webhook-secret';

export async function createEndpoint(
  ws: WebhookWorkspace,
  ctx: ChangeContext,
  input: CreateEndpoint,
): Promise<EndpointWithSecret> {
  const manager = requireWebhookManager(ctx.principal);
  checkEndpoint(ws, manager, input);
  if ((await ws.endpoints.list()).length >= MAX_ENDPOINTS)
    throw new DomainError('WEBHOOK_LIMIT_REACHED', { limit: String(MAX_ENDPOINTS) });
  const secret = newSecret();
  const now = ctx.now.toISOString();
  const endpoint: StoredEndpoint = {
    id: randomUUID(),
    url: input.url,
    eventTypes: [...new Set(input.eventTypes)],
    description: input.description,
    enabled: true,
    disabledReason: null,
    sensitive: manager.sensitive,
    secrets: { current: (await ws.secrets()).seal(secret), previous: null },
    failingSince: null,
    createdBy: { userId: ctx.principal.userId, username: ctx.principal.username },
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await save(ws, ctx, undefined, endpoint, 'create');
  return { ...viewOfEndpoint(endpoint), secret };
}

export async function listEndpoints(ws: WebhookWorkspace, principal: Principal): Promise<EndpointView[]> {
  requireWebhookManager(principal);
  return (await ws.endpoints.list()).map(viewOfEndpoint);
}

export async function readEndpoint(
  ws: WebhookWorkspace,
  principal: Principal,
  id: string,
): Promise<EndpointView> {
  requireWebhookManager(principal);
  return viewOfEndpoint(await found(ws, id));
}

/**
 * A change replaces fields wholesale, so it names the version it was made against (If-Match), as
 * a member's edit does.
 */
export async function updateEndpoint(
  ws: WebhookWorkspace,
  ctx: ChangeContext,
  id: string,
  patch: UpdateEndpoint,
  expectedVersion: number | undefined,
): Promise<EndpointView> {
  const manager = requireWebhookManager(ctx.principal);
  if (expectedVersion === undefined) throw new DomainError('PRECONDITION_REQUIRED');
  const before = await found(ws, id, expectedVersion);
  const { enabled, ...fields } = patch;
  const after = changedEndpoint(before, {
    ...fields,
    // Switching it on or off; sending the state it is in keeps why it is off (a 410, failures).
    ...(enabled !== undefined &&
      enabled !== before.enabled && {
        enabled,
        disabledReason: enabled ? null : 'manual',
        failingSince: enabled ? null : before.failingSince,
      }),
    updatedAt: ctx.now.toISOString(),
  });
  checkEndpoint(ws, manager, after);
  await save(ws, ctx, before, after, 'update', expectedVersion);
  return viewOfEndpoint(after);
}

export async function deleteEndpoint(
  ws: WebhookWorkspace,
  ctx: ChangeContext,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  requireWebhookManager(ctx.principal);
  const endpoint = await found(ws, id, expectedVersion);
  const tx = ws.endpoints.transaction();
  ws.endpoints.remove(tx, endpoint);
  audit(ws, tx, ctx, { action: 'delete', before: viewOfEndpoint(endpoint), after: null, entityId: id });
  await commit(tx, expectedVersion);
}

/** A new secret, shown once; the one it replaces keeps signing beside it for a day. */
export async function rotateSecret(
  ws: WebhookWorkspace,
  ctx: ChangeContext,
  id: string,
  expectedVersion?: number,
): Promise<EndpointWithSecret> {
  requireWebhookManager(ctx.principal);
  const before = await found(ws, id, expectedVersion);
  const secret = newSecret();
  const validUntil = new Date(ctx.now.getTime() + PREVIOUS_SECRET_VALID_MS).toISOString();
  const after = changedEndpoint(before, {
    secrets: {
      current: (await ws.secrets()).seal(secret),
      previous: { sealed: before.secrets.current, validUntil },
    },
    updatedAt: ctx.now.toISOString(),
  });
  await save(ws, ctx, before, after, 'rotate_secret', expectedVersion);
  return { ...viewOfEndpoint(after), secret };
}

/** Queues a `webhook.test` event for the endpoint, whatever it subscribes to, and answers its delivery. */
export async function sendTestEvent(
  ws: WebhookWorkspace,
  ctx: ChangeContext,
  id: string,
): Promise<DeliveryView> {
  requireWebhookManager(ctx.principal);
  const endpoint = await found(ws, id);
  const deliveryId = deliveryIdOf(ctx.now, randomUUID());
  const delivery = newDelivery({
    id: deliveryId,
    endpointId: endpoint.id,
    lane: `test:${deliveryId}`,
    type: TEST_EVENT_TYPE,
    data: { endpointId: endpoint.id },
    at: ctx.now,
  });
  await ws.deliveries.enqueue(delivery, '0', ctx.now);
  return viewOfDelivery(delivery);
}

export async function listDeliveries(
  ws: WebhookWorkspace,
  principal: Principal,
  id: string,
  page: { readonly limit: number; readonly cursor?: string | undefined },
): Promise<Page<DeliveryView>> {
  requireWebhookManager(principal);
  await found(ws, id);
  const deliveries = await ws.deliveries.list(id, page.limit, page.cursor);
  return { items: deliveries.items.map(viewOfDelivery), nextCursor: deliveries.nextCursor };
}

/** Sends a delivery once more, with the same `webhook-id` and body: receivers that saw it know it. */
export async function replayDelivery(
  ws: WebhookWorkspace,
  ctx: ChangeContext,
  id: string,
  deliveryId: string,
): Promise<DeliveryView> {
  requireWebhookManager(ctx.principal);
  await found(ws, id);
  const before = await ws.deliveries.get(id, deliveryId);
  if (!before) throw new DomainError('WEBHOOK_DELIVERY_NOT_FOUND');
  const after = {
    ...before,
    lane: `replay:${before.id}`,
    status: 'pending' as const,
    nextAttemptAt: ctx.now.toISOString(),
    replaying: true,
  };
  await ws.deliveries.requeue(after, ctx.now);
  return viewOfDelivery(after);
}

/** The endpoint, at the version If-Match names when it names one. */
async function found(ws: WebhookWorkspace, id: string, expectedVersion?: number): Promise<StoredEndpoint> {
  const endpoint = await ws.endpoints.get(id);
  if (!endpoint) throw new DomainError('WEBHOOK_NOT_FOUND');
  if (expectedVersion !== undefined && endpoint.version !== expectedVersion)
    throw new DomainError('PRECONDITION_FAILED');
  return endpoint;
}

/**
 * https only, unless the deployment allows private addresses (a receiver on this machine); the
 * Front's endpoints take aggregate events only, as the Front never reads a person.
 */
function checkEndpoint(
  ws: WebhookWorkspace,
  manager: WebhookManager,
  endpoint: { readonly url: string; readonly eventTypes: readonly EventType[] },
): void {
  const fields = [];
  if (!endpoint.url.startsWith('https://') && !ws.allowPrivateAddresses)
    fields.push({ path: 'body.url', code: 'https_required' });
  if (manager.front && endpoint.eventTypes.some((type) => !EVENT_CATALOG[type].aggregate))
    fields.push({ path: 'body.eventTypes', code: 'aggregate_events_only' });
  if (fields.length > 0) throw new DomainError('VALIDATION_FAILED', {}, fields);
}

async function save(
  ws: WebhookWorkspace,
  ctx: ChangeContext,
  before: StoredEndpoint | undefined,
  after: StoredEndpoint,
  action: AuditedChange['action'],
  expectedVersion?: number,
): Promise<void> {
  const tx = ws.endpoints.transaction();
  ws.endpoints.save(tx, before, after);
  audit(ws, tx, ctx, {
    action,
    entityId: after.id,
    before: before ? viewOfEndpoint(before) : null,
    after: viewOfEndpoint(after),
  });
  await commit(tx, expectedVersion);
}

/**
 * Another change came between the read and this write: stale for a caller who named the version
 * it read (412); without If-Match, sent again to be applied over the other one (503).
 */
async function commit(tx: Transaction, expectedVersion: number | undefined): Promise<void> {
  try {
    await tx.commit();
  } catch (error) {
    const stale = error instanceof DomainError && error.code === 'PRECONDITION_FAILED';
    if (stale && expectedVersion === undefined) throw new DomainError('WRITE_CONFLICT', { retryAfter: '1' });
    throw error;
  }
}

function audit(
  ws: WebhookWorkspace,
  tx: Transaction,
  ctx: ChangeContext,
  change: Omit<AuditedChange, 'entityType'>,
): void {
  ws.audit.record(tx, auditRecordOf(ctx, { entityType: 'webhook', ...change }));
}
