/**
 * Snapshots: at month end and year end every aggregate item of a tenant is copied to
 * `AGG#<unitId>` / `SNAPSHOT#<yyyy-mm-dd>`, so figures for a past day (`asOf`) and comparisons
 * between days read a fixed copy rather than replaying history.
 *
 * The tree is walked by Query (children of each unit above hamlet level, closed units
 * included: a unit closed since still has its history to keep), never by Scan. Copying is not
 * one atomic instant across the tree; taken after midnight at month end, when nobody works, the
 * difference is nil. The snapshot counts only once its register item is written, after every
 * copy, so a run that crashed is invisible and simply runs again.
 */

import { vietnamToday } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { toTenantId } from '../../domain/tenant-id.ts';
import { FiguresRepository } from '../../store/repositories/figures.ts';
import { ProvinceRepository } from '../../store/repositories/provinces.ts';
import { UnitRepository } from '../../store/repositories/units.ts';
import type { Table, TenantTable } from '../../store/table.ts';
import type { SnapshotResult } from './schemas.ts';

export interface SnapshotSource {
  readonly units: UnitRepository;
  readonly figures: FiguresRepository;
}

export async function takeSnapshot(source: SnapshotSource, date: string, now: Date) {
  if (date > vietnamToday(now))
    throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'body.date', code: 'out_of_range' }]);
  const units = await source.units.all();
  const copied = await source.figures.copyToSnapshot(
    units.map((u) => u.id),
    date,
  );
  await source.figures.recordSnapshot({ date, takenAt: now.toISOString(), units: units.length, copied });
  return { units: units.length, copied };
}

/** The last day of the month before `today`: what the month-end job snapshots after midnight. */
export function previousMonthEnd(today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
}

function sourceOf(table: TenantTable): SnapshotSource {
  return { units: new UnitRepository(table), figures: new FiguresRepository(table) };
}

/** Snapshots these tenants, one after the other, and says what each copied. */
export async function snapshotTenants(
  table: Table,
  tenants: readonly string[],
  date: string,
  now: Date,
): Promise<SnapshotResult> {
  const results: SnapshotResult['tenants'] = [];
  for (const tenantId of tenants)
    results.push({
      tenantId,
      ...(await takeSnapshot(sourceOf(table.forTenant(toTenantId(tenantId))), date, now)),
    });
  return { date, tenants: results };
}

/** Every tenant of a province: its four organizations and its Front (whose items count distinct people). */
export async function snapshotProvince(table: Table, provinceId: string, date: string, now: Date) {
  const province = await new ProvinceRepository(table).get(provinceId);
  if (!province) throw new DomainError('PROVINCE_NOT_FOUND', { id: provinceId });
  return snapshotTenants(
    table,
    province.tenants.map((t) => t.tenantId),
    date,
    now,
  );
}
