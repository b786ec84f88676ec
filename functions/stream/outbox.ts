/**
 * The webhook outbox: committed changes of members, branches, ratings, targets and snapshots, as the
 * stream delivers them, become deliveries queued for each enabled endpoint that subscribes to
 * their event. Only what was committed reaches the stream, so only that is ever sent.
 *
 * Idempotent rather than counted: a delivery's id is a digest of the stream record and the
 * endpoint (shared/domain/webhooks/delivery.ts), and it is queued with `attribute_not_exists`, so
 * a record handed again queues nothing twice. Aggregate events (a target, a snapshot) go to the
 * province's Front too; everything else stays in its tenant.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { logger as defaultLogger } from '#shared/config/logger.ts';
import { provinceOf, type TenantId, toTenantId } from '#shared/domain/tenant-id.ts';
import { deliveryIdOf, newDelivery } from '#shared/domain/webhooks/delivery.ts';
import type { StoredEndpoint } from '#shared/domain/webhooks/endpoint.ts';
import { eventOf } from '#shared/domain/webhooks/events-of-changes.ts';
import { WebhookDeliveryRepository } from '#shared/store/repositories/webhook-deliveries.ts';
import { WebhookEndpointRepository } from '#shared/store/repositories/webhooks.ts';
import { decodeStreamImage, streamEntityOf, streamTenantOf } from '#shared/store/stream-records.ts';
import type { Table } from '#shared/store/table.ts';
import type { StreamEvent } from './aggregates.ts';

/** The entities whose changes are events. */
export const EVENT_ENTITIES: readonly string[] = ['member', 'branch', 'branch_rating', 'target', 'snapshot'];
/** Those whose events speak of figures only (the catalog's aggregate events): the Front hears them too. */
const FIGURES_ENTITIES: readonly string[] = ['target', 'snapshot'];

type Log = Pick<typeof defaultLogger, 'error'>;

export type Outbox = (event: StreamEvent) => Promise<DynamoDBBatchResponse>;

export function createOutbox(table: Table, log: Log = defaultLogger): Outbox {
  return async (event) => {
    // Endpoints read once per tenant and batch: a batch is a moment, and a few reads at most.
    const endpoints = new Map<TenantId, Promise<StoredEndpoint[]>>();
    const endpointsOf = (tenant: TenantId) => {
      let found = endpoints.get(tenant);
      if (!found) {
        found = new WebhookEndpointRepository(table.forTenant(tenant)).list();
        endpoints.set(tenant, found);
      }
      return found;
    };
    for (const record of event.Records) {
      try {
        await queue(table, record, endpointsOf);
      } catch (error) {
        log.error('stream record cannot be queued for webhooks', { eventId: record.eventID, error });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  };
}

async function queue(
  table: Table,
  record: DynamoDBRecord,
  endpointsOf: (tenant: TenantId) => Promise<StoredEndpoint[]>,
): Promise<void> {
  const images = [record.dynamodb?.OldImage, record.dynamodb?.NewImage];
  const entity = images.map(streamEntityOf).find((name) => EVENT_ENTITIES.includes(name ?? ''));
  if (!entity) return;
  const tenant = toTenantId(streamTenantOf(images[1] ?? images[0]) ?? '');
  const listening = await enabledEndpoints(tenant, entity, endpointsOf);
  // Most tenants have no endpoint: their records are not even decoded.
  if (listening.length === 0) return;
  const [before, after] = images.map(decodeStreamImage);
  const event = eventOf(tenant, before, after);
  if (!event) return;
  const sequence = record.dynamodb?.SequenceNumber;
  const seconds = record.dynamodb?.ApproximateCreationDateTime;
  if (!record.eventID || !sequence || seconds === undefined)
    throw new Error('a stream record without eventID, SequenceNumber or ApproximateCreationDateTime');
  const at = new Date(seconds * 1000);
  for (const { owner, endpoint } of listening) {
    if (!endpoint.eventTypes.includes(event.type)) continue;
    // A record handed again late is not news to an endpoint registered after the change.
    if (registeredAfter(endpoint, seconds)) continue;
    const data = event.data(endpoint.sensitive);
    if (!data) continue;
    const delivery = newDelivery({
      id: deliveryIdOf(at, `${record.eventID}|${endpoint.id}`),
      endpointId: endpoint.id,
      lane: event.lane,
      type: event.type,
      data,
      at,
    });
    // Sequence numbers of a shard grow, so the lane keeps a member's events in their order.
    await new WebhookDeliveryRepository(table, table.forTenant(owner)).enqueue(
      delivery,
      sequence.padStart(40, '0'),
      at,
    );
  }
}

/**
 * The enabled endpoints an entity's change may be for: the tenant's own and, for figures (targets,
 * snapshots: the catalog's aggregate events), the province's Front's.
 */
async function enabledEndpoints(
  tenant: TenantId,
  entity: string,
  endpointsOf: (tenant: TenantId) => Promise<StoredEndpoint[]>,
): Promise<{ owner: TenantId; endpoint: StoredEndpoint }[]> {
  const front = toTenantId(`${provinceOf(tenant)}:front`);
  const owners = FIGURES_ENTITIES.includes(entity) && tenant !== front ? [tenant, front] : [tenant];
  const found = await Promise.all(
    owners.map(async (owner) =>
      (await endpointsOf(owner)).filter((e) => e.enabled).map((endpoint) => ({ owner, endpoint })),
    ),
  );
  return found.flat();
}

/**
 * Registered after a change made at `seconds`: the stream's time is approximate (DynamoDB Local
 * rounds it down to the minute), so an endpoint a minute older than the change counts as after.
 */
function registeredAfter(endpoint: StoredEndpoint, seconds: number): boolean {
  return Date.parse(endpoint.createdAt) / 1000 > seconds + 60;
}
