/**
 * The audit trail: who did what to which record, when, with the state before and after and the
 * request that did it. Written in the same transaction as the change it describes.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Principal } from './roles.ts';

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'status',
  'transfer',
  'transfer_out',
  'transfer_in',
  'dissolve',
  'revise',
  'read_national_id',
  'read_national_id_refused',
  'party_introduce',
  'party_decide',
  'rate',
  'rating_submit',
  'rating_approve',
  'rating_return',
  'rating_unlock',
  'review_open',
  'review_close',
  'review_confirm',
  'review_done',
  'export',
  'import',
  'delete',
  'rotate_secret',
  'disable',
  'revoke',
] as const;

export const actorSchema = z.object({ userId: z.string(), username: z.string(), role: z.string() });
export type Actor = z.infer<typeof actorSchema>;

export const auditRecordSchema = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    actor: actorSchema,
    action: z.enum(AUDIT_ACTIONS),
    entityType: z.enum([
      'member',
      'branch',
      'group',
      'unit',
      'settings',
      'target',
      'snapshot',
      'account',
      'branch_rating',
      'rating_criteria',
      'review_campaign',
      'branch_review',
      'member_export',
      'member_import',
      'webhook',
      'api_key',
    ]),
    entityId: z.string(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    requestId: z.string(),
  })
  .meta({ id: 'AuditRecord' });
export type AuditRecord = z.infer<typeof auditRecordSchema>;
export type AuditAction = AuditRecord['action'];

export function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, username: principal.username, role: principal.role };
}

/** Who acts and for which request: what every change needs to write its audit record. */
export interface ChangeContext {
  readonly principal: Principal;
  readonly requestId: string;
  readonly now: Date;
}

export interface AuditedChange {
  readonly entityType: AuditRecord['entityType'];
  readonly action: AuditAction;
  readonly entityId: string;
  readonly before: object | null;
  readonly after: object | null;
}

/** The record of one change: who, when, which request, and the fields that changed. */
export function auditRecordOf(ctx: ChangeContext, change: AuditedChange): AuditRecord {
  const diff = changedFields(change.before && { ...change.before }, change.after && { ...change.after });
  return {
    id: randomUUID(),
    at: ctx.now.toISOString(),
    actor: actorOf(ctx.principal),
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    ...diff,
    requestId: ctx.requestId,
  };
}

/** Only what changed, so an audit record reads as a diff and never copies a whole record. */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after) return { before, after };
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const name of names) {
    if (JSON.stringify(before[name]) !== JSON.stringify(after[name])) {
      b[name] = before[name] ?? null;
      a[name] = after[name] ?? null;
    }
  }
  return { before: b, after: a };
}
