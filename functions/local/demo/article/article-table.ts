/**
 * The table of the article our users wrote (../shared/seed/dong-thap-2021-article.vi.txt), and
 * what a build of it at a scale must hold: every count of people divided by the scale and
 * rounded, the percentages kept where whole numbers allow, and the split across the four
 * organizations, which the article does not give.
 *
 * The scale divides people, never the province's map: the demo's 620 hamlets and their branches
 * stand at any scale, so the branches rated, and their shares, are the article's at every scale.
 */
import { ORGANIZATIONS, type Organization } from '#shared/domain/organizations.ts';
import { RATING_LEVELS, type RatingLevel } from '#shared/domain/ratings/criteria.ts';

/** The figures as the article prints them (its 44.36 % is a misprint: 374,881 is 41.36 % of 906,348). */
export const ARTICLE = {
  /** Members in residential areas of the four organizations, after the review. */
  members: 531_467,
  /** Up on the year before. */
  membersIncrease: 103_777,
  /** Members ÷ the people of age to gather present locally, as a fraction to 4 decimals. */
  coverage: 0.5864,
  coverageIncreasePoints: 9.46,
  notYetGathered: 374_881,
  /** Residential branches by level, % (64.09 + 33.91 + 2.01 = 100.01: the article's own rounding). */
  branchLevels: { strong: 64.09, good: 33.91, average: 2.01, weak: 0 } satisfies Record<RatingLevel, number>,
  /** Youth Union residential branches meeting the 7-criteria standard, of those rated against it. */
  youthStandard: { met: 515, rated: 699 },
  partyIntroduced: 7_355,
  partyAdmitted: 2_082,
} as const;

/**
 * Shares of each count among the four organizations (ours: the article gives sums only). Farmers
 * and women gather most adults of a hamlet, the Youth Union its young, veterans few; the Party's
 * introductions come mostly from the Youth Union, and few veterans are still outside the Party.
 */
const MEMBER_SHARES: Record<Organization, number> = { farmers: 33, women: 36, veterans: 8, youth: 23 };
const PARTY_SHARES: Record<Organization, number> = { farmers: 24, women: 26, veterans: 4, youth: 46 };

export type PerOrganization = Readonly<Record<Organization, number>>;

/** What a build at a scale holds, each count also split by organization. */
export interface ArticlePlan {
  readonly scale: number;
  /** Current members today, every one of them present (active), and how many were admitted since the year-end. */
  readonly members: PerOrganization;
  readonly increase: PerOrganization;
  /** Members at the previous year-end: today's less those admitted since. */
  readonly previousMembers: PerOrganization;
  /** People of age to gather, this year and the year before (the hamlets' targets summed). */
  readonly eligible: PerOrganization;
  readonly previousEligible: PerOrganization;
  readonly introduced: PerOrganization;
  readonly admitted: PerOrganization;
}

/**
 * The plan at `scale`: the article's counts divided and rounded; the eligible this year are the
 * members plus those not yet gathered (so coverage is the article's), and the year before the
 * number that gives the coverage 9.46 points lower with the members then.
 */
export function articlePlan(scale: number): ArticlePlan {
  if (!Number.isInteger(scale) || scale < 1)
    throw new RangeError(`The scale must be a whole number from 1, not ${scale}`);
  const scaled = (count: number) => Math.round(count / scale);
  const members = scaled(ARTICLE.members);
  const increase = scaled(ARTICLE.membersIncrease);
  const previous = members - increase;
  const eligible = members + scaled(ARTICLE.notYetGathered);
  const previousCoverage = ARTICLE.coverage - ARTICLE.coverageIncreasePoints / 100;
  const previousEligible = Math.round(previous / previousCoverage);
  const byMembers = (total: number) => apportion(total, MEMBER_SHARES);
  const split = {
    members: byMembers(members),
    increase: byMembers(increase),
  };
  return {
    scale,
    ...split,
    previousMembers: mapOrganizations((o) => split.members[o] - split.increase[o]),
    eligible: byMembers(eligible),
    previousEligible: byMembers(previousEligible),
    introduced: apportion(scaled(ARTICLE.partyIntroduced), PARTY_SHARES),
    admitted: apportion(scaled(ARTICLE.partyAdmitted), PARTY_SHARES),
  };
}

/**
 * Whole branches at each level as close to the article's percentages as `branches` allow: each
 * level's share of them rounded down, the branches left over to the largest remainders.
 */
export function branchLevelCounts(branches: number): Record<RatingLevel, number> {
  const counts = apportion(branches, ARTICLE.branchLevels);
  return Object.fromEntries(RATING_LEVELS.map((level) => [level, counts[level]])) as Record<
    RatingLevel,
    number
  >;
}

/** `total` split in proportion to `weights`, in whole numbers adding up to it (largest remainder). */
export function apportion<K extends string>(
  total: number,
  weights: Readonly<Record<K, number>>,
): Record<K, number> {
  const keys = Object.keys(weights) as K[];
  const sum = keys.reduce((s, k) => s + weights[k], 0);
  const quotas = keys.map((k) => (total * weights[k]) / sum);
  const counts = quotas.map(Math.floor);
  let left = total - counts.reduce((s, c) => s + c, 0);
  const order = quotas
    .map((quota, i) => ({ i, remainder: quota - Math.floor(quota) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return Object.fromEntries(keys.map((k, i) => [k, counts[i] ?? 0])) as Record<K, number>;
}

function mapOrganizations(value: (organization: Organization) => number): PerOrganization {
  return Object.fromEntries(ORGANIZATIONS.map((o) => [o, value(o)])) as PerOrganization;
}

export const sumOf = (counts: PerOrganization) => ORGANIZATIONS.reduce((s, o) => s + counts[o], 0);
