/**
 * Members' yearly ratings as figures, end to end: members of two organizations rated through the
 * API reach an organization's figures, the Front's overview and comparison, snapshots, the .xlsx
 * and the pages through the stream function, counted for the year of the day asked about, with
 * each rating's share of those rated adding up to exactly 100.00, small counts hidden in hamlets —
 * and equal to a recount.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import type { MemberRatingLevel } from '../../shared/domain/members/member.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { readUnitCounts } from '../../shared/figures/counters.ts';
import type {
  Comparison,
  FrontRow,
  MemberRatings,
  Overview,
  Stats,
} from '../../shared/figures/reading/schemas.ts';
import { AggregateRepository } from '../../shared/store/repositories/aggregates.ts';
import { eventually, WAITS } from '../setup/eventually.ts';
import { admission, admitOk, changeStatusOk, postJson } from '../setup/members.ts';
import { type PageClient, pageClient } from '../setup/page-client.ts';
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

const LAST = YEAR - 1;
const YEAR_END = `${LAST}-12-31`;

let t: TestApp;
let poller: StreamPoller;
const tokens: Record<string, string> = {};
const token = (username: string) => tokens[username] ?? '';

/** Rates members of a branch for a year, as its meeting decided (PUT …/member-ratings/{year}). */
async function rate(
  username: string,
  branchId: string,
  year: number,
  ratings: { memberId: string; level: MemberRatingLevel }[],
): Promise<void> {
  const response = await t.request(`/api/v1/branches/${branchId}/member-ratings/${year}`, {
    method: 'PUT',
    token: token(username),
    json: { ratings },
  });
  // The sheet's answers are the ratings API's business (its own tests): here only that it was written.
  if (response.status !== 200) throw new Error(`rating failed: ${response.status} ${await response.text()}`);
}

const admitNamed = async (username: string, fullName: string, branchId: string) => {
  const gender = username === 'mr.women' ? 'female' : 'male';
  return (await admitOk(t, token(username), admission({ fullName, branchId, gender }))).id;
};

const stats = (unitId: string, username: string, asOf?: string) =>
  getJson<Stats>(t, `/api/v1/stats?unitId=${unitId}${asOf ? `&asOf=${asOf}` : ''}`, token(username));
const overview = (unitId: string) =>
  getJson<Overview>(t, `/api/v1/front/overview?unitId=${unitId}`, token('mr.front'));
const org = (row: FrontRow, organization: string) =>
  row.organizations.find((o) => o.organization === organization);
const child = <T extends { unitId: string }>(rows: readonly T[], unitId: string) =>
  rows.find((r) => r.unitId === unitId) as T;

type Four<T> = [T, T, T, T];
/** Excellent, good, fulfilled, not fulfilled: counts, and the shares expected of them. */
const ratings = (
  counts: Four<number | null>,
  percentages: Four<number | null>,
  year = YEAR,
): MemberRatings => {
  const byLevel = <T>([excellent, good, fulfilled, not_fulfilled]: Four<T>) => ({
    excellent,
    good,
    fulfilled,
    not_fulfilled,
  });
  const known = counts.every((c) => c !== null);
  return {
    year,
    counts: byLevel(counts),
    rated: known ? (counts as number[]).reduce((s, c) => s + c, 0) : null,
    percentages: byLevel(percentages),
  };
};
const NOBODY = ratings([0, 0, 0, 0], [0, 0, 0, 0]);
/** In hundredths, so that floating point does not blur "exactly 100.00". */
const hundredths = (r: MemberRatings) =>
  Object.values(r.percentages).reduce((s: number, p) => s + Math.round((p ?? 0) * 100), 0);

beforeAll(async () => {
  t = await createTestApp({ clock: FIGURES_CLOCK.clock });
  // Onboarded in 2025, so that last year's end may be snapshotted.
  await figuresProvince(t, 'mr');
  for (const tenant of ['mr:farmers', 'mr:women'])
    await seedBranches(t, tenant, [
      testBranch('b-28261-01', '28261-01', 'Chi hội Khóm 1'),
      testBranch('b-28261-02', '28261-02', 'Chi hội Khóm 2'),
      testBranch('b-28249-01', '28249-01', 'Chi hội Ấp Bình Tạo'),
    ]);
  await createOfficer(t, { username: 'mr.viewer', tenantId: 'mr:farmers', role: 'viewer', scope: null });
  for (const username of ['root.operator', 'mr.farmers', 'mr.women', 'mr.front', 'mr.viewer'])
    tokens[username] = (await t.signIn(username)).access_token;
  poller = await startStreamPollerFor(t);

  const f = 'mr.farmers';
  const khom1: string[] = [];
  for (let n = 1; n <= 7; n++) khom1.push(await admitNamed(f, `Nguyễn Văn Nông ${n}`, 'b-28261-01'));
  const [m1, m2, m3, m4, m5, m6, m7] = khom1 as [string, string, string, string, string, string, string];
  await rate(f, 'b-28261-01', YEAR, [
    { memberId: m1, level: 'excellent' },
    { memberId: m2, level: 'excellent' },
    { memberId: m3, level: 'good' },
    { memberId: m4, level: 'good' },
    { memberId: m5, level: 'fulfilled' },
    { memberId: m6, level: 'not_fulfilled' },
  ]);
  // Last year's sheet: counted in last year only. m7 is not rated this year.
  await rate(f, 'b-28261-01', LAST, [
    { memberId: m1, level: 'good' },
    { memberId: m7, level: 'fulfilled' },
  ]);
  // Rated, then removed from the union: the rating stays a fact of its year.
  await changeStatusOk(t, token(f), m6, { status: 'removed', reason: 'Xin ra khỏi hội' });
  // One farmer of Ấp Bình Tạo: a 1 in a hamlet.
  const m8 = await admitNamed(f, 'Lê Văn Tám', 'b-28249-01');
  await rate(f, 'b-28249-01', YEAR, [{ memberId: m8, level: 'good' }]);
  // Two women of Khóm 2.
  const w = 'mr.women';
  const w1 = await admitNamed(w, 'Trần Thị Một', 'b-28261-02');
  const w2 = await admitNamed(w, 'Trần Thị Hai', 'b-28261-02');
  await rate(w, 'b-28261-02', YEAR, [
    { memberId: w1, level: 'excellent' },
    { memberId: w2, level: 'good' },
  ]);
}, 120_000);

afterAll(async () => {
  await poller?.stop();
});

/** Waits for the stream to have applied everything above: the province's last ratings counted. */
async function settled(): Promise<void> {
  await eventually(
    () => overview('82'),
    (o) => o.total.memberRatings.rated === 9 && org(o, 'farmers')?.members.removed === 1,
  );
  await poller.idle();
}

describe('an organization’s figures', () => {
  it('count this year’s ratings where the members are, with shares adding up to 100.00', WAITS, async () => {
    await settled();

    const province = await stats('82', 'mr.farmers');
    // 2/7, 3/7, 1/7, 1/7: rounded each alone they would add up to 100.01.
    expect(province.memberRatings).toEqual(ratings([2, 3, 1, 1], [28.57, 42.86, 14.29, 14.28]));
    expect(hundredths(province.memberRatings)).toBe(10_000);
    expect(child(province.children, '28261').memberRatings).toEqual(
      ratings([2, 2, 1, 1], [33.33, 33.33, 16.67, 16.67]),
    );
    expect(child(province.children, '28249').memberRatings).toEqual(ratings([0, 1, 0, 0], [0, 100, 0, 0]));
    const commune = await stats('28261', 'mr.farmers');
    // Nobody rated: all zero, not a division by zero.
    expect(child(commune.children, '28261-02').memberRatings).toEqual(NOBODY);
  });

  it(
    'hide a hamlet’s small counts from a viewer, and the shares that would give them back',
    WAITS,
    async () => {
      await settled();

      const commune = await stats('28261', 'mr.viewer');
      expect(commune.memberRatings).toEqual(ratings([2, 2, 1, 1], [33.33, 33.33, 16.67, 16.67]));
      const khom1 = child(commune.children, '28261-01');
      expect(khom1.suppressed).toBe(true);
      expect(khom1.memberRatings.counts).toEqual(
        ratings([null, null, null, null], [null, null, null, null]).counts,
      );
      expect(Object.values(khom1.memberRatings.percentages)).toEqual([null, null, null, null]);
      // Khóm 2's zeros hidden with them, or the commune less Khóm 2 would give Khóm 1's back.
      expect(Object.values(child(commune.children, '28261-02').memberRatings.counts)).toEqual([
        null,
        null,
        null,
        null,
      ]);
      // The hamlet asked about itself is hidden as in its commune's table.
      expect((await stats('28261-01', 'mr.viewer')).memberRatings.counts.excellent).toBeNull();
    },
  );
});

describe('the Front’s figures', () => {
  it('give each organization’s ratings and their total, per unit', WAITS, async () => {
    await settled();

    const o = await overview('82');
    expect(org(o, 'farmers')?.memberRatings).toEqual(ratings([2, 3, 1, 1], [28.57, 42.86, 14.29, 14.28]));
    expect(org(o, 'women')?.memberRatings).toEqual(ratings([1, 1, 0, 0], [50, 50, 0, 0]));
    expect(org(o, 'veterans')?.memberRatings).toEqual(NOBODY);
    expect(o.total.memberRatings).toEqual(ratings([3, 4, 1, 1], [33.33, 44.45, 11.11, 11.11]));
    expect(hundredths(o.total.memberRatings)).toBe(10_000);
    expect(child(o.children, '28261').total.memberRatings).toEqual(
      ratings([3, 3, 1, 1], [37.5, 37.5, 12.5, 12.5]),
    );
    // Counts only: nobody's name reaches the Front.
    expect(JSON.stringify(o)).not.toContain('Nông');
  });

  it('hide small counts in hamlets, and whatever would give them back', WAITS, async () => {
    await settled();

    const o = await overview('28261');
    const khom2 = child(o.children, '28261-02');
    expect(org(khom2, 'women')?.memberRatings.counts.excellent).toBeNull();
    expect(org(khom2, 'women')?.memberRatings.percentages.excellent).toBeNull();
    // Not back as the row's total less its other organizations either.
    expect(khom2.total.memberRatings.counts.excellent).toBeNull();
    expect(khom2.total.memberRatings.percentages.excellent).toBeNull();
  });
});

describe('past days', () => {
  beforeAll(async () => {
    await settled();
    const response = await postJson(t, token('root.operator'), '/api/v1/admin/snapshots', {
      date: YEAR_END,
      provinceId: 'mr',
    });
    if (response.status !== 201 && response.status !== 200)
      throw new Error(`snapshot failed: ${response.status} ${await response.text()}`);
  }, 120_000);

  it('read a snapshot’s ratings of the year of the day asked about', async () => {
    const s = await stats('82', 'mr.farmers', YEAR_END);
    expect(s.snapshot).toBe(YEAR_END);
    expect(s.memberRatings).toEqual(ratings([0, 1, 1, 0], [0, 50, 50, 0], LAST));
  });

  it('compare two days: each side its year, and the change of counts', async () => {
    const c = await getJson<Comparison>(
      t,
      `/api/v1/front/compare?unitId=82&from=${YEAR_END}&to=${TODAY}`,
      token('mr.front'),
    );
    expect(c.total.fromFigures.memberRatings).toEqual(ratings([0, 1, 1, 0], [0, 50, 50, 0], LAST));
    expect(c.total.toFigures.memberRatings).toEqual(ratings([3, 4, 1, 1], [33.33, 44.45, 11.11, 11.11]));
    expect(c.total.change.memberRatings).toEqual({
      counts: { excellent: 3, good: 3, fulfilled: 0, not_fulfilled: 1 },
      rated: 7,
    });
    const women = c.organizations.find((o) => o.organization === 'women');
    expect(women?.change.memberRatings.rated).toBe(2);
  });

  it('lay both days out in the comparison’s .xlsx', async () => {
    const sheet = await sheetOf(
      `/api/v1/front/compare.xlsx?unitId=82&from=${YEAR_END}&to=${TODAY}`,
      'Xếp loại hội viên',
    );
    const total = rowsOf(sheet).get('Tỉnh mr');
    // Each group: the four levels and those rated, each then, now and the change; the total's group last.
    const totalFrom = 3 + 4 * 15;
    expect(sheet.getRow(5).getCell(totalFrom).value).toBe(`Hoàn thành xuất sắc nhiệm vụ ${viDate(YEAR_END)}`);
    expect(Array.from({ length: 15 }, (_, i) => total?.getCell(totalFrom + i).value)).toEqual([
      0, 3, 3, 1, 4, 3, 1, 1, 0, 0, 1, 1, 2, 9, 7,
    ]);
  });
});

const viDate = (date: string) => date.split('-').reverse().join('/');

const sheetOf = (path: string, name: string) => sheetOfWorkbook(t, token('mr.front'), path, name);

describe('the overview’s .xlsx', () => {
  it('has a sheet of ratings, counts then shares, the organizations as columns', WAITS, async () => {
    await settled();

    const sheet = await sheetOf('/api/v1/front/overview.xlsx?unitId=82', 'Xếp loại hội viên');
    expect(sheet.getRow(4).getCell(3).value).toBe('Hội Nông dân');
    expect(sheet.getRow(5).getCell(7).value).toBe('Số được xếp loại');
    const province = rowsOf(sheet).get('Tỉnh mr');
    // Farmers: four counts, those rated, four shares as fractions.
    const farmers = Array.from({ length: 9 }, (_, i) => province?.getCell(3 + i).value as number);
    expect(farmers.slice(0, 5)).toEqual([2, 3, 1, 1, 7]);
    expect(farmers.slice(5).map((share) => Math.round(share * 10_000))).toEqual([2857, 4286, 1429, 1428]);
    expect(province?.getCell(8).numFmt).toBe('0.00%');
    // The total's group is the fifth.
    expect(province?.getCell(3 + 4 * 9 + 4).value).toBe(9);
  });

  it('marks a hamlet’s hidden counts and shares', WAITS, async () => {
    await settled();

    const rows = rowsOf(await sheetOf('/api/v1/front/overview.xlsx?unitId=28261', 'Xếp loại hội viên'));
    // The women of Khóm 2: excellent's count and share.
    expect([12, 17].map((c) => rows.get('Khóm 2')?.getCell(c).value)).toEqual(['*', '*']);
  });
});

describe('a recount', () => {
  it('finds the stored counters of every year equal to the members’ ratings', WAITS, async () => {
    await settled();

    for (const username of ['mr.farmers', 'mr.women']) {
      const response = await postJson(t, token(username), '/api/v1/admin/recount', {});
      expect(response.status).toBe(200);
      const report = (await response.json()) as { differences: unknown[]; applied: boolean };
      expect(report).toMatchObject({ differences: [], applied: false });
    }
    const province = readUnitCounts(
      await new AggregateRepository(t.deps.table.forTenant(toTenantId('mr:farmers'))).get('82'),
    );
    expect(province.memberRatings).toEqual({
      excellent: { [YEAR]: 2 },
      good: { [LAST]: 1, [YEAR]: 3 },
      fulfilled: { [LAST]: 1, [YEAR]: 1 },
      not_fulfilled: { [YEAR]: 1 },
    });
  });
});

describe('the pages', () => {
  let front: PageClient;
  let farmers: PageClient;

  beforeAll(async () => {
    await settled();
    front = pageClient(t);
    await front.signIn('mr.front');
    farmers = pageClient(t);
    await farmers.signIn('mr.farmers');
  }, 120_000);

  const html = async (response: Response) => {
    expect(response.status).toBe(200);
    return response.text();
  };
  /** The numbers of a table row, by its heading. */
  const cells = (page: string, heading: string) =>
    [
      ...(page.match(new RegExp(`<th scope="row">${heading}</th>(.*?)</tr>`))?.[1] ?? '').matchAll(
        /<td class="num">(.*?)<\/td>/g,
      ),
    ].map((m) => m[1]);

  it('show the Front the organizations’ ratings of the year and their total, and the units below', async () => {
    const page = await html(await front.get('/front'));
    expect(page).toContain(`Được đánh giá, xếp loại năm ${YEAR}`);
    expect(page).toContain(`Hoàn thành xuất sắc nhiệm vụ năm ${YEAR}`);
    // Those rated and the four shares, before the Party's two counts.
    expect(cells(page, 'Tổng cộng').slice(-7, -2)).toEqual(['9', '33,33 %', '44,45 %', '11,11 %', '11,11 %']);
    expect(page).toContain('href="/front?sort=total.rated&amp;dir=desc"');
    const sorted = await html(await front.get('/front?sort=total.rated&dir=desc'));
    expect([...sorted.matchAll(/<th scope="row"><a href="\/front\?unitId=(\d+)/g)].map((m) => m[1])).toEqual([
      '28261',
      '28249',
    ]);
  });

  it('show an organization its unit’s ratings and its home page’s key figures', async () => {
    const unit = await html(await farmers.get('/units/82'));
    expect(unit).toContain(`Đánh giá, xếp loại hội viên năm ${YEAR}`);
    expect(unit).toMatch(/Được đánh giá, xếp loại<\/span><span class="value">7</);
    expect(unit).toMatch(/Hoàn thành tốt nhiệm vụ<\/span><span class="value">42,86 %</);
    const home = await html(await farmers.get('/home'));
    expect(home).toMatch(new RegExp(`Được đánh giá, xếp loại năm ${YEAR}</span><span class="value">7<`));
    expect(home).toMatch(
      new RegExp(`Hoàn thành xuất sắc nhiệm vụ năm ${YEAR}</span><span class="value">28,57 %<`),
    );
  });
});
