/**
 * Snapshots: at month end and year end every aggregate item of a tenant is copied for the day,
 * so figures for a past day (`asOf`) and comparisons between days read a fixed copy rather than
 * replaying history.
 *
 * A snapshot once taken is never overwritten: taking one for a day that has one is refused
 * (`SNAPSHOT_EXISTS`), by the register's conditional write, so two takers at once cannot both
 * win; a correction is a revision (snapshot-revisions.ts). The schedule and `npm run snapshot`
 * take with `ifTaken: 'keep'`: a day already taken counts as done, so re-running them is safe.
 * Days before the province came on the platform, and days to come, have no figures to take.
 *
 * The tree is walked by Query (children of each unit above hamlet level, closed units
 * included: a unit closed since still has its history to keep), never by Scan. Copying is not
 * one atomic instant across the tree; taken after midnight at month end, when nobody works, the
 * difference is nil. The snapshot counts only once its register item is written, after every
 * copy, so a run that crashed is invisible and simply runs again.
 */

import { requireRole } from '../../domain/access/tree-access.ts';
import { auditRecordOf, type ChangeContext } from '../../domain/audit.ts';
import { vietnamToday } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { organizationOf } from '../../domain/organizations.ts';
import type { Province } from '../../domain/provinces.ts';
import { provinceOf, type TenantId, toTenantId } from '../../domain/tenant-id.ts';
import { AuditRepository } from '../../store/repositories/audit.ts';
import { FiguresRepository } from '../../store/repositories/figures.ts';
import { ProvinceRepository } from '../../store/repositories/provinces.ts';
import { UnitRepository } from '../../store/repositories/units.ts';
import type { Table } from '../../store/table.ts';
import type { SnapshotRequest, SnapshotResult, TenantSnapshot } from './schemas.ts';
import { type SnapshotRecord, snapshotEntityId } from './snapshot-record.ts';

export interface SnapshotSource {
  readonly units: UnitRepository;
  readonly figures: FiguresRepository;
  readonly audit: AuditRepository;
}

export interface TakeOptions {
  /** 'refuse': a day already taken is a SNAPSHOT_EXISTS error; 'keep': it is reported as it stands. */
  readonly ifTaken: 'refuse' | 'keep';
  /** The person taking it, when one does (the API): the take is audited in the same transaction. */
  readonly by?: ChangeContext;
}

export function snapshotSourceOf(table: Table, tenant: TenantId): SnapshotSource {
  const tenantTable = table.forTenant(tenant);
  return {
    units: new UnitRepository(tenantTable),
    figures: new FiguresRepository(tenantTable),
    audit: new AuditRepository(tenantTable),
  };
}

/** The first day a province's tenants have figures for: the day, in Vietnam, it was onboarded. */
export function onboardingDay(province: Province): string {
  return vietnamToday(new Date(province.createdAt));
}

function requireSnapshotDate(date: string, province: Province, now: Date): void {
  if (date > vietnamToday(now))
    throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'body.date', code: 'out_of_range' }]);
  const onboarded = onboardingDay(province);
  if (date < onboarded) throw new DomainError('DATE_BEFORE_ONBOARDING', { date, onboarded });
}

function existing(record: SnapshotRecord, options: TakeOptions): TenantSnapshot {
  if (options.ifTaken === 'refuse')
    throw new DomainError('SNAPSHOT_EXISTS', { date: record.date, revision: String(record.revision) });
  const first = record.revisions[0];
  return { status: 'existing', units: first?.units ?? 0, copied: first?.copied ?? 0 };
}

/** Takes revision 1 of the day's snapshot of one tenant (the date already checked). */
async function takeSnapshot(
  source: SnapshotSource,
  date: string,
  now: Date,
  options: TakeOptions,
): Promise<TenantSnapshot> {
  const before = await source.figures.snapshot(date);
  if (before) return existing(before, options);
  const units = await source.units.all();
  const { copy, copied } = await source.figures.copyToSnapshot(
    units.map((u) => u.id),
    date,
    1,
  );
  const taken = { revision: 1, units: units.length, copied };
  const record: SnapshotRecord = {
    date,
    revision: 1,
    revisions: [
      {
        ...taken,
        copy,
        takenAt: now.toISOString(),
        reason: null,
        by: options.by?.principal.username ?? null,
      },
    ],
  };
  const tx = source.figures.transaction();
  source.figures.recordSnapshot(tx, undefined, record);
  if (options.by)
    source.audit.record(
      tx,
      auditRecordOf(options.by, {
        entityType: 'snapshot',
        action: 'create',
        entityId: snapshotEntityId(date),
        before: null,
        after: taken,
      }),
    );
  try {
    await tx.commit();
  } catch (error) {
    // Another taker wrote the register between our read and our write; its copy is the one read.
    const winner = error instanceof DomainError && error.code === 'SNAPSHOT_EXISTS';
    if (!winner || options.ifTaken === 'refuse') throw error;
    return existing((await source.figures.snapshot(date)) as SnapshotRecord, options);
  }
  return { status: 'taken', units: units.length, copied };
}

/**
 * Snapshots these tenants of a province, one after the other, and says what each copied. When
 * refusing a day already taken, every tenant is checked first, so a refusal writes nothing.
 */
async function snapshotTenants(
  table: Table,
  province: Province,
  tenants: readonly TenantId[],
  date: string,
  now: Date,
  options: TakeOptions,
): Promise<SnapshotResult> {
  requireSnapshotDate(date, province, now);
  const sources = tenants.map((tenantId) => ({ tenantId, source: snapshotSourceOf(table, tenantId) }));
  if (options.ifTaken === 'refuse')
    for (const { source } of sources) {
      const before = await source.figures.snapshot(date);
      if (before) existing(before, options);
    }
  const results: SnapshotResult['tenants'] = [];
  for (const { tenantId, source } of sources)
    results.push({ tenantId, ...(await takeSnapshot(source, date, now, options)) });
  return { date, tenants: results };
}

async function requireProvince(table: Table, provinceId: string): Promise<Province> {
  const province = await new ProvinceRepository(table).get(provinceId);
  if (!province) throw new DomainError('PROVINCE_NOT_FOUND', { id: provinceId });
  return province;
}

/** Every tenant of a province: its four organizations and its Front (whose items count distinct people). */
export async function snapshotProvince(
  table: Table,
  provinceId: string,
  date: string,
  now: Date,
  options: TakeOptions,
): Promise<SnapshotResult> {
  const province = await requireProvince(table, provinceId);
  const tenants = province.tenants.map((t) => toTenantId(t.tenantId));
  return snapshotTenants(table, province, tenants, date, now, options);
}

/**
 * POST /api/v1/admin/snapshots: an organization admin snapshots their own organization, a
 * platform operator every tenant of the province named. Both are audited, and refused for a day
 * already taken.
 */
export async function requestSnapshot(
  table: Table,
  tenant: TenantId,
  ctx: ChangeContext,
  request: SnapshotRequest,
): Promise<SnapshotResult> {
  requireRole(ctx.principal, 'org_admin', 'platform_admin');
  const date = request.date ?? vietnamToday(ctx.now);
  const options: TakeOptions = { ifTaken: 'refuse', by: ctx };
  if (ctx.principal.role === 'platform_admin') {
    if (!request.provinceId)
      throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'body.provinceId', code: 'invalid_type' }]);
    return snapshotProvince(table, request.provinceId, date, ctx.now, options);
  }
  if (!organizationOf(tenant)) throw new DomainError('FORBIDDEN');
  const province = await requireProvince(table, provinceOf(tenant));
  return snapshotTenants(table, province, [tenant], date, ctx.now, options);
}

/** The last day of the month before `today`: what the month-end job snapshots after midnight. */
export function previousMonthEnd(today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
}
