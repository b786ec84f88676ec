/**
 * What the use cases of the unit tree and its branches work with: the tenant's repositories,
 * built per request by the API (or a script), and the one way they write their audit records.
 */
import type { AuditRepository } from '../store/repositories/audit.ts';
import type { BranchRepository } from '../store/repositories/branches.ts';
import type { UnitRepository } from '../store/repositories/units.ts';
import type { Transaction } from '../store/transaction.ts';
import { type AuditedChange, auditRecordOf, type ChangeContext } from './audit.ts';

export interface TreeWorkspace {
  readonly units: UnitRepository;
  readonly branches: BranchRepository;
  readonly audit: AuditRepository;
}

/** Adds the audit record of a change to the change's own transaction: both land, or neither. */
export function recordTreeAudit(
  ws: TreeWorkspace,
  tx: Transaction,
  ctx: ChangeContext,
  change: AuditedChange,
): void {
  ws.audit.record(tx, auditRecordOf(ctx, change));
}
