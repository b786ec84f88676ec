/**
 * Members' yearly ratings as figures, end to end: members of two organizations rated through the
 * API reach an organization's figures, the Front's overview and comparison, snapshots, the .xlsx
 * and the pages through the stream function, counted for the year of the day asked about, with
 * each rating's share of those rated adding up to exactly 100.00, small counts hidden in hamlets —
 * and equal to a recount.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemberRatingLevel } from '../../shared/domain/members/member.ts';
import type { MemberRatings } from '../../shared/figures/reading/schemas.ts';
import { WAITS } from '../setup/eventually.ts';
import { changeStatusOk } from '../setup/members.ts';
import { LAST, YEAR, YEAR_END } from './figures-fixtures.ts';
import { keyFigure, listedUnits, rowCells, UNIT_TABLE } from './figures-pages.ts';
import { child, figuresScene, hundredths, org, succeeded } from './figures-scene.ts';

const s = figuresScene('mr', ['farmers', 'women']);
const { stats, overview } = s;

/** Rates members of a branch for a year, as its meeting decided (PUT …/member-ratings/{year}). */
async function rate(
  username: string,
  branchId: string,
  year: number,
  ratings: { memberId: string; level: MemberRatingLevel }[],
): Promise<void> {
  const response = await s.t.request(`/api/v1/branches/${branchId}/member-ratings/${year}`, {
    method: 'PUT',
    token: s.token(username),
    json: { ratings },
  });
  // The sheet's answers are the ratings API's business (its own tests): here only that it was written.
  await succeeded('rating', response);
}

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
const sharesOf = (r: MemberRatings) => hundredths(Object.values(r.percentages));

beforeAll(async () => {
  const f = 'mr.farmers';
  const khom1: string[] = [];
  for (let n = 1; n <= 7; n++) khom1.push(await s.admit(f, `Nguyễn Văn Nông ${n}`, 'b-28261-01'));
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
  await changeStatusOk(s.t, s.token(f), m6, { status: 'removed', reason: 'Xin ra khỏi hội' });
  // One farmer of Ấp Bình Tạo: a 1 in a hamlet.
  const m8 = await s.admit(f, 'Lê Văn Tám', 'b-28249-01');
  await rate(f, 'b-28249-01', YEAR, [{ memberId: m8, level: 'good' }]);
  // Two women of Khóm 2.
  const w = 'mr.women';
  const w1 = await s.admit(w, 'Trần Thị Một', 'b-28261-02', 'female');
  const w2 = await s.admit(w, 'Trần Thị Hai', 'b-28261-02', 'female');
  await rate(w, 'b-28261-02', YEAR, [
    { memberId: w1, level: 'excellent' },
    { memberId: w2, level: 'good' },
  ]);
}, 120_000);

/** Waits for the stream to have applied everything above: the province's last ratings counted. */
const settled = () =>
  s.settle((o) => o.total.memberRatings.rated === 9 && org(o, 'farmers')?.members.removed === 1);

describe('an organization’s figures', () => {
  it('count this year’s ratings where the members are, with shares adding up to 100.00', WAITS, async () => {
    await settled();

    const province = await stats('82', 'mr.farmers');
    // 2/7, 3/7, 1/7, 1/7: rounded each alone they would add up to 100.01.
    expect(province.memberRatings).toEqual(ratings([2, 3, 1, 1], [28.57, 42.86, 14.29, 14.28]));
    expect(sharesOf(province.memberRatings)).toBe(10_000);
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
    expect(sharesOf(o.total.memberRatings)).toBe(10_000);
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
  beforeAll(() => settled().then(s.snapshotYearEnd), 120_000);

  it('read a snapshot’s ratings of the year of the day asked about', async () => {
    const snapshot = await stats('82', 'mr.farmers', YEAR_END);
    expect(snapshot.snapshot).toBe(YEAR_END);
    expect(snapshot.memberRatings).toEqual(ratings([0, 1, 1, 0], [0, 50, 50, 0], LAST));
  });

  it('compare two days: each side its year, and the change of counts', async () => {
    const c = await s.comparison();
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
    const { sheet, rows } = await s.comparisonSheet('Xếp loại hội viên');
    const total = rows.get('Tỉnh mr');
    // Each group: the four levels and those rated, each then, now and the change; the total's group last.
    const totalFrom = 3 + 4 * 15;
    expect(sheet.getRow(5).getCell(totalFrom).value).toBe(`Hoàn thành xuất sắc nhiệm vụ ${viDate(YEAR_END)}`);
    expect(Array.from({ length: 15 }, (_, i) => total?.getCell(totalFrom + i).value)).toEqual([
      0, 3, 3, 1, 4, 3, 1, 1, 0, 0, 1, 1, 2, 9, 7,
    ]);
  });
});

const viDate = (date: string) => date.split('-').reverse().join('/');

describe('the overview’s .xlsx', () => {
  it('has a sheet of ratings, counts then shares, the organizations as columns', WAITS, async () => {
    await settled();

    const { sheet, rows } = await s.overviewSheet('82', 'Xếp loại hội viên');
    expect(sheet.getRow(4).getCell(3).value).toBe('Hội Nông dân');
    expect(sheet.getRow(5).getCell(7).value).toBe('Số được xếp loại');
    const province = rows.get('Tỉnh mr');
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

    const { rows } = await s.overviewSheet('28261', 'Xếp loại hội viên');
    // The women of Khóm 2: excellent's count and share.
    expect([12, 17].map((c) => rows.get('Khóm 2')?.getCell(c).value)).toEqual(['*', '*']);
  });
});

describe('a recount', () => {
  it('finds the stored counters of every year equal to the members’ ratings', WAITS, async () => {
    await settled();

    await s.expectRecountsEqual();
    expect((await s.storedCounts('farmers')).memberRatings).toEqual({
      excellent: { [YEAR]: 2 },
      good: { [LAST]: 1, [YEAR]: 3 },
      fulfilled: { [LAST]: 1, [YEAR]: 1 },
      not_fulfilled: { [YEAR]: 1 },
    });
  });
});

describe('the pages', () => {
  beforeAll(settled, 120_000);

  it('show the Front the organizations’ ratings of the year and their total, and the units below', async () => {
    const page = await s.page('mr.front', '/front');
    expect(page).toContain(`Được đánh giá, xếp loại năm ${YEAR}`);
    expect(page).toContain(`Hoàn thành xuất sắc nhiệm vụ năm ${YEAR}`);
    // Those rated and the four shares, before the Party's two counts.
    expect(rowCells(page, UNIT_TABLE, 'Tổng cộng').slice(-7, -2)).toEqual([
      '9',
      '33,33 %',
      '44,45 %',
      '11,11 %',
      '11,11 %',
    ]);
    expect(page).toContain('href="/front?sort=total.rated&amp;dir=desc"');
    const sorted = await s.page('mr.front', '/front?sort=total.rated&dir=desc');
    expect(listedUnits(sorted)).toEqual(['28261', '28249']);
  });

  it('show an organization its unit’s ratings and its home page’s key figures', async () => {
    const unit = await s.page('mr.farmers', '/units/82');
    expect(unit).toContain(`Đánh giá, xếp loại hội viên năm ${YEAR}`);
    expect(unit).toMatch(keyFigure('Được đánh giá, xếp loại', 7));
    expect(unit).toMatch(keyFigure('Hoàn thành tốt nhiệm vụ', '42,86 %'));
    const home = await s.page('mr.farmers', '/home');
    expect(home).toMatch(keyFigure(`Được đánh giá, xếp loại năm ${YEAR}`, 7));
    expect(home).toMatch(keyFigure(`Hoàn thành xuất sắc nhiệm vụ năm ${YEAR}`, '28,57 %'));
  });
});
