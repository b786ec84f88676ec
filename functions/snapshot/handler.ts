/**
 * The snapshot function. An EventBridge schedule calls `handler` after midnight Vietnam time on
 * the first of each month (infra/api-stack.ts); every tenant of every province in the registry
 * is copied as of the last day of the previous month in Vietnam, so January's run is also the
 * year-end (31 December) snapshot. The schedule's event carries nothing needed: the day comes
 * from the clock.
 *
 * A snapshot once taken is kept, never retaken: a retried or repeated run reports the tenants
 * already done as `existing` and takes only the rest. A province onboarded after the day has no
 * figures for it and is skipped. A province that fails is logged and skipped so the others still
 * get theirs, and the run fails at the end, for Lambda's retries and the error alarm to see.
 */
import { readEnv } from '#shared/config/env.ts';
import { logger } from '#shared/config/logger.ts';
import { vietnamToday } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { SnapshotResult } from '#shared/figures/reading/schemas.ts';
import { previousMonthEnd, snapshotProvince } from '#shared/figures/reading/snapshots.ts';
import { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import { ProvinceRepository } from '#shared/store/repositories/provinces.ts';
import { Table } from '#shared/store/table.ts';

export type SnapshotHandler = () => Promise<SnapshotResult>;

export function createSnapshotHandler(table: Table, clock: () => Date = () => new Date()): SnapshotHandler {
  const provinces = new ProvinceRepository(table);

  return async () => {
    const now = clock();
    const date = previousMonthEnd(vietnamToday(now));
    const listed = await provinces.list();
    if (listed.length === 0) logger.warn('no province to snapshot: the registry is empty', { date });
    const tenants: SnapshotResult['tenants'] = [];
    const failures: { provinceId: string; error: unknown }[] = [];
    for (const { id: provinceId } of listed) {
      try {
        const result = await snapshotProvince(table, provinceId, date, now, { ifTaken: 'keep' });
        for (const tenant of result.tenants) logger.info('snapshot taken', { date, provinceId, ...tenant });
        tenants.push(...result.tenants);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'DATE_BEFORE_ONBOARDING') {
          logger.info('snapshot skipped: the province was onboarded after the day', { date, provinceId });
          continue;
        }
        logger.error('snapshot failed', { date, provinceId, error });
        failures.push({ provinceId, error });
      }
    }
    if (failures.length > 0)
      throw new AggregateError(
        failures.map((f) => f.error),
        `Snapshot of ${date} failed for ${failures.length} of ${listed.length} provinces: ` +
          failures.map((f) => f.provinceId).join(', '),
      );
    return { date, tenants };
  };
}

let handle: SnapshotHandler | undefined;

export async function handler(): Promise<SnapshotResult> {
  if (!handle) {
    const env = readEnv();
    const client = createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION });
    handle = createSnapshotHandler(new Table(client, env.TABLE_NAME));
  }
  return handle();
}
