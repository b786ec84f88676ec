/**
 * Where audit records are kept. Item: `<tenant>#AUDIT#<entityId>` / `<at>#<auditId>`; by actor
 * through GSI1 `<tenant>#AUDIT_BY#<userId>` / `<at>#<auditId>`. Both read newest first.
 */
import type { AuditRecord } from '../../domain/audit.ts';
import type { Page, TenantTable } from '../table.ts';
import { Transaction } from '../transaction.ts';

export class AuditRepository {
  constructor(private readonly table: TenantTable) {}

  /** Adds the record to a change's transaction: it lands with the change or not at all. */
  record(tx: Transaction, record: AuditRecord): void {
    tx.put({
      entity: 'audit',
      key: { pk: `AUDIT#${record.entityId}`, sk: `${record.at}#${record.id}` },
      indexes: { GSI1: { pk: `AUDIT_BY#${record.actor.userId}`, sk: `${record.at}#${record.id}` } },
      data: record,
    });
  }

  /** For records with no change of their own to ride with (reading a national id). */
  async put(record: AuditRecord): Promise<void> {
    const tx = new Transaction(this.table);
    this.record(tx, record);
    await tx.commit();
  }

  async ofEntity(entityId: string, limit: number, cursor?: string): Promise<Page<AuditRecord>> {
    return this.table.query<AuditRecord>({ pk: `AUDIT#${entityId}`, limit, cursor, newestFirst: true });
  }

  async byActor(userId: string, limit: number, cursor?: string): Promise<Page<AuditRecord>> {
    return this.table.query<AuditRecord>({
      index: 'GSI1',
      pk: `AUDIT_BY#${userId}`,
      limit,
      cursor,
      newestFirst: true,
    });
  }
}
