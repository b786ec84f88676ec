/**
 * The article's table, reproduced (issue 12): `npm run demo -- --article` at a hundredth of its
 * size, read back through the Front's overview, its comparison with the previous year-end and
 * their .xlsx, as the provincial Front's viewer reads them. Every cell the article prints is
 * checked; each one expected is worked out below from the article's figures and the scale:
 *
 * - counts of people: the article's divided by the scale and rounded — members (all present:
 *   the total and those present are one number), their increase, those not yet gathered, the
 *   Party's introductions and admissions; the year-end's members are today's less the increase;
 * - the people to gather: members plus those not yet gathered, so coverage is members ÷ that to
 *   4 decimals, and the share not yet gathered is what is left of 100 % (41.36 %, not the 44.36 %
 *   the article misprinted); the previous year's coverage is 9.46 points lower;
 * - branches are not divided (the province's 620 hamlets stand at any scale): every residential
 *   branch is rated, the youth's 699, 515 meeting the standard, and each level's count is the
 *   article's percentage of all of them, rounded down, the branches left over going to the largest
 *   remainders; their percentages are then those counts' shares, adding up to exactly 100.00.
 *
 * The four organizations' split is the build's choice (article-table.ts); the test holds that
 * they add up to the totals.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ARTICLE,
  articlePlan,
  branchLevelCounts,
  sumOf,
} from '../../functions/local/demo/article/article-table.ts';
import { type ArticleBuild, buildArticle } from '../../functions/local/demo/article/build-article.ts';
import { DEMO_PASSWORD } from '../../functions/local/demo/seed-demo-province.ts';
import type { Comparison, OrganizationFigures, Overview } from '../../shared/figures/reading/schemas.ts';
import { createTestApp, getJson, type TestApp } from '../setup/test-app.ts';
import { sheetOf } from '../setup/workbooks.ts';

const SCALE = 100;
const PROVINCE = '82';
const PROVINCE_NAME = 'Tỉnh Đồng Tháp';
/** The demo's hamlets (seed-demo-province.ts: 4 to 8 a commune, 102 communes). */
const HAMLETS = 620;
const ORGANIZATIONS = ['farmers', 'women', 'veterans', 'youth'] as const;
const LEVELS = ['strong', 'good', 'average', 'weak'] as const;

const scaled = (count: number) => Math.round(count / SCALE);
const round4 = (fraction: number) => Math.round(fraction * 10_000) / 10_000;

const members = scaled(ARTICLE.members);
const increase = scaled(ARTICLE.membersIncrease);
const notYetGathered = scaled(ARTICLE.notYetGathered);
const eligible = members + notYetGathered;
const previousMembers = members - increase;
const previousCoverage = round4(ARTICLE.coverage - ARTICLE.coverageIncreasePoints / 100);
/** Three associations with a branch per hamlet, and the youth's 699. */
const residentialBranches = 3 * HAMLETS + ARTICLE.youthStandard.rated;

/** Each level's whole branches: the article's share of them rounded down, the rest by largest remainder. */
function expectedLevels(branches: number): Record<(typeof LEVELS)[number], number> {
  const weights = LEVELS.map((level) => ARTICLE.branchLevels[level]);
  const sum = weights.reduce((s, w) => s + w, 0);
  const quotas = weights.map((w) => (branches * w) / sum);
  const counts = quotas.map(Math.floor);
  const left = branches - counts.reduce((s, c) => s + c, 0);
  const largest = quotas
    .map((q, i) => ({ i, r: q - Math.floor(q) }))
    .sort((a, b) => b.r - a.r)
    .slice(0, left);
  for (const { i } of largest) counts[i] = (counts[i] ?? 0) + 1;
  return Object.fromEntries(LEVELS.map((level, i) => [level, counts[i]])) as Record<
    (typeof LEVELS)[number],
    number
  >;
}

// The build alone takes 1.5–4 minutes on two cores, more beside the rest of the suite.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 900_000 });

describe(`the article's table at 1/${SCALE}`, () => {
  let t: TestApp;
  let front: string;
  let build: ArticleBuild;
  let overview: Overview;

  beforeAll(async () => {
    t = await createTestApp();
    build = await buildArticle({
      table: t.deps.table,
      vault: t.deps.nationalIds,
      scale: SCALE,
      today: t.today,
      now: new Date(),
      // The test's table is thrown away, and the article compares year-ends: what the figures
      // read is all it needs.
      personRecords: false,
      monthEnds: 0,
    });
    // How long each step took, for the note on build times.
    console.info(
      `article at 1/${SCALE}: ${Object.entries(build.ms)
        .map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`)
        .join(', ')}`,
    );
    front = (await t.signIn('front.viewer', DEMO_PASSWORD)).access_token;
    overview = await getJson<Overview>(t, `/api/v1/front/overview?unitId=${PROVINCE}`, front);
  });

  it('counts the members, all present, and their coverage, as the article does, the four adding up', () => {
    const { total } = overview;
    expect(overview.asOf).toBe(t.today);
    expect(total.members).toMatchObject({ total: members, active: members, away: 0, lapsed: 0 });
    expect(total.targetPopulation).toBe(eligible);
    expect(total.coverage).toBe(round4(members / eligible));
    expect(total.coverage).toBe(ARTICLE.coverage);
    expect(total.notYetGathered).toBe(notYetGathered);
    expect(total.unitsWithoutTarget).toBe(0);
    expect(total.suppressed).toBe(false);
    const sum = (pick: (f: OrganizationFigures) => number | null) =>
      overview.organizations.reduce((s, o) => s + (pick(o) ?? Number.NaN), 0);
    expect(sum((f) => f.members.total)).toBe(members);
    expect(sum((f) => f.targetPopulation)).toBe(eligible);
    expect(sum((f) => f.notYetGathered)).toBe(notYetGathered);
    expect(sum((f) => f.party.introduced)).toBe(scaled(ARTICLE.partyIntroduced));
    expect(sum((f) => f.party.admitted)).toBe(scaled(ARTICLE.partyAdmitted));
    for (const level of LEVELS)
      expect(sum((f) => f.branchRatings.byLevel[level].count)).toBe(
        overview.total.branchRatings.byLevel[level].count,
      );
  });

  it('counts the year’s introductions to the Party and admissions', () => {
    expect(overview.total.party).toEqual({
      year: Number(t.today.slice(0, 4)),
      introduced: scaled(ARTICLE.partyIntroduced),
      admitted: scaled(ARTICLE.partyAdmitted),
    });
  });

  it('rates every residential branch, as close to the article’s shares as whole branches allow', () => {
    const ratings = overview.total.branchRatings;
    const counts = expectedLevels(residentialBranches);
    expect(overview.total.branches.residential).toBe(residentialBranches);
    expect(ratings.rated).toBe(residentialBranches);
    for (const level of LEVELS) {
      expect(ratings.byLevel[level].count, level).toBe(counts[level]);
      // The nearest hundredth of its share, give or take the one the largest remainder moves.
      expect(
        Math.abs(
          (ratings.byLevel[level].percent ?? Number.NaN) - (100 * counts[level]) / residentialBranches,
        ),
      ).toBeLessThanOrEqual(0.01 + 1e-9);
    }
    const percents = LEVELS.map((level) => ratings.byLevel[level].percent ?? 0);
    expect(Math.round(percents.reduce((s, p) => s + p, 0) * 100)).toBe(10_000);
    expect(ratings.byLevel.weak.count).toBe(0);
  });

  it('finds 515 of the 699 youth residential branches meeting the 7-criteria standard', () => {
    const { met, rated } = ARTICLE.youthStandard;
    const standard = { kind: 'residential', met, rated, percent: Math.round((met / rated) * 10_000) / 100 };
    expect(overview.total.branchRatings.standards.find((s) => s.kind === 'residential')).toEqual(standard);
    const youth = overview.organizations.find((o) => o.organization === 'youth');
    expect(youth?.branchRatings.standards.find((s) => s.kind === 'residential')).toEqual(standard);
  });

  it('compares with the previous year-end: up by the article’s increase and 9.46 points', async () => {
    const yearEnd = build.days.yearEnd;
    const comparison = await getJson<Comparison>(
      t,
      `/api/v1/front/compare?unitId=${PROVINCE}&from=${yearEnd}&to=${t.today}`,
      front,
    );
    const { fromFigures, toFigures, change } = comparison.total;
    expect(fromFigures.members.total).toBe(previousMembers);
    expect(fromFigures.coverage).toBe(previousCoverage);
    expect(toFigures.members.total).toBe(members);
    expect(toFigures.coverage).toBe(ARTICLE.coverage);
    expect(change.members.total).toBe(increase);
    expect(change.coveragePoints).toBe(ARTICLE.coverageIncreasePoints);
    const viNumber = new Intl.NumberFormat('vi-VN');
    expect(comparison.summary.vi).toContain(`tăng ${viNumber.format(increase)}`);
    expect(comparison.summary.vi).toContain('tăng 9,46 điểm phần trăm');
  });

  describe('the .xlsx', () => {
    /** The total row's cells of the total group, which comes after the four organizations' groups. */
    async function totalCells(path: string, sheet: string, perGroup: number): Promise<unknown[]> {
      const rows: unknown[][] = [];
      (await sheetOf(t, front, path, sheet)).eachRow((row) => {
        if (row.getCell(2).value === PROVINCE_NAME) rows.push(row.values as unknown[]);
      });
      const values = rows.at(-1) ?? [];
      const first = 3 + ORGANIZATIONS.length * perGroup;
      return values.slice(first, first + perGroup);
    }

    /** The total row's cells under these headers in the total group (the last group that has them). */
    async function totalByHeader(path: string, sheet: string, headers: string[]): Promise<unknown[]> {
      const read = await sheetOf(t, front, path, sheet);
      const columns = new Map<string, number>();
      let total: unknown[] = [];
      read.eachRow((row) => {
        row.eachCell((cell, column) => {
          if (typeof cell.value === 'string' && headers.includes(cell.value)) columns.set(cell.value, column);
        });
        if (row.getCell(2).value === PROVINCE_NAME) total = row.values as unknown[];
      });
      return headers.map((header) => total[columns.get(header) ?? -1]);
    }

    it('prints the branches by level and the youth’s standard', async () => {
      const counts = expectedLevels(residentialBranches);
      const names = { strong: 'Vững mạnh', good: 'Khá', average: 'Trung bình', weak: 'Yếu kém' };
      const kind = '(chi hội khu dân cư)';
      const cells = await totalByHeader(
        `/api/v1/front/overview.xlsx?unitId=${PROVINCE}`,
        'Xếp loại chi hội',
        [
          ...LEVELS.map((level) => names[level]),
          'Số chi hội được xếp loại',
          ...LEVELS.map((level) => `Tỷ lệ ${names[level].toLowerCase()}`),
          `Đạt chuẩn ${kind}`,
          `Được đánh giá theo chuẩn ${kind}`,
        ],
      );
      expect(cells.slice(0, 5)).toEqual([...LEVELS.map((level) => counts[level]), residentialBranches]);
      const shares = cells.slice(5, 9).map((cell) => round4(cell as number));
      expect(Math.round(shares.reduce((sum, share) => sum + share, 0) * 10_000)).toBe(10_000);
      for (const [i, level] of LEVELS.entries())
        expect(Math.abs((shares[i] ?? Number.NaN) - counts[level] / residentialBranches)).toBeLessThanOrEqual(
          0.0001 + 1e-9,
        );
      expect(cells.slice(9)).toEqual([ARTICLE.youthStandard.met, ARTICLE.youthStandard.rated]);
    });

    it('prints the members, the people to gather and coverage', async () => {
      const cells = await totalCells(`/api/v1/front/overview.xlsx?unitId=${PROVINCE}`, 'Tổng hợp', 5);
      expect(cells.slice(0, 4)).toEqual([members, members, eligible, ARTICLE.coverage]);
    });

    it('prints those gathered and not yet gathered as shares adding up to 100 %', async () => {
      const cells = await totalCells(`/api/v1/front/overview.xlsx?unitId=${PROVINCE}`, 'Cơ cấu', 5);
      // Shares as fractions, shown 0.00%: 58.64 % and 41.36 %, to the hundredth of a percent.
      expect(cells.slice(3).map((cell) => round4(cell as number))).toEqual([
        ARTICLE.coverage,
        round4(1 - ARTICLE.coverage),
      ]);
    });

    it('prints the Party’s introductions and admissions', async () => {
      const cells = await totalCells(
        `/api/v1/front/overview.xlsx?unitId=${PROVINCE}`,
        'Giới thiệu, kết nạp Đảng',
        2,
      );
      expect(cells).toEqual([scaled(ARTICLE.partyIntroduced), scaled(ARTICLE.partyAdmitted)]);
    });

    it('prints the comparison with the year-end', async () => {
      const cells = await totalCells(
        `/api/v1/front/compare.xlsx?unitId=${PROVINCE}&from=${build.days.yearEnd}&to=${t.today}`,
        'So sánh',
        6,
      );
      expect(cells).toEqual([
        previousMembers,
        members,
        increase,
        previousCoverage,
        ARTICLE.coverage,
        ARTICLE.coverageIncreasePoints,
      ]);
    });
  });
});

describe('the article’s table at full size (the plan, not built: ~40 min on this machine)', () => {
  const plan = articlePlan(1);

  it('holds the article’s members, increase, coverage and those not yet gathered', () => {
    const now = sumOf(plan.members);
    const eligibleNow = sumOf(plan.eligible);
    const then = sumOf(plan.previousMembers);
    const eligibleThen = sumOf(plan.previousEligible);
    expect([now, now - then, eligibleNow - now]).toEqual([
      ARTICLE.members,
      ARTICLE.membersIncrease,
      ARTICLE.notYetGathered,
    ]);
    expect(round4(now / eligibleNow)).toBe(ARTICLE.coverage);
    expect(round4(then / eligibleThen)).toBe(previousCoverage);
    expect([sumOf(plan.introduced), sumOf(plan.admitted)]).toEqual([
      ARTICLE.partyIntroduced,
      ARTICLE.partyAdmitted,
    ]);
  });

  it('rates the branches as the test at 1/100 expects: the map is not scaled', () => {
    expect(branchLevelCounts(residentialBranches)).toEqual(expectedLevels(residentialBranches));
  });
});
