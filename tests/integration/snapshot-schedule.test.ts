/**
 * The month-end snapshot function as the schedule runs it: at 17:30 UTC on the last day of a
 * month (00:30 on the 1st in Vietnam) it snapshots every tenant of every province of the registry
 * as of the day that just ended, keeps going past a province that fails, and fails the run; run
 * again, it keeps what it took.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSnapshotHandler } from '../../functions/snapshot/handler.ts';
import { logger } from '../../shared/config/logger.ts';
import { onboardProvince } from '../../shared/domain/onboard-province.ts';
import { TENANT_KINDS, tenantIdOf } from '../../shared/domain/organizations.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { latestRevision } from '../../shared/figures/reading/snapshot-record.ts';
import { createDocumentClient } from '../../shared/store/dynamodb-client.ts';
import { FiguresRepository } from '../../shared/store/repositories/figures.ts';
import { ProvinceRepository } from '../../shared/store/repositories/provinces.ts';
import { Table } from '../../shared/store/table.ts';
import { createTestApp, PASSWORD, type TestApp } from '../setup/test-app.ts';
import { figuresProvince, writeAggregates } from './figures-fixtures.ts';

const PROVINCES = ['alpha', 'beta'] as const;
const UNITS = ['82', '28261', '28249', '28261-01', '28261-02', '28249-01'];
const tenantsOf = (provinceId: string) => TENANT_KINDS.map((kind) => tenantIdOf(provinceId, kind));
const ALL_TENANTS = PROVINCES.flatMap(tenantsOf);

let t: TestApp;
const figures = (tenant: string) => new FiguresRepository(t.deps.table.forTenant(toTenantId(tenant)));
const runAt = (instant: string, table = t.deps.table) =>
  createSnapshotHandler(table, () => new Date(instant))();

/**
 * Active members per hamlet (the Front's distinct people are kept per hamlet of the map too),
 * distinct per tenant so that a copy into the wrong tenant shows.
 */
async function writeFigures(provinceId: string, base: number): Promise<void> {
  for (const [n, tenant] of tenantsOf(provinceId).entries()) {
    const active = base + n;
    await writeAggregates(t, tenant, {
      '28261-01': { members_active: active },
      '28261-02': { members_active: 2 * active },
      '28249-01': { members_active: 3 * active },
    });
  }
}

/** The day a tenant's figures answer for, on or before `date`: its latest snapshot's. */
const snapshotOnOrBefore = async (tenant: string, date: string) =>
  (await figures(tenant).latestSnapshotOnOrBefore(date))?.date ?? null;

/** Active members per unit as of the day's snapshot (`null`: the current figures). */
async function activeMembers(tenant: string, date: string | null) {
  const record = date === null ? undefined : await figures(tenant).snapshot(date);
  const aggregates = await figures(tenant).aggregates(UNITS, record ? latestRevision(record).copy : null);
  return Object.fromEntries([...aggregates].map(([unitId, item]) => [unitId, item.members_active]));
}

beforeAll(async () => {
  t = await createTestApp();
  for (const id of PROVINCES) await figuresProvince(t, id);
  await writeFigures('alpha', 10);
  await writeFigures('beta', 100);
});

afterEach(() => vi.restoreAllMocks());

describe('the registry of provinces', () => {
  it('lists every onboarded province, with its code and name, in id order', async () => {
    // Act
    const listed = await new ProvinceRepository(t.deps.table).list();

    // Assess
    expect(listed).toEqual([
      { id: 'alpha', code: '82', name: 'Tỉnh alpha' },
      { id: 'beta', code: '82', name: 'Tỉnh beta' },
    ]);
  });

  it('lists no province whose onboarding was refused: the entry is written in the same transaction', async () => {
    // Prepare: a first admin whose username alpha's farmers' union already holds.
    const admin = (username: string) => ({ username, password: PASSWORD, displayName: username });
    const input = {
      id: 'gamma',
      code: '83',
      name: 'Tỉnh gamma',
      validFrom: '2025-07-01',
      communes: [{ code: '28300', name: 'Xã Một', type: 'xa' as const }],
      admins: {
        farmers: admin('alpha.farmers'),
        women: admin('gamma.women'),
        veterans: admin('gamma.veterans'),
        youth: admin('gamma.youth'),
        front: admin('gamma.front'),
      },
    };

    // Act
    const refused = onboardProvince(new ProvinceRepository(t.deps.table), input);

    // Assess
    await expect(refused).rejects.toMatchObject({ code: 'USERNAME_TAKEN' });
    expect((await new ProvinceRepository(t.deps.table).list()).map((p) => p.id)).toEqual(['alpha', 'beta']);
  });
});

// Ten tenants a run: seconds alone, more on a loaded machine.
describe('the month-end snapshot function', { timeout: 60_000 }, () => {
  it('snapshots every tenant of every province as of the last day of the month just ended', async () => {
    // Prepare
    const info = vi.spyOn(logger, 'info');

    // Act
    const result = await runAt('2026-11-30T17:30:00Z');

    // Assess
    expect(result.date).toBe('2026-11-30');
    expect(result.tenants.map((r) => r.tenantId)).toEqual(ALL_TENANTS);
    for (const tenant of ALL_TENANTS) {
      expect(await snapshotOnOrBefore(tenant, '2026-11-30')).toBe('2026-11-30');
      expect(await activeMembers(tenant, '2026-11-30')).toEqual(await activeMembers(tenant, null));
    }
    expect(await activeMembers('beta:women', '2026-11-30')).toEqual({
      '82': 606,
      '28261': 303,
      '28249': 303,
      '28261-01': 101,
      '28261-02': 202,
      '28249-01': 303,
    });
    // One log line per tenant, saying what it copied.
    const logged = info.mock.calls.filter(([message]) => message === 'snapshot taken');
    expect(logged.map(([, extra]) => extra)).toEqual(
      result.tenants.map((r) => ({ date: '2026-11-30', provinceId: r.tenantId.split(':')[0], ...r })),
    );
    // Every tenant walks the province's one map, whose fourth hamlet has no figures; the Front
    // copies its hamlets too.
    expect(Object.fromEntries(result.tenants.map((r) => [r.tenantId, [r.units, r.copied]]))).toMatchObject({
      'alpha:farmers': [7, 6],
      'alpha:women': [7, 6],
      'alpha:front': [7, 6],
    });
    expect(await activeMembers('alpha:front', '2026-11-30')).toMatchObject({
      '28261-01': 14,
      '28249-01': 42,
    });
  });

  it("takes the year-end snapshot in January's run, counting the day in Vietnam, not UTC", async () => {
    // Prepare: figures moved in December.
    await writeAggregates(t, 'alpha:farmers', { '28261-01': { members_active: 500 } });

    // Act: still 31 December in UTC, already 1 January in Vietnam.
    const result = await runAt('2026-12-31T17:30:00Z');

    // Assess
    expect(result.date).toBe('2026-12-31');
    for (const tenant of ALL_TENANTS)
      expect(await snapshotOnOrBefore(tenant, '2027-06-30')).toBe('2026-12-31');
    expect((await activeMembers('alpha:farmers', '2026-12-31'))['82']).toBe(500);
    expect((await activeMembers('alpha:farmers', '2026-11-30'))['82']).toBe(60);
  });

  it('may run again for a month already taken: every snapshot is kept as taken, none retaken', async () => {
    // Prepare: figures moved since the month end.
    const before = await activeMembers('beta:youth', '2026-11-30');
    const register = await figures('beta:youth').snapshot('2026-11-30');
    await writeAggregates(t, 'beta:youth', { '28261-01': { members_active: 999 } });

    // Act
    const again = await runAt('2026-12-01T09:00:00Z');

    // Assess
    expect(again.date).toBe('2026-11-30');
    expect(again.tenants.map((r) => [r.tenantId, r.status])).toEqual(
      ALL_TENANTS.map((tenant) => [tenant, 'existing']),
    );
    expect(again.tenants.find((r) => r.tenantId === 'alpha:women')).toMatchObject({ units: 7, copied: 6 });
    expect(await activeMembers('beta:youth', '2026-11-30')).toEqual(before);
    expect(await figures('beta:youth').snapshot('2026-11-30')).toEqual(register);
    expect(await snapshotOnOrBefore('beta:youth', '2026-12-30')).toBe('2026-11-30');
  });

  it('snapshots the other provinces when one fails, then fails the run; a retry completes it', async () => {
    // Prepare: alpha's copies are refused, as writes throttled past every SDK retry would be.
    const error = vi.spyOn(logger, 'error');
    const client = createDocumentClient({ endpoint: t.env.DYNAMODB_ENDPOINT, region: t.env.AWS_REGION });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'BatchWriteItemCommand' && JSON.stringify(args.input).includes('"alpha:'))
          throw Object.assign(new Error('Throughput exceeds the current capacity'), {
            name: 'ProvisionedThroughputExceededException',
          });
        return next(args);
      },
      { step: 'initialize', name: 'refuseAlphaCopies' },
    );
    const throttled = new Table(client, t.env.TABLE_NAME);

    // Act
    const failed = runAt('2027-01-31T17:30:00Z', throttled);

    // Assess: beta, listed after alpha, has its snapshot; alpha's half-done one is invisible.
    await expect(failed).rejects.toThrow(/^Snapshot of 2027-01-31 failed for 1 of 2 provinces: alpha$/);
    for (const tenant of tenantsOf('beta'))
      expect(await snapshotOnOrBefore(tenant, '2027-01-31')).toBe('2027-01-31');
    for (const tenant of tenantsOf('alpha'))
      expect(await snapshotOnOrBefore(tenant, '2027-01-31')).toBe('2026-12-31');
    expect(
      error.mock.calls.map(([message, extra]) => [message, (extra as { provinceId: string }).provinceId]),
    ).toEqual([['snapshot failed', 'alpha']]);

    // Act: Lambda's retry, the throttling over.
    const retried = await runAt('2027-01-31T17:31:00Z');

    // Assess: beta's snapshots are kept as the failed run took them, alpha's taken now.
    expect(retried.tenants.map((r) => [r.tenantId, r.status])).toEqual(
      ALL_TENANTS.map((tenant) => [tenant, tenant.startsWith('beta:') ? 'existing' : 'taken']),
    );
    for (const tenant of ALL_TENANTS)
      expect(await snapshotOnOrBefore(tenant, '2027-01-31')).toBe('2027-01-31');
  });

  it('skips a province onboarded after the day, without failing the run', async () => {
    // Prepare: delta comes on the platform on 1 March, after midnight, before a late re-run that day.
    const admin = (username: string) => ({ username, password: PASSWORD, displayName: username });
    await onboardProvince(
      new ProvinceRepository(t.deps.table),
      {
        id: 'delta',
        code: '84',
        name: 'Tỉnh delta',
        validFrom: '2025-07-01',
        communes: [{ code: '28400', name: 'Xã Một', type: 'xa' }],
        admins: {
          farmers: admin('delta.farmers'),
          women: admin('delta.women'),
          veterans: admin('delta.veterans'),
          youth: admin('delta.youth'),
          front: admin('delta.front'),
        },
      },
      new Date('2027-03-01T08:00:00+07:00'),
    );

    // Act: 16:00 on 1 March in Vietnam: the day to take is 28 February.
    const result = await runAt('2027-03-01T09:00:00Z');

    // Assess
    expect(result.date).toBe('2027-02-28');
    expect(result.tenants.map((r) => r.tenantId)).toEqual(ALL_TENANTS);
    for (const tenant of tenantsOf('delta'))
      expect(await snapshotOnOrBefore(tenant, '2027-12-31')).toBeNull();
  });
});
