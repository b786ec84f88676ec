/**
 * Past figures cannot be overwritten silently: a snapshot once taken is refused a second time
 * (even by two takers at once), a correction is an audited revision with a reason that the Front
 * sees as such, in JSON and in the .xlsx, and days before the province was onboarded are refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/domain/audit.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import type { Overview } from '../../shared/figures/reading/schemas.ts';
import { FiguresRepository } from '../../shared/store/repositories/figures.ts';
import { auditOf, createTestApp, expectProblem, getJson, jsonOf, type TestApp } from '../setup/test-app.ts';
import { FIGURES_CLOCK, figuresProvince, members, writeAggregates } from './figures-fixtures.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const token = (username: string) => tokens[username] ?? '';

/** A month end after the fixture's onboarding (1 July 2025), long past. */
const DAY = '2025-11-30';
const AS_OF = '2025-12-15';

const figures = (tenant: string) => new FiguresRepository(t.deps.table.forTenant(toTenantId(tenant)));
const takeSnapshot = (username: string, body: unknown) =>
  t.request('/api/v1/admin/snapshots', { method: 'POST', token: token(username), json: body });
const revise = (username: string, date: string, body: unknown) =>
  t.request(`/api/v1/admin/snapshots/${date}/revisions`, {
    method: 'POST',
    token: token(username),
    json: body,
  });
const overview = (asOf: string) =>
  getJson<Overview>(t, `/api/v1/front/overview?unitId=82&asOf=${asOf}`, token('rv.front'));
const womenOf = (o: Overview) => o.organizations.find((x) => x.organization === 'women');
const womenSource = (o: Overview) => o.sources.find((s) => s.tenant === 'women');

beforeAll(async () => {
  t = await createTestApp({ clock: FIGURES_CLOCK.clock });
  await figuresProvince(t, 'rv');
  await writeAggregates(t, 'rv:women', { '28261-01': members({ active: 9 }) });
  for (const username of ['root.operator', 'rv.women', 'rv.youth', 'rv.veterans', 'rv.front'])
    tokens[username] = (await t.signIn(username)).access_token;
  expect((await takeSnapshot('rv.women', { date: DAY })).status).toBe(200);
});

describe('a snapshot once taken', () => {
  it('is refused a second time with 409, and the Front still reads what was taken', async () => {
    // Prepare: three women admitted since the month end.
    await writeAggregates(t, 'rv:women', { '28261-01': members({ active: 12 }) });

    // Act
    const again = await takeSnapshot('rv.women', { date: DAY });
    const province = await takeSnapshot('root.operator', { date: DAY, provinceId: 'rv' });

    // Assess: both refused; the operator's province-wide take wrote nothing for the other tenants either.
    await expectProblem(again, 409, 'SNAPSHOT_EXISTS');
    await expectProblem(province, 409, 'SNAPSHOT_EXISTS');
    const o = await overview(AS_OF);
    expect(womenOf(o)?.members.total).toBe(9);
    expect(womenSource(o)).toMatchObject({ snapshot: DAY, revised: false, revisions: [] });
    expect(o.sources.filter((s) => s.tenant !== 'women').every((s) => !s.available)).toBe(true);
  });

  it('is taken by exactly one of two takers at once', async () => {
    // Act
    const responses = await Promise.all([
      takeSnapshot('rv.youth', { date: '2025-10-31' }),
      takeSnapshot('rv.youth', { date: '2025-10-31' }),
      takeSnapshot('rv.youth', { date: '2025-10-31' }),
    ]);

    // Assess
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const record = await figures('rv:youth').snapshot('2025-10-31');
    expect(record?.revisions).toHaveLength(1);
  });
});

describe('a revision', () => {
  const REASON = 'Nhập bổ sung 3 hội viên kết nạp ngày 28/11 bị sót';

  it('changes what the Front reads for the day, marked revised with its reason, and keeps the first', async () => {
    // Prepare
    const taken = await figures('rv:women').snapshot(DAY);

    // Act
    const response = await revise('rv.women', DAY, { reason: REASON });

    // Assess
    const revision = await jsonOf<{ revision: number; revisedAt: string }>(response, 201);
    expect(revision).toMatchObject({ date: DAY, revision: 2, reason: REASON });
    const o = await overview(AS_OF);
    expect(womenOf(o)?.members.total).toBe(12);
    expect(womenSource(o)).toEqual(
      expect.objectContaining({
        snapshot: DAY,
        revised: true,
        revisions: [{ revision: 2, revisedAt: revision.revisedAt, reason: REASON }],
      }),
    );
    expect(o.sources.filter((s) => s.tenant !== 'women').every((s) => !s.revised)).toBe(true);
    // The copy revision 1 read is still there, unchanged.
    const first = taken?.revisions[0]?.copy ?? 'none';
    expect((await figures('rv:women').aggregates(['82'], first)).get('82')?.members_active).toBe(9);
  });

  it('is written in the audit with who, when, why and its number, after the take', async () => {
    // Act
    const records = await auditOf(t, token('rv.women'), `snapshots/${DAY}`);

    // Assess
    expect(records.map((r: AuditRecord) => [r.action, r.actor.username, r.entityType])).toEqual([
      ['revise', 'rv.women', 'snapshot'],
      ['create', 'rv.women', 'snapshot'],
    ]);
    expect(records[0]).toMatchObject({
      before: { revision: 1, reason: null },
      after: { revision: 2, reason: REASON },
    });
    expect(Date.parse(records[0]?.at ?? '')).toBeGreaterThan(Date.parse(records[1]?.at ?? ''));
  });

  it('is noted in the Front’s .xlsx as revised figures, with the reason', async () => {
    // Act
    const response = await t.request(`/api/v1/front/overview.xlsx?unitId=82&asOf=${AS_OF}`, {
      token: token('rv.front'),
    });

    // Assess
    expect(response.status).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const texts: string[] = [];
    workbook.getWorksheet('Tổng hợp')?.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') texts.push(cell.value);
      });
    });
    expect(texts.filter((text) => text.includes('số liệu điều chỉnh'))).toEqual([
      expect.stringMatching(
        /^Hội Liên hiệp Phụ nữ: số liệu điều chỉnh .*30\/11\/2025.* lần 2 .*Nhập bổ sung 3 hội viên/,
      ),
    ]);
  });

  it('made by two admins at once is made once: the later one is refused', async () => {
    // Act
    const responses = await Promise.all([
      revise('rv.women', DAY, { reason: 'Lần một' }),
      revise('rv.women', DAY, { reason: 'Lần hai' }),
    ]);

    // Assess
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await figures('rv:women').snapshot(DAY))?.revision).toBe(3);
  });

  it('needs a reason of 1–500 characters, a snapshot to correct, and the organization’s admin', async () => {
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }])
      await expectProblem(await revise('rv.women', DAY, body), 400, 'VALIDATION_FAILED');
    await expectProblem(await revise('rv.women', '2025-09-30', { reason: 'x' }), 404, 'SNAPSHOT_NOT_FOUND');
    for (const username of ['rv.front', 'root.operator'])
      await expectProblem(await revise(username, DAY, { reason: 'x' }), 403, 'FORBIDDEN');
    // Another organization's admin revises only their own organization, which has no snapshot of the day.
    await expectProblem(await revise('rv.veterans', DAY, { reason: 'x' }), 404, 'SNAPSHOT_NOT_FOUND');
    expect((await figures('rv:women').snapshot(DAY))?.revision).toBe(3);
  });
});

describe('days before the province was onboarded', () => {
  it('are refused with 400, and nothing is written', async () => {
    // Act
    const long = await takeSnapshot('rv.veterans', { date: '2020-12-31' });
    const eve = await takeSnapshot('rv.veterans', { date: '2025-06-30' });
    const province = await takeSnapshot('root.operator', { date: '2025-06-30', provinceId: 'rv' });

    // Assess
    await expectProblem(long, 400, 'DATE_BEFORE_ONBOARDING');
    const problem = await expectProblem(eve, 400, 'DATE_BEFORE_ONBOARDING');
    expect(problem.detail).toContain('01/07/2025');
    await expectProblem(province, 400, 'DATE_BEFORE_ONBOARDING');
    expect(await figures('rv:veterans').latestSnapshotOnOrBefore('2025-06-30')).toBeNull();
    expect(await auditOf(t, token('rv.veterans'), 'snapshots/2025-06-30')).toEqual([]);
    expect(await auditOf(t, token('rv.veterans'), 'snapshots/2020-12-31')).toEqual([]);
  });

  it('start with the day of onboarding itself', async () => {
    expect((await takeSnapshot('rv.veterans', { date: '2025-07-01' })).status).toBe(200);
  });
});
