/**
 * The review of members as figures, end to end: branches' reviews confirmed and declared done
 * through the API reach an organization's figures, the Front's overview and comparison, the
 * .xlsx and the pages through the stream function — branches started and done, members reviewed
 * by what was found, beside the previous year's review — small counts of people hidden in
 * hamlets, branches never, and the stored counters equal to a recount.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Review } from '../../shared/figures/reading/schemas.ts';
import { WAITS } from '../setup/eventually.ts';
import { postJson } from '../setup/members.ts';
import { LAST, TODAY, YEAR } from './figures-fixtures.ts';
import { keyFigure, rowCells } from './figures-pages.ts';
import { child, figuresScene, org, succeeded } from './figures-scene.ts';

const s = figuresScene('rv', ['farmers']);
const { stats, overview } = s;
const ADMIN = 'rv.farmers';

/** A branch's review of a year: members confirmed or changed, then perhaps declared done. */
async function review(
  branchId: string,
  year: number,
  body: { confirm?: unknown[]; confirmRest?: boolean },
  done = false,
): Promise<void> {
  const path = `/api/v1/branches/${branchId}/review/${year}`;
  await succeeded('review', await postJson(s.t, s.token(ADMIN), path, body));
  if (done) await succeeded('review', await postJson(s.t, s.token(ADMIN), `${path}/done`, {}));
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
  const admit = (fullName: string, branchId: string) => s.admit(ADMIN, fullName, branchId);
  const khom1: string[] = [];
  for (let n = 1; n <= 6; n++) khom1.push(await admit(`Nguyễn Văn Rà ${n}`, 'b-28261-01'));
  const [m1, m2, m3] = khom1;
  const w1 = await admit('Trần Văn Soát', 'b-28261-02');
  await admit('Trần Văn Hai', 'b-28261-02');
  await admit('Lê Văn Tám', 'b-28249-01');

  for (const year of [LAST, YEAR]) {
    await succeeded(
      'campaign',
      await postJson(s.t, s.token(ADMIN), '/api/v1/reviews', { year, deadline: TODAY }),
      [201],
    );
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

/** Waits for the stream to have counted every review above. */
const settled = () =>
  s.settle((o) => o.total.review.reviewed === 6 && o.total.review.previousYear?.reviewed === 6);

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
    await s.snapshotYearEnd();

    const c = await s.comparison();
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
    const { rows } = await s.comparisonSheet('Rà soát đoàn viên, hội viên');
    // Farmers: branches then, now and the change.
    expect([3, 4, 5].map((n) => rows.get('Tỉnh rv')?.getCell(n).value)).toEqual([1, 2, 1]);
  });
});

describe('the overview’s .xlsx', () => {
  it('has a sheet of the review, the organizations as columns', WAITS, async () => {
    await settled();

    const { sheet, rows } = await s.overviewSheet('82', 'Rà soát đoàn viên, hội viên');
    expect(sheet.getRow(4).getCell(3).value).toBe('Hội Nông dân');
    expect(sheet.getRow(5).getCell(6).value).toBe('Đã rà soát');
    const province = rows.get('Tỉnh rv');
    expect(Array.from({ length: 9 }, (_, i) => province?.getCell(3 + i).value)).toEqual([...THIS_YEAR, 6]);
  });

  it('marks a hamlet’s hidden counts', WAITS, async () => {
    await settled();

    const { rows } = await s.overviewSheet('28261', 'Rà soát đoàn viên, hội viên');
    // Khóm 2's farmers: branches shown, those reviewed hidden.
    expect([3, 6].map((n) => rows.get('Khóm 2')?.getCell(n).value)).toEqual([1, '*']);
  });
});

describe('a recount', () => {
  it('finds the stored counters of both years equal to the branches’ reviews', WAITS, async () => {
    await settled();

    await s.expectRecountsEqual({ branchReviews: 3 });
    const province = await s.storedCounts('farmers');
    expect(province.reviews.branches).toEqual({ [LAST]: 1, [YEAR]: 2 });
    expect(province.reviews.away).toEqual({ [YEAR]: 1 });
  });
});

describe('the pages', () => {
  beforeAll(settled, 120_000);

  it('show the Front each organization’s review of the year beside their total', async () => {
    const page = await s.page('rv.front', '/front');
    const caption = 'Rà soát, phân loại đoàn viên, hội viên của bốn đoàn thể';
    expect(page).toContain(`Hội viên đã rà soát năm ${YEAR}`);
    expect(rowCells(page, caption, 'Hội Nông dân')).toEqual(['2', '1', '6', '4', '1', '1', '1', '6']);
  });

  it('show an organization its unit’s review and its home page’s progress', async () => {
    const unit = await s.page(ADMIN, '/units/82');
    expect(unit).toContain(`Rà soát, phân loại hội viên năm ${YEAR}`);
    expect(unit).toMatch(keyFigure('Chi hội hoàn thành rà soát', 1));
    expect(unit).toMatch(keyFigure('Hội viên đã rà soát năm trước', 6));
    const home = await s.page(ADMIN, '/home');
    expect(home).toMatch(keyFigure(`Hội viên đã rà soát năm ${YEAR}`, 6));
  });
});
