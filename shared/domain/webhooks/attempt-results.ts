/**
 * What one attempt changes: the delivery (delivered, retried later, given up) and its endpoint
 * (failing since when, disabled by a 410 or by five days of failures). Pure, so the rules are read
 * in one place and the sender only stores what this answers.
 */
import { type AuditRecord, auditRecordOf } from '../audit.ts';
import type { TenantId } from '../tenant-id.ts';
import {
  type Attempt,
  failedTooLong,
  nextAttemptAfter,
  outcomeOf,
  RETRY_SCHEDULE_MS,
  type StoredDelivery,
} from './delivery.ts';
import { changedEndpoint, type StoredEndpoint, viewOfEndpoint } from './endpoint.ts';

export interface AttemptResult {
  readonly delivery: StoredDelivery;
  /** The endpoint when the attempt changed it; undefined when it did not. */
  readonly endpoint: StoredEndpoint | undefined;
  /** The notice to its admins when it was disabled: an audit record of the endpoint. */
  readonly notice: AuditRecord | undefined;
}

/** Who disables an endpoint on its own: no person, so the audit trail says so. */
const SENDER = { userId: 'webhook-sender', username: 'webhook-sender', role: 'system' };

export function resultOfAttempt(
  tenant: TenantId,
  endpoint: StoredEndpoint,
  before: StoredDelivery,
  attempt: Attempt,
  schedule: readonly number[] = RETRY_SCHEDULE_MS,
): AttemptResult {
  const now = new Date(attempt.at);
  const attempts = [...before.attempts, attempt];
  const outcome = outcomeOf(attempt);
  if (outcome === 'delivered') {
    const delivery = {
      ...before,
      attempts,
      status: 'delivered' as const,
      nextAttemptAt: null,
      replaying: false,
    };
    const recovered =
      endpoint.failingSince === null ? undefined : changedEndpoint(endpoint, { failingSince: null });
    return { delivery, endpoint: recovered, notice: undefined };
  }
  const next = before.replaying
    ? null
    : nextAttemptAfter(attempts.filter((a) => !a.replay).length, now, schedule);
  const delivery: StoredDelivery = {
    ...before,
    attempts,
    status: next && outcome === 'retry' ? 'pending' : 'failed',
    nextAttemptAt: next && outcome === 'retry' ? next.toISOString() : null,
    replaying: false,
  };
  const failingSince = endpoint.failingSince ?? attempt.at;
  const disabledReason = outcome === 'gone' ? 'gone' : failedTooLong(failingSince, now) ? 'failing' : null;
  if (!disabledReason) {
    const changed = endpoint.failingSince === null ? changedEndpoint(endpoint, { failingSince }) : undefined;
    return { delivery, endpoint: changed, notice: undefined };
  }
  const disabled = changedEndpoint(endpoint, {
    enabled: false,
    disabledReason,
    failingSince,
    updatedAt: attempt.at,
  });
  const principal = {
    userId: SENDER.userId,
    username: SENDER.username,
    tenantId: tenant,
    role: 'org_admin' as const,
    scope: null,
    permissions: [],
  };
  const record = auditRecordOf(
    { principal, requestId: before.id, now },
    {
      entityType: 'webhook',
      action: 'disable',
      entityId: endpoint.id,
      before: viewOfEndpoint(endpoint),
      after: viewOfEndpoint(disabled),
    },
  );
  return { delivery, endpoint: disabled, notice: { ...record, actor: SENDER } };
}
