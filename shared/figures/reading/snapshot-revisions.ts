/**
 * Correcting a snapshot (POST /api/v1/admin/snapshots/{date}/revisions): figures once taken are
 * never overwritten, so a correction recopies the organization's current aggregates as the next
 * revision of the day, with a reason, audited in the same transaction as the register item that
 * makes it the one read. Earlier revisions keep their copies; the Front is told the figures it
 * reads were revised, when and why.
 */
import { requireRole } from '../../domain/access/tree-access.ts';
import { auditRecordOf, type ChangeContext } from '../../domain/audit.ts';
import { DomainError } from '../../domain/errors.ts';
import { organizationOf } from '../../domain/organizations.ts';
import type { TenantId } from '../../domain/tenant-id.ts';
import type { SnapshotRevisionRequest, SnapshotRevisionResult } from './schemas.ts';
import { latestRevision, type SnapshotRecord, snapshotEntityId } from './snapshot-record.ts';
import type { SnapshotSource } from './snapshots.ts';

export async function reviseSnapshot(
  source: SnapshotSource,
  tenant: TenantId,
  ctx: ChangeContext,
  date: string,
  request: SnapshotRevisionRequest,
): Promise<SnapshotRevisionResult> {
  requireRole(ctx.principal, 'org_admin');
  if (!organizationOf(tenant)) throw new DomainError('FORBIDDEN');
  const before = await source.figures.snapshot(date);
  if (!before) throw new DomainError('SNAPSHOT_NOT_FOUND', { date });
  const revision = before.revision + 1;
  const units = await source.units.all();
  const { copy, copied } = await source.figures.copyToSnapshot(
    units.map((u) => u.id),
    date,
    revision,
  );
  const revisedAt = ctx.now.toISOString();
  const { reason } = request;
  const after: SnapshotRecord = {
    date,
    revision,
    revisions: [
      ...before.revisions,
      { revision, copy, takenAt: revisedAt, units: units.length, copied, reason, by: ctx.principal.username },
    ],
  };
  const tx = source.figures.transaction();
  source.figures.recordSnapshot(tx, before, after);
  const previous = latestRevision(before);
  source.audit.record(
    tx,
    auditRecordOf(ctx, {
      entityType: 'snapshot',
      action: 'revise',
      entityId: snapshotEntityId(date),
      before: { revision: previous.revision, copied: previous.copied, reason: previous.reason },
      after: { revision, copied, reason },
    }),
  );
  await tx.commit();
  return { date, revision, revisedAt, reason, units: units.length, copied };
}
