/**
 * `npm run demo -- --article`: a generated Đồng Tháp whose figures are the article's table, in the
 * demo's current year — today's figures against the previous year-end's snapshot — built by the
 * demo's own code: the province seeded as `npm start` seeds it, members generated and imported
 * through the import's checks and its bulk path (shaped by article-members.ts), the hamlets'
 * targets set through the use case, the year-end and the last month-ends recorded from the
 * members' histories with the stream's counting code, branches rated (article-ratings.ts), and
 * every aggregate recounted from what was written.
 *
 * The current year rather than the article's 2021: the province is today's, merged on 1 July
 * 2025, and its map did not exist in 2021; in the current year the Front's overview reads the
 * figures as it reads any — today's, and the previous year-end's snapshot for the comparison —
 * with nothing dated before the units it is about.
 */
import { type Organization, tenantIdOf } from '#shared/domain/organizations.ts';
import { toTenantId } from '#shared/domain/tenant-id.ts';
import { AGGREGATE_COUNTERS } from '#shared/figures/counters.ts';
import type { NationalIdVault } from '#shared/privacy/national-id-vault.ts';
import { BranchRepository } from '#shared/store/repositories/branches.ts';
import { ProvinceRepository } from '#shared/store/repositories/provinces.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import type { Table } from '#shared/store/table.ts';
import { DemoFigures, type TargetRule } from '../demo-figures.ts';
import { fraction } from '../demo-history.ts';
import {
  type DemoMembersProgress,
  type DemoMembersWitness,
  importDemoMembers,
  type PlacedBranch,
} from '../demo-members.ts';
import { recountDemoProvince } from '../recount-demo.ts';
import { DEMO_PROVINCE_ID, seedDemoProvince } from '../seed-demo-province.ts';
import { type ArticleDays, articleDays, articleMembers } from './article-members.ts';
import { rateBranches, secondYouthBranches } from './article-ratings.ts';
import { type ArticlePlan, apportion, articlePlan } from './article-table.ts';

export interface BuildArticleOptions {
  readonly table: Table;
  readonly vault: NationalIdVault;
  /** Every count of people divided by it (1: the article's own size). */
  readonly scale: number;
  /** The day the figures are for: the Front's overview of that day reads the article. */
  readonly today: string;
  readonly now: Date;
  /**
   * Write the Front's person records too, which the stream needs to count the people of later
   * changes: a province `npm start` goes on with. @default true
   */
  readonly personRecords?: boolean;
  /** The last month-ends recorded besides the year-end, for the charts over months. @default DEMO_MONTH_ENDS */
  readonly monthEnds?: number;
  readonly onProgress?: (progress: DemoMembersProgress) => void;
  readonly say?: (line: string) => void;
}

export interface ArticleBuild {
  readonly plan: ArticlePlan;
  readonly days: ArticleDays;
  /** Milliseconds each step took, and all of them. */
  readonly ms: Readonly<Record<'province' | 'members' | 'figures' | 'ratings' | 'recount' | 'total', number>>;
}

/**
 * Builds the article's province in a table without the demo province, or finishes a build of it
 * that stopped (at the scale and for the day it began with; every step redone is written again
 * as it was). Refuses a table holding the everyday demo.
 */
export async function buildArticle(options: BuildArticleOptions): Promise<ArticleBuild> {
  const { table, now } = options;
  const marker = await startOrResume(table, { scale: options.scale, today: options.today });
  const plan = articlePlan(marker.scale);
  const days = articleDays(marker.today);
  const started = performance.now();
  let lap = started;
  const ms: Record<string, number> = {};
  const step = (name: string) => {
    ms[name] = performance.now() - lap;
    lap = performance.now();
    options.say?.(`  ${name}: ${(ms[name] / 1000).toFixed(1)} s`);
  };

  await seedDemoProvince(table);
  const youth = table.forTenant(toTenantId(tenantIdOf(DEMO_PROVINCE_ID, 'youth')));
  const hamlets = (await new UnitRepository(youth).all()).filter(
    (unit) => unit.level === 'hamlet' && unit.validTo === null,
  );
  await new BranchRepository(youth).putMany(secondYouthBranches(hamlets, now.toISOString()));
  step('province');

  const figures = new DemoFigures(days.today, {
    alsoOn: [days.yearEnd],
    targets: articleTargets(plan, days),
    ...(options.monthEnds !== undefined && { monthEnds: options.monthEnds }),
  });
  const placed = new Map<Organization, readonly PlacedBranch[]>();
  const witness: DemoMembersWitness = {
    branches: (organization, branches) => {
      placed.set(organization, branches);
      figures.branches(organization, branches);
    },
    member: (organization, member, events) => figures.member(organization, member, events),
  };
  await importDemoMembers({
    table,
    vault: options.vault,
    counts: plan.members,
    // The generator's today: everyone it makes was a member at the year-end; the shape admits the year's.
    today: days.yearEnd,
    at: now.toISOString(),
    concurrency: 16,
    chunkSize: 2_000,
    witness,
    shape: articleMembers(plan, days),
    ...(options.onProgress && { onProgress: options.onProgress }),
  });
  step('members');
  await figures.record(table, now);
  step('figures');
  await rateBranches(table, Number(days.today.slice(0, 4)), placed, now);
  step('ratings');
  await recountDemoProvince(table, { records: options.personRecords ?? true });
  step('recount');
  return { plan, days, ms: { ...ms, total: performance.now() - started } as ArticleBuild['ms'] };
}

/**
 * Each organization's people of age to gather, this year's and the previous year's, spread over
 * all its hamlets: one each, and the rest in proportion to the hamlet's members over a coverage
 * drawn for it between 42 and 80 %, so hamlets differ as in life and the sums are the article's.
 */
function articleTargets(plan: ArticlePlan, days: ArticleDays): TargetRule {
  const thisYear = Number(days.today.slice(0, 4));
  return (organization, year, hamlets) => {
    const total = (year === thisYear ? plan.eligible : plan.previousEligible)[organization];
    if (total < hamlets.size)
      throw new Error(
        `${organization}: ${total} people to gather in ${year} cannot be spread over ${hamlets.size} hamlets`,
      );
    const weights = Object.fromEntries(
      [...hamlets].map(([hamletId, counters]) => {
        const coverage = 0.42 + 0.38 * fraction(`${organization}|${hamletId}|${year}`);
        return [hamletId, ((counters[AGGREGATE_COUNTERS.members.active] ?? 0) + 1) / coverage];
      }),
    );
    const rest = apportion(total - hamlets.size, weights);
    return [...hamlets.keys()].map((hamletId) => ({ hamletId, targetPopulation: 1 + (rest[hamletId] ?? 0) }));
  };
}

/** What the build began with, kept beside the Front's figures so a stopped build resumes alike. */
interface ArticleMarker {
  readonly scale: number;
  readonly today: string;
}

const MARKER_KEY = { pk: 'DEMO_ARTICLE', sk: 'BUILD' };

/** Written before anything else: a province without it is the everyday demo's, not the article's. */
async function startOrResume(table: Table, wanted: ArticleMarker): Promise<ArticleMarker> {
  const front = table.forTenant(toTenantId(tenantIdOf(DEMO_PROVINCE_ID, 'front')));
  const stored = await front.get<ArticleMarker>(MARKER_KEY);
  if (stored) {
    if (stored.scale !== wanted.scale)
      throw new Error(
        `Dữ liệu này là bài báo tỷ lệ 1/${stored.scale}. / This data folder holds the article at 1/${stored.scale}: use that scale, or an empty folder.`,
      );
    return stored;
  }
  if (await new ProvinceRepository(table).get(DEMO_PROVINCE_ID))
    throw new Error(
      'Tỉnh demo đã có trong dữ liệu này: hãy dựng bài báo trong một thư mục dữ liệu trống. / The everyday demo province is in this data folder: build the article in an empty one.',
    );
  await front.put({ entity: 'demo_article_build', key: MARKER_KEY, data: { ...wanted } });
  return wanted;
}
