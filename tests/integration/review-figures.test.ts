/**
 * The review of members as figures, end to end: branches' reviews confirmed and declared done
 * through the API reach an organization's figures, the Front's overview and comparison, the
 * .xlsx and the pages through the stream function — branches started and done, members reviewed
 * by what was found, beside the previous year's review — small counts of people hidden in
 * hamlets, branches never, and the stored counters equal to a recount.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { readUnitCounts } from '../../shared/figures/counters.ts';
import type { Comparison, FrontRow, Overview, Review, Stats } from '../../shared/figures/reading/schemas.ts';
import { AggregateRepository } from '../../shared/store/repositories/aggregates.ts';
import { eventually, WAITS } from '../setup/eventually.ts';
import { admission, admitOk, postJson } from '../setup/members.ts';
import type { PageClient } from '../setup/page-client.ts';
import {
  createOfficer,
  createTestApp,
  getJson,
  seedBranches,
  startStreamPollerFor,
  type TestApp,
  testBranch,
} from '../setup/test-app.ts';
import { rowsOf, sheetOf as sheetOfWorkbook } from '../setup/workbooks.ts';
import { FIGURES_CLOCK, figuresProvince, TODAY, YEAR } from './figures-fixtures.ts';
import { html, rowCells, signedIn } from './figures-pages.ts';

const LAST = YEAR - 1;
const YEAR_END = `${LAST}-12-31`;

let t: TestApp;
let poller: StreamPoller;
const tokens: Record<string, string> = {};
const token = (username: string) => tokens[username] ?? '';
const ADMIN = 'rv.farmers';

const stats = (unitId: string, username: string) =>
  getJson<Stats>(t, `/api/v1/stats?unitId=${unitId}`, token(username));
const overview = (unitId: string) =>
  getJson<Overview>(t, `/api/v1/front/overview?unitId=${unitId}`, token('rv.front'));
const org = (row: FrontRow, organization: string) =>
  row.organizations.find((o) => o.organization === organization);
const child = <T extends { unitId: string }>(rows: readonly T[], unitId: string) =>
  rows.find((r) => r.unitId === unitId) as T;

/** A branch's review of a year: members confirmed or changed, then perhaps declared done. */
async function review(
  branchId: string,
  year: number,
  body: { confirm?: unknown[]; confirmRest?: boolean },
  done = false,
): Promise<void> {
  const path = `/api/v1/branches/${branchId}/review/${year}`;
  const ok = async (response: Response) => {
    if (response.status !== 200)
      throw new Error(`review failed: ${response.status} ${await response.text()}`);
  };
  await ok(await t.request(path, { method: 'POST', token: token(ADMIN), json: body }));
  if (done) await ok(await t.request(`${path}/done`, { method: 'POST', token: token(ADMIN), json: {} }));
}

/** Branches, done, members, reviewed, present, away, lapsed, left. */
type Eight = [number, number, number, number, number, number, number, number];
const yearOf = (year: number, [branches, done, members, reviewed, active, away, lapsed, left]: Eight) => ({
  year,
  branches,
  done,
  members,
  reviewed,
  active,
  away,
  lapsed,
  left,
});
const reviewed = (counts: Eight, previous: Eight | null, year = YEAR): Review => ({
  ...yearOf(year, counts),
  previousYear: previous && yearOf(year - 1, previous),
});

const THIS_YEAR: Eight = [2, 1, 7, 6, 4, 1, 1, 1];
const LAST_YEAR: Eight = [1, 1, 6, 6, 6, 0, 0, 0];

beforeAll(async () => {
  t = await createTestApp({ clock: FIGURES_CLOCK.clock });
  await figuresProvince(t, 'rv');
  await seedBranches(t, 'rv:farmers', [
    testBranch('b-28261-01', '28261-01', 'Chi hội Khóm 1'),
    testBranch('b-28261-02', '28261-02', 'Chi hội Khóm 2'),
    testBranch('b-28249-01', '28249-01', 'Chi hội Ấp Bình Tạo'),
  ]);
  await createOfficer(t, { username: 'rv.viewer', tenantId: 'rv:farmers', role: 'viewer', scope: null });
  for (const username of ['root.operator', ADMIN, 'rv.front', 'rv.viewer'])
    tokens[username] = (await t.signIn(username)).access_token;
  poller = await startStreamPollerFor(t);

  const admit = async (fullName: string, branchId: string) =>
    (await admitOk(t, token(ADMIN), admission({ fullName, branchId }))).id;
  const khom1: string[] = [];
  for (let n = 1; n <= 6; n++) khom1.push(await admit(`Nguyễn Văn Rà ${n}`, 'b-28261-01'));
  const [m1, m2, m3] = khom1;
  const w1 = await admit('Trần Văn Soát', 'b-28261-02');
  await admit('Trần Văn Hai', 'b-28261-02');
  await admit('Lê Văn Tám', 'b-28249-01');

  for (const year of [LAST, YEAR]) {
    const opened = await postJson(t, token(ADMIN), '/api/v1/reviews', { year, deadline: TODAY });
    if (opened.status !== 201) throw new Error(`campaign failed: ${opened.status} ${await opened.text()}`);
  }
  // Last year: Khóm 1's six, all present, done.
  await review('b-28261-01', LAST, { confirmRest: true }, true);
  // This year: one gone away, one lapsed, one removed, the rest present, done; Khóm 2 half-way.
  await review(
    'b-28261-01',
    YEAR,
    {
      confirm: [
        { memberId: m1, status: 'away', awayPlace: 'Bình Dương', reason: 'Đi làm ăn xa' },
        { memberId: m2, status: 'lapsed', reason: 'Không sinh hoạt' },
        { memberId: m3, status: 'removed', reason: 'Xóa tên theo nghị quyết chi hội' },
      ],
      confirmRest: true,
    },
    true,
  );
  await review('b-28261-02', YEAR, { confirm: [{ memberId: w1, status: 'active' }] });
}, 120_000);

afterAll(async () => {
  await poller?.stop();
});

/** Waits for the stream to have counted every review above. */
async function settled(): Promise<void> {
  await eventually(
    () => overview('82'),
    (o) => o.total.review.reviewed === 6 && o.total.review.previousYear?.reviewed === 6,
  );
  await poller.idle();
}

describe('an organization’s figures', () => {
  it('add up the year’s branch reviews beside the previous year’s', WAITS, async () => {
    await settled();

    const province = await stats('82', ADMIN);
    expect(province.review).toEqual(reviewed(THIS_YEAR, LAST_YEAR));
    expect(child(province.children, '28249').review).toEqual(reviewed([0, 0, 0, 0, 0, 0, 0, 0], null));
    const commune = await stats('28261', ADMIN);
    expect(child(commune.children, '28261-02').review).toEqual(reviewed([1, 0, 2, 1, 1, 0, 0, 0], null));
  });

  it('hide a hamlet’s few people from a viewer, not its branches', WAITS, async () => {
    await settled();

    const commune = await stats('28261', 'rv.viewer');
    expect(commune.review).toEqual(reviewed(THIS_YEAR, LAST_YEAR));
    const khom2 = child(commune.children, '28261-02');
    expect(khom2.suppressed).toBe(true);
    expect(khom2.review).toMatchObject({ branches: 1, done: 0, reviewed: null, active: null });
    // Khóm 1's one away is hidden, and what would give it back with it.
    const khom1 = child(commune.children, '28261-01').review;
    expect([khom1.away, khom1.lapsed, khom1.left]).toEqual([null, null, null]);
    expect(khom1.reviewed === null || khom1.active === null).toBe(true);
  });
});

describe('the Front’s figures', () => {
  it('give each organization’s review and their total, counts only', WAITS, async () => {
    await settled();

    const o = await overview('82');
    expect(org(o, 'farmers')?.review).toEqual(reviewed(THIS_YEAR, LAST_YEAR));
    expect(org(o, 'women')?.review).toEqual(reviewed([0, 0, 0, 0, 0, 0, 0, 0], null));
    expect(o.total.review).toEqual(reviewed(THIS_YEAR, LAST_YEAR));
    expect(JSON.stringify(o)).not.toContain('Nguyễn Văn Rà');
  });

  it('hide small counts in hamlets, and whatever would give them back', WAITS, async () => {
    await settled();

    const khom2 = child((await overview('28261')).children, '28261-02');
    expect(org(khom2, 'farmers')?.review).toMatchObject({ branches: 1, reviewed: null, active: null });
    expect(khom2.total.review).toMatchObject({ branches: 1, reviewed: null, active: null });
  });

  it('compare with last year’s end: each side its year’s review, and the change', WAITS, async () => {
    await settled();
    const snapshot = await postJson(t, token('root.operator'), '/api/v1/admin/snapshots', {
      date: YEAR_END,
      provinceId: 'rv',
    });
    expect([200, 201]).toContain(snapshot.status);

    const c = await getJson<Comparison>(
      t,
      `/api/v1/front/compare?unitId=82&from=${YEAR_END}&to=${TODAY}`,
      token('rv.front'),
    );
    expect(c.total.fromFigures.review).toEqual(reviewed(LAST_YEAR, null, LAST));
    expect(c.total.toFigures.review).toEqual(reviewed(THIS_YEAR, LAST_YEAR));
    expect(c.total.change.review).toEqual({
      branches: 1,
      done: 0,
      members: 1,
      reviewed: 0,
      active: -2,
      away: 1,
      lapsed: 1,
      left: 1,
    });
    const sheet = await sheetOf(
      `/api/v1/front/compare.xlsx?unitId=82&from=${YEAR_END}&to=${TODAY}`,
      'Rà soát đoàn viên, hội viên',
    );
    // Farmers: branches then, now and the change.
    expect([3, 4, 5].map((n) => rowsOf(sheet).get('Tỉnh rv')?.getCell(n).value)).toEqual([1, 2, 1]);
  });
});

const sheetOf = (path: string, name: string) => sheetOfWorkbook(t, token('rv.front'), path, name);

describe('the overview’s .xlsx', () => {
  it('has a sheet of the review, the organizations as columns', WAITS, async () => {
    await settled();

    const sheet = await sheetOf('/api/v1/front/overview.xlsx?unitId=82', 'Rà soát đoàn viên, hội viên');
    expect(sheet.getRow(4).getCell(3).value).toBe('Hội Nông dân');
    expect(sheet.getRow(5).getCell(6).value).toBe('Đã rà soát');
    const province = rowsOf(sheet).get('Tỉnh rv');
    expect(Array.from({ length: 9 }, (_, i) => province?.getCell(3 + i).value)).toEqual([...THIS_YEAR, 6]);
  });

  it('marks a hamlet’s hidden counts', WAITS, async () => {
    await settled();

    const rows = rowsOf(
      await sheetOf('/api/v1/front/overview.xlsx?unitId=28261', 'Rà soát đoàn viên, hội viên'),
    );
    // Khóm 2's farmers: branches shown, those reviewed hidden.
    expect([3, 6].map((n) => rows.get('Khóm 2')?.getCell(n).value)).toEqual([1, '*']);
  });
});

describe('a recount', () => {
  it('finds the stored counters of both years equal to the branches’ reviews', WAITS, async () => {
    await settled();

    const response = await postJson(t, token(ADMIN), '/api/v1/admin/recount', {});
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ differences: [], branchReviews: 3, applied: false });
    const province = readUnitCounts(
      await new AggregateRepository(t.deps.table.forTenant(toTenantId('rv:farmers'))).get('82'),
    );
    expect(province.reviews.branches).toEqual({ [LAST]: 1, [YEAR]: 2 });
    expect(province.reviews.away).toEqual({ [YEAR]: 1 });
  });
});

describe('the pages', () => {
  let front: PageClient;
  let farmers: PageClient;

  beforeAll(async () => {
    await settled();
    front = await signedIn(t, 'rv.front');
    farmers = await signedIn(t, ADMIN);
  }, 120_000);

  it('show the Front each organization’s review of the year beside their total', async () => {
    const page = await html(await front.get('/front'));
    const caption = 'Rà soát, phân loại đoàn viên, hội viên của bốn đoàn thể';
    expect(page).toContain(`Hội viên đã rà soát năm ${YEAR}`);
    expect(rowCells(page, caption, 'Hội Nông dân')).toEqual(['2', '1', '6', '4', '1', '1', '1', '6']);
  });

  it('show an organization its unit’s review and its home page’s progress', async () => {
    const unit = await html(await farmers.get('/units/82'));
    expect(unit).toContain(`Rà soát, phân loại hội viên năm ${YEAR}`);
    expect(unit).toMatch(/Chi hội hoàn thành rà soát<\/span><span class="value">1</);
    expect(unit).toMatch(/Hội viên đã rà soát năm trước<\/span><span class="value">6</);
    const home = await html(await farmers.get('/home'));
    expect(home).toMatch(new RegExp(`Hội viên đã rà soát năm ${YEAR}</span><span class="value">6<`));
  });
});
