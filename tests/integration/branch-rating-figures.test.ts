/**
 * Branch ratings as figures, end to end: ratings approved through the API reach an
 * organization's figures, the Front's overview and comparison, the .xlsx and the pages through
 * the stream function — only approved ones, by level with shares adding up to exactly 100.00, and
 * against the standard by branch kind — an unlock taking a rating out until it is approved again,
 * and the stored counters equal to a recount after each step. Branches are not people: a
 * hamlet's one rated branch is shown even to a viewer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BranchRatings } from '../../shared/figures/reading/schemas.ts';
import { WAITS } from '../setup/eventually.ts';
import { answersOf, CRITERIA, ratingApi } from './branch-ratings-scene.ts';
import { YEAR } from './figures-fixtures.ts';
import { keyFigure, rowCells } from './figures-pages.ts';
import { child, figuresScene, hundredths, org, succeeded } from './figures-scene.ts';

const s = figuresScene('br', ['farmers', 'youth']);
const { stats, overview } = s;
let api: ReturnType<typeof ratingApi>;

/** Saves a branch's self-assessment, submits it and, unless told otherwise, approves it. */
async function rateBranch(
  admin: string,
  branchId: string,
  answers: ReturnType<typeof answersOf>,
  approve = true,
): Promise<void> {
  const written = [200, 201];
  await succeeded('rating', await api.save(s.token(admin), branchId, YEAR, { answers }), written);
  await succeeded('rating', await api.act(s.token(admin), branchId, YEAR, 'submit'), written);
  if (approve) await succeeded('rating', await api.act(s.token(admin), branchId, YEAR, 'approve'), written);
}

type Four<T> = [T, T, T, T];
/** Strong, good, average, weak: counts and the shares expected; residential met of rated. */
const ratings = (
  counts: Four<number>,
  percents: Four<number>,
  residential: [number, number] = [0, 0],
  year = YEAR,
): BranchRatings => {
  const [strong, good, average, weak] = counts.map((count, n) => ({ count, percent: percents[n] ?? 0 }));
  const [met, rated] = residential;
  return {
    year,
    byLevel: { strong, good, average, weak } as BranchRatings['byLevel'],
    rated: counts.reduce((s, c) => s + c, 0),
    standards: [
      {
        kind: 'residential',
        met,
        rated,
        percent: rated === 0 ? null : Math.round((met / rated) * 10_000) / 100,
      },
      { kind: 'professional', met: 0, rated: 0, percent: null },
      { kind: 'agency', met: 0, rated: 0, percent: null },
    ],
  };
};
const NONE = ratings([0, 0, 0, 0], [0, 0, 0, 0]);
const sharesOf = (r: BranchRatings) => hundredths(Object.values(r.byLevel).map(({ percent }) => percent));

/** Waits for the stream to have counted `rated` approved ratings in the province, all told. */
const settledAt = (rated: number) => s.settle((o) => o.total.branchRatings.rated === rated);

beforeAll(async () => {
  api = ratingApi(s.t);
  for (const [admin, criteria] of [
    ['br.farmers', CRITERIA],
    // The youth's set names no standard: their ratings count by level only.
    ['br.youth', { ...CRITERIA, standardName: null }],
  ] as const)
    await succeeded(
      'criteria',
      await api.putCriteria(s.token(admin), YEAR, 'residential', criteria),
      [200, 201],
    );
  // Farmers: 100 % strong and 82 % good meeting the standard, 46 % weak missing it.
  await rateBranch('br.farmers', 'b-28261-01', answersOf(true, 10, true, true));
  await rateBranch('br.farmers', 'b-28261-02', answersOf(true, 8, true, false));
  await rateBranch('br.farmers', 'b-28249-01', answersOf(false, 4, true, true));
  // Youth: 74 % good approved; Khóm 2's submitted only, and a draft in Ấp Bình Tạo: neither counts.
  await rateBranch('br.youth', 'b-28261-01', answersOf(true, 6, true, false));
  await rateBranch('br.youth', 'b-28261-02', answersOf(true, 10, true, true), false);
  await api.save(s.token('br.youth'), 'b-28249-01', YEAR, { answers: answersOf(true, 10, true, true) });
}, 120_000);

describe('an organization’s figures', () => {
  it(
    'count the approved ratings by level and against the standard, shares adding up to 100.00',
    WAITS,
    async () => {
      await settledAt(4);

      const province = await stats('82', 'br.farmers');
      // A third each: the hundredth left over goes to the first.
      expect(province.branchRatings).toEqual(ratings([1, 1, 0, 1], [33.34, 33.33, 0, 33.33], [2, 3]));
      expect(sharesOf(province.branchRatings)).toBe(10_000);
      expect(child(province.children, '28261').branchRatings).toEqual(
        ratings([1, 1, 0, 0], [50, 50, 0, 0], [2, 2]),
      );
      expect(child(province.children, '28249').branchRatings).toEqual(
        ratings([0, 0, 0, 1], [0, 0, 0, 100], [0, 1]),
      );
      // The youth's approved rating only, with no standard to meet.
      expect((await stats('82', 'br.youth')).branchRatings).toEqual(ratings([0, 1, 0, 0], [0, 100, 0, 0]));
    },
  );

  it('show a hamlet’s one rated branch even to a viewer: branches are not people', WAITS, async () => {
    await settledAt(4);

    const commune = await stats('28261', 'br.viewer');
    expect(child(commune.children, '28261-01').branchRatings).toEqual(
      ratings([1, 0, 0, 0], [100, 0, 0, 0], [1, 1]),
    );
  });
});

describe('the Front’s figures', () => {
  it('give each organization’s ratings and their total', WAITS, async () => {
    await settledAt(4);

    const o = await overview('82');
    expect(org(o, 'farmers')?.branchRatings).toEqual(ratings([1, 1, 0, 1], [33.34, 33.33, 0, 33.33], [2, 3]));
    expect(org(o, 'youth')?.branchRatings).toEqual(ratings([0, 1, 0, 0], [0, 100, 0, 0]));
    expect(org(o, 'women')?.branchRatings).toEqual(NONE);
    expect(o.total.branchRatings).toEqual(ratings([1, 2, 0, 1], [25, 50, 0, 25], [2, 3]));
    expect(child(o.children, '28261').total.branchRatings).toEqual(
      ratings([1, 2, 0, 0], [33.33, 66.67, 0, 0], [2, 2]),
    );
  });

  it('compare with last year’s end: no ratings then, this year’s as the change', WAITS, async () => {
    await settledAt(4);
    await s.snapshotYearEnd();

    const c = await s.comparison();
    expect(c.total.fromFigures.branchRatings).toEqual(ratings([0, 0, 0, 0], [0, 0, 0, 0], [0, 0], YEAR - 1));
    expect(c.total.toFigures.branchRatings).toEqual(ratings([1, 2, 0, 1], [25, 50, 0, 25], [2, 3]));
    expect(c.total.change.branchRatings).toEqual({
      byLevel: { strong: 1, good: 2, average: 0, weak: 1 },
      rated: 4,
      standards: [
        { kind: 'residential', met: 2, rated: 3 },
        { kind: 'professional', met: 0, rated: 0 },
        { kind: 'agency', met: 0, rated: 0 },
      ],
    });

    const { rows } = await s.comparisonSheet('Xếp loại chi hội');
    // Farmers: strong then, now and the change; the same for the others.
    expect([3, 4, 5].map((c) => rows.get('Tỉnh br')?.getCell(c).value)).toEqual([0, 1, 1]);
  });
});

describe('the overview’s .xlsx', () => {
  it('has a sheet of branch ratings: counts, shares, then each kind’s standard', WAITS, async () => {
    await settledAt(4);

    const { sheet, rows } = await s.overviewSheet('82', 'Xếp loại chi hội');
    expect(sheet.getRow(4).getCell(3).value).toBe('Hội Nông dân');
    expect(sheet.getRow(5).getCell(7).value).toBe('Số chi hội được xếp loại');
    expect(sheet.getRow(5).getCell(12).value).toBe('Đạt chuẩn (chi hội khu dân cư)');
    const province = rows.get('Tỉnh br');
    // Farmers: four counts, those rated, four shares, residential met, rated and share.
    const farmers = Array.from({ length: 12 }, (_, i) => province?.getCell(3 + i).value as number);
    expect(farmers.slice(0, 5)).toEqual([1, 1, 0, 1, 3]);
    expect(farmers.slice(5, 9).map((share) => Math.round(share * 10_000))).toEqual([3334, 3333, 0, 3333]);
    expect(farmers.slice(9, 11)).toEqual([2, 3]);
    expect(Math.round((farmers[11] ?? 0) * 10_000)).toBe(6667);
    // The total's group is the fifth of 18 columns each: those rated.
    expect(province?.getCell(3 + 4 * 18 + 4).value).toBe(4);
  });
});

describe('an unlock', () => {
  it(
    'takes the rating out of the figures until it is approved again, the stored counters always equal to a recount',
    WAITS,
    async () => {
      await settledAt(4);
      await s.expectRecountsEqual();

      const unlocked = await api.act(s.token('br.farmers'), 'b-28261-02', YEAR, 'unlock', {
        reason: 'Sai số liệu sinh hoạt',
      });
      expect(unlocked.status).toBe(200);
      await settledAt(3);
      expect((await stats('82', 'br.farmers')).branchRatings).toEqual(
        ratings([1, 0, 0, 1], [50, 0, 0, 50], [1, 2]),
      );
      await s.expectRecountsEqual();

      // Corrected, submitted and approved again: back in the figures, as good.
      await rateBranch('br.farmers', 'b-28261-02', answersOf(true, 7, true, false));
      await settledAt(4);
      expect((await stats('82', 'br.farmers')).branchRatings).toEqual(
        ratings([1, 1, 0, 1], [33.34, 33.33, 0, 33.33], [2, 3]),
      );
      await s.expectRecountsEqual();
      const province = await s.storedCounts('farmers');
      expect(province.branchRatings).toEqual({
        strong: { [YEAR]: 1 },
        good: { [YEAR]: 1 },
        average: {},
        weak: { [YEAR]: 1 },
      });
      expect(province.branchStandards.residential).toEqual({ rated: { [YEAR]: 3 }, met: { [YEAR]: 2 } });
    },
  );
});

describe('the pages', () => {
  beforeAll(() => settledAt(4), 120_000);

  it('show the Front each organization’s branch ratings of the year beside their total', async () => {
    const page = await s.page('br.front', '/front');
    const caption = 'Đánh giá, xếp loại chi hội, chi đoàn của bốn đoàn thể';
    expect(page).toContain(`Chi hội được xếp loại năm ${YEAR}`);
    expect(rowCells(page, caption, 'Hội Nông dân')).toEqual([
      '3',
      '33,34 %',
      '33,33 %',
      '0,00 %',
      '33,33 %',
      '2',
      '3',
      '66,67 %',
    ]);
    expect(rowCells(page, caption, 'Tổng cộng').slice(0, 2)).toEqual(['4', '25,00 %']);
  });

  it('show an organization its unit’s branch ratings and its home page’s key figures', async () => {
    const unit = await s.page('br.farmers', '/units/82');
    expect(unit).toContain(`Đánh giá, xếp loại chi hội năm ${YEAR}`);
    expect(unit).toMatch(keyFigure('Chi hội được xếp loại', 3));
    expect(unit).toMatch(keyFigure('Chi hội đạt chuẩn', 2));
    const home = await s.page('br.farmers', '/home');
    expect(home).toMatch(keyFigure(`Chi hội được xếp loại năm ${YEAR}`, 3));
    expect(home).toMatch(keyFigure(`Chi hội vững mạnh năm ${YEAR}`, '33,34 %'));
  });
});
