/**
 * Which webhook event a committed change is: a member, branch, target or snapshot item before and
 * after, as the table's stream shows it. Pure: the outbox (functions/stream/outbox.ts) feeds it
 * decoded images and writes what it answers. Member data is cut from the member's view, so a
 * national id is only ever its masked form, and sensitive fields go only where they may.
 */
import { type Member, viewOf } from '../members/member.ts';
import type { EventType } from './event-catalog.ts';

export interface ChangedItem {
  readonly entity: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface WebhookEvent {
  readonly type: EventType;
  /** Events of one lane are delivered in order: a member's, a branch's. */
  readonly lane: string;
  /** The event's data for an endpoint that may (true) or may not see sensitive fields; null: nothing to tell it. */
  readonly data: (sensitive: boolean) => Record<string, unknown> | null;
}

/** Changes of these alone are bookkeeping, not news. */
const UNTOLD_FIELDS = new Set(['version', 'updatedAt']);

export function eventOf(tenant: string, before?: ChangedItem, after?: ChangedItem): WebhookEvent | null {
  const entity = (after ?? before)?.entity;
  if (entity === 'member')
    return memberEvent(before?.data as Member | undefined, after?.data as Member | undefined);
  if (entity === 'branch') return branchEvent(before?.data, after?.data);
  if (entity === 'branch_rating' && after?.data.state === 'approved' && before?.data.state !== 'approved')
    return fixed('branch.rating_approved', `branch:${String(after.data.branchId)}`, {
      branchId: after.data.branchId,
      unitId: after.data.unitId,
      year: after.data.year,
      level: after.data.level,
      standardMet: after.data.standardMet,
    });
  if (entity === 'target' && after)
    return fixed('unit.target_set', `target:${String(after.data.unitId)}`, {
      tenantId: tenant,
      unitId: after.data.unitId,
      year: after.data.year,
      targetPopulation: after.data.targetPopulation,
    });
  if (entity === 'snapshot' && after)
    return fixed('snapshot.taken', `snapshot:${tenant}`, {
      tenantId: tenant,
      date: after.data.date,
      revision: after.data.revision,
    });
  return null;
}

function fixed(type: EventType, lane: string, data: Record<string, unknown>): WebhookEvent {
  return { type, lane, data: () => data };
}

function memberEvent(before: Member | undefined, after: Member | undefined): WebhookEvent | null {
  if (!after) return null;
  const lane = `member:${after.id}`;
  const ref = { memberId: after.id, branchId: after.branchId, unitId: after.unitId };
  if (!before)
    return {
      type: 'member.created',
      lane,
      data: (sensitive) => ({ ...ref, status: after.status, member: viewOf(after, sensitive) }),
    };
  if (before.status !== after.status && after.status === 'transferred_out')
    return {
      type: 'member.transferred_out',
      lane,
      data: () => ({ ...ref, destination: after.transferredTo }),
    };
  if (before.status !== after.status)
    return {
      type: 'member.status_changed',
      lane,
      data: () => ({ ...ref, from: before.status, to: after.status, since: after.statusSince }),
    };
  if (before.branchId !== after.branchId)
    return {
      type: 'member.transferred',
      lane,
      data: () => ({ ...ref, fromBranchId: before.branchId, fromUnitId: before.unitId }),
    };
  return {
    type: 'member.updated',
    lane,
    data: (sensitive) => {
      const changes = changesOf(viewOf(before, sensitive), viewOf(after, sensitive));
      return Object.keys(changes).length === 0 ? null : { ...ref, changes };
    },
  };
}

function changesOf(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (UNTOLD_FIELDS.has(field)) continue;
    const [from, to] = [before[field] ?? null, after[field] ?? null];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

function branchEvent(
  before: Readonly<Record<string, unknown>> | undefined,
  after: Readonly<Record<string, unknown>> | undefined,
): WebhookEvent | null {
  if (!after) return null;
  const lane = `branch:${String(after.id)}`;
  if (!before)
    return fixed('branch.created', lane, {
      branchId: after.id,
      unitId: after.unitId,
      name: after.name,
      kind: after.kind,
    });
  if (before.status !== 'dissolved' && after.status === 'dissolved')
    return fixed('branch.dissolved', lane, { branchId: after.id, unitId: after.unitId, name: after.name });
  return null;
}
