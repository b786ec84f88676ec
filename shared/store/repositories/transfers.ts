/**
 * Incoming transfers, kept in the receiving tenant: `<receiver>#INCOMING_TRANSFER#<id>` / `TRANSFER`,
 * pending ones listed through GSI1 `<receiver>#INCOMING_TRANSFERS#PENDING` by date, an officer's
 * filtered on the destination unit's path. The sender writes it in the same transaction that
 * marks its member transferred out.
 */

import { DomainError } from '../../domain/errors.ts';
import type { IncomingTransfer } from '../../domain/members/transfers.ts';
import type { TenantId } from '../../domain/tenant-id.ts';
import type { FullUnit } from '../../domain/units.ts';
import type { Item, Page, Table, TenantTable } from '../table.ts';
import { Transaction } from '../transaction.ts';
import { UnitRepository } from './units.ts';

const key = (id: string) => ({ pk: `INCOMING_TRANSFER#${id}`, sk: 'TRANSFER' });

function transferItem(transfer: IncomingTransfer): Item {
  return {
    entity: 'incoming_transfer',
    key: key(transfer.id),
    ...(transfer.status === 'pending' && {
      indexes: { GSI1: { pk: 'INCOMING_TRANSFERS#PENDING', sk: `${transfer.createdAt}#${transfer.id}` } },
    }),
    data: { ...transfer },
  };
}

export class TransferRepository {
  constructor(
    private readonly table: Table,
    private readonly own: TenantTable,
  ) {}

  /** Whether a tenant exists on the platform (onboarding wrote its TENANT item). */
  async tenantExists(tenant: TenantId): Promise<boolean> {
    return (await this.table.forTenant(tenant).get({ pk: 'TENANT', sk: 'TENANT' })) !== undefined;
  }

  /** A unit of the receiving tenant, which a transfer may be addressed to. */
  async receivingUnit(receiver: TenantId, unitId: string): Promise<FullUnit | undefined> {
    return new UnitRepository(this.table.forTenant(receiver)).get(unitId);
  }

  /** Adds the incoming transfer, in the receiving tenant, to the sender's transaction. */
  send(tx: Transaction, receiver: TenantId, transfer: IncomingTransfer): void {
    tx.add(this.table.forTenant(receiver).putOperation(transferItem(transfer), { exists: false }));
  }

  /** A transaction in the receiving tenant (this repository's own). */
  transaction(): Transaction {
    return new Transaction(this.own);
  }

  async get(id: string): Promise<IncomingTransfer | undefined> {
    return this.own.get<IncomingTransfer>(key(id));
  }

  /** Pending transfers by date; with `withinUnitId`, those addressed to that unit or below it. */
  async pending(limit: number, cursor?: string, withinUnitId?: string): Promise<Page<IncomingTransfer>> {
    return this.own.query<IncomingTransfer>({
      index: 'GSI1',
      pk: 'INCOMING_TRANSFERS#PENDING',
      limit,
      cursor,
      ...(withinUnitId !== undefined && { filter: { contains: [['destinationUnitIds', withinUnitId]] } }),
    });
  }

  /** Marks it accepted in the transaction admitting the person; a second acceptance fails the whole. */
  accept(tx: Transaction, transfer: IncomingTransfer, memberId: string): void {
    tx.put(
      transferItem({ ...transfer, status: 'accepted', acceptedMemberId: memberId }),
      { equals: { status: 'pending' } },
      () => new DomainError('TRANSFER_ALREADY_ACCEPTED'),
    );
  }

  /**
   * Readdresses a pending transfer (the map migration renumbering its hamlet), if it is still
   * pending and addressed as read; fails with PRECONDITION_FAILED otherwise.
   */
  readdress(tx: Transaction, before: IncomingTransfer, after: IncomingTransfer): void {
    tx.put(
      transferItem(after),
      { equals: { status: 'pending', destinationUnitId: before.destinationUnitId } },
      () => new DomainError('PRECONDITION_FAILED'),
    );
  }
}
