/**
 * Webhook endpoints of a tenant: `<tenant>#WEBHOOKS` / `ENDPOINT#<id>`, all in one partition, so
 * the outbox reads a tenant's endpoints with one Query per batch and a page of the API with one.
 * Their secrets are stored sealed (the caller seals them); the store never sees one in clear.
 */

import { DomainError } from '../../domain/errors.ts';
import type { StoredEndpoint } from '../../domain/webhooks/endpoint.ts';
import type { Key, TenantTable } from '../table.ts';
import { Transaction } from '../transaction.ts';

/** A tenant has few endpoints: a page holds them all. */
export const MAX_ENDPOINTS = 20;

const PARTITION = 'WEBHOOKS';
const endpointKey = (id: string): Key => ({ pk: PARTITION, sk: `ENDPOINT#${id}` });

export class WebhookEndpointRepository {
  constructor(readonly table: TenantTable) {}

  transaction(): Transaction {
    return new Transaction(this.table);
  }

  async get(id: string): Promise<StoredEndpoint | undefined> {
    return this.table.get<StoredEndpoint>(endpointKey(id));
  }

  async list(): Promise<StoredEndpoint[]> {
    const page = await this.table.query<StoredEndpoint>({
      pk: PARTITION,
      skBeginsWith: 'ENDPOINT#',
      limit: MAX_ENDPOINTS + 1,
    });
    return page.items;
  }

  /**
   * A new endpoint (`attribute_not_exists`), or a change to the version `before` was read at;
   * PRECONDITION_FAILED when another change came first.
   */
  save(tx: Transaction, before: StoredEndpoint | undefined, after: StoredEndpoint): void {
    tx.put(
      { entity: 'webhook_endpoint', key: endpointKey(after.id), data: { ...after } },
      before ? { equals: { version: before.version } } : { exists: false },
      () => new DomainError('PRECONDITION_FAILED'),
    );
  }

  /** Deletes the endpoint as read; PRECONDITION_FAILED when it changed or went meanwhile. */
  remove(tx: Transaction, endpoint: StoredEndpoint): void {
    tx.delete(
      endpointKey(endpoint.id),
      { equals: { version: endpoint.version } },
      () => new DomainError('PRECONDITION_FAILED'),
    );
  }
}
