/**
 * The article's branch ratings: every residential branch of the four organizations rated for the
 * year and approved, at levels as close to its 64.09 / 33.91 / 2.01 / 0 % as whole branches allow,
 * and the Youth Union's 699 residential branches rated against its 7-criteria standard, 515 of
 * them meeting it.
 *
 * The demo has a youth branch per hamlet, 620; the article's province had 699, so the largest
 * hamlets get a second one ("Chi đoàn số 2 …"), before the members are drawn over them.
 *
 * Each organization's criteria set is saved through the use case its admin's page calls (audited,
 * as the demo seed's account), and locked as a submission locks it. The ratings are written as the
 * approval leaves them — answers that score the level, submitted and approved by the seed — in
 * bulk: the audit trail of thousands of officers' clicks is not what the demo shows.
 */
import { createHash } from 'node:crypto';
import type { Branch } from '#shared/domain/branches.ts';
import { ORGANIZATIONS, type Organization, tenantIdOf } from '#shared/domain/organizations.ts';
import type { BranchRating, RatingAnswer } from '#shared/domain/ratings/branch-rating.ts';
import {
  type CriteriaSet,
  RATING_LEVELS,
  type RatingLevel,
  type SaveCriteriaSet,
} from '#shared/domain/ratings/criteria.ts';
import { saveCriteriaSet } from '#shared/domain/ratings/criteria-changes.ts';
import type { RatingWorkspace } from '#shared/domain/ratings/rating-workspace.ts';
import { evaluate } from '#shared/domain/ratings/scoring.ts';
import { toTenantId } from '#shared/domain/tenant-id.ts';
import type { FullUnit } from '#shared/domain/units.ts';
import { AuditRepository } from '#shared/store/repositories/audit.ts';
import { BranchRatingRepository, ratingItem } from '#shared/store/repositories/branch-ratings.ts';
import { BranchRepository } from '#shared/store/repositories/branches.ts';
import { RatingCriteriaRepository } from '#shared/store/repositories/rating-criteria.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import type { Table, TenantTable } from '#shared/store/table.ts';
import { seedPrincipal } from '../demo-figures.ts';
import { fraction } from '../demo-history.ts';
import { type PlacedBranch, RECORDED_BY } from '../demo-members.ts';
import { DEMO_PROVINCE_ID } from '../seed-demo-province.ts';
import { ARTICLE, apportion, branchLevelCounts } from './article-table.ts';

const tenantTableOf = (table: Table, organization: Organization): TenantTable =>
  table.forTenant(toTenantId(tenantIdOf(DEMO_PROVINCE_ID, organization)));

const isResidential = ({ branch, unit }: PlacedBranch) =>
  branch.kind === 'residential' && branch.status === 'active' && unit.level === 'hamlet';

/**
 * The second youth branches that bring the Youth Union's residential ones (the seed's, one a
 * hamlet) to the article's 699, in the hamlets that come first by a fixed draw.
 */
export function secondYouthBranches(hamlets: readonly FullUnit[], createdAt: string): Branch[] {
  const missing = ARTICLE.youthStandard.rated - hamlets.length;
  if (missing < 0) throw new Error(`${hamlets.length} hamlets: more youth branches than the article's`);
  return hamlets
    .toSorted((a, b) => fraction(`second|${a.id}`) - fraction(`second|${b.id}`))
    .slice(0, missing)
    .map((unit) => {
      const name = `Chi đoàn số 2 ${unit.name.charAt(0).toLocaleLowerCase('vi')}${unit.name.slice(1)}`;
      return {
        id: `b-${createHash('sha256').update(`youth|${unit.id}|${name}`).digest('hex').slice(0, 24)}`,
        name,
        kind: 'residential',
        unitId: unit.id,
        economicModel: null,
        createdAt,
      };
    });
}

/** The Youth Union's standard: 7 criteria, all required; met, a branch scores 100 %. */
const YOUTH_SET: SaveCriteriaSet = {
  criteria: [
    ['sinh-hoat-dinh-ky', 'Sinh hoạt chi đoàn định kỳ hằng tháng, có nội dung phù hợp', 20],
    ['ban-chap-hanh', 'Ban chấp hành chi đoàn đủ số lượng, hoạt động đều', 15],
    ['quan-ly-doan-vien', 'Quản lý đoàn viên, thu nộp đoàn phí đúng quy định', 15],
    ['phong-trao', 'Tổ chức ít nhất một công trình, phần việc thanh niên trong năm', 15],
    ['tap-hop-thanh-nien', 'Tập hợp thanh niên vào các mô hình, câu lạc bộ, đội, nhóm', 15],
    ['phat-trien-doan-vien', 'Kết nạp đoàn viên mới, giới thiệu đoàn viên ưu tú cho Đảng', 10],
    ['so-sach', 'Sổ sách, hồ sơ chi đoàn đầy đủ, cập nhật', 10],
  ].map(([id, label, weight]) => ({
    id: id as string,
    label: label as string,
    weight: weight as number,
    kind: 'yes_no' as const,
    required: true,
  })),
  thresholds: { strong: 90, good: 70, average: 50 },
  standardName: 'Chi đoàn khu dân cư đạt chuẩn 7 tiêu chí',
};

/** The associations rate on scores and name no standard: the article counts none of theirs. */
const ASSOCIATION_SET: SaveCriteriaSet = {
  criteria: [
    {
      id: 'sinh-hoat',
      label: 'Sinh hoạt chi hội định kỳ, đúng nội dung',
      weight: 30,
      kind: 'score',
      max: 10,
      pass: 5,
      required: false,
    },
    {
      id: 'hoi-vien',
      label: 'Phát triển, quản lý hội viên, thu hội phí',
      weight: 25,
      kind: 'score',
      max: 10,
      pass: 5,
      required: false,
    },
    {
      id: 'phong-trao',
      label: 'Thực hiện các phong trào thi đua, cuộc vận động',
      weight: 25,
      kind: 'score',
      max: 10,
      pass: 5,
      required: false,
    },
    {
      id: 'mo-hinh',
      label: 'Có mô hình, tổ hội, câu lạc bộ hoạt động hiệu quả',
      weight: 20,
      kind: 'yes_no',
      required: false,
    },
  ],
  thresholds: { strong: 85, good: 70, average: 50 },
  standardName: null,
};

/**
 * Answers scoring each level against the set: the youth's failing criteria worth 10 % (still
 * strong, short of the standard), 25 % and 35 %; the associations' scores out of 10.
 */
const ANSWERS: Record<
  'youth' | 'associations',
  Record<RatingLevel | 'standard', Record<string, RatingAnswer>>
> = {
  youth: {
    standard: yesNo(YOUTH_SET, []),
    strong: yesNo(YOUTH_SET, ['so-sach']),
    good: yesNo(YOUTH_SET, ['phong-trao', 'so-sach']),
    average: yesNo(YOUTH_SET, ['sinh-hoat-dinh-ky', 'tap-hop-thanh-nien']),
    weak: yesNo(YOUTH_SET, ['sinh-hoat-dinh-ky', 'ban-chap-hanh', 'phong-trao', 'so-sach']),
  },
  associations: {
    standard: scores([10, 10, 10], true),
    strong: scores([9, 9, 8], true),
    good: scores([8, 7, 7], true),
    average: scores([7, 6, 6], false),
    weak: scores([4, 3, 4], false),
  },
};

function yesNo(set: SaveCriteriaSet, failed: readonly string[]): Record<string, RatingAnswer> {
  return Object.fromEntries(
    set.criteria.map((c) => [c.id, { met: !failed.includes(c.id), score: null, note: null }]),
  );
}

function scores([a, b, c]: readonly number[], model: boolean): Record<string, RatingAnswer> {
  const score = (value = 0) => ({ met: null, score: value, note: null });
  return {
    'sinh-hoat': score(a),
    'hoi-vien': score(b),
    'phong-trao': score(c),
    'mo-hinh': { met: model, score: null, note: null },
  };
}

/**
 * How many residential branches of each organization get each level: the Youth Union's 515
 * meeting the standard are strong, the rest of its 699 good and average as the article's good and
 * average stand to each other; the associations' branches take the levels left, dealt in turn so
 * each gets its own branches' worth.
 */
export function levelsByOrganization(
  residential: Readonly<Record<Organization, number>>,
): Record<Organization, Record<RatingLevel | 'standard', number>> {
  const total = branchLevelCounts(ORGANIZATIONS.reduce((s, o) => s + residential[o], 0));
  const { met, rated } = ARTICLE.youthStandard;
  const youthRest = apportion(rated - met, {
    good: ARTICLE.branchLevels.good,
    average: ARTICLE.branchLevels.average,
  });
  const youth = { standard: met, strong: 0, good: youthRest.good, average: youthRest.average, weak: 0 };
  const left: Record<RatingLevel, number> = {
    strong: total.strong - met,
    good: total.good - youth.good,
    average: total.average - youth.average,
    weak: total.weak,
  };
  // The levels left, best first, dealt to the associations in turn, skipping one whose branches are all rated.
  const associations = ORGANIZATIONS.filter((o) => o !== 'youth');
  const counts = Object.fromEntries(
    ORGANIZATIONS.map((o) => [o, { standard: 0, strong: 0, good: 0, average: 0, weak: 0 }]),
  ) as Record<Organization, Record<RatingLevel | 'standard', number>>;
  let turn = 0;
  for (const level of RATING_LEVELS)
    for (let i = 0; i < left[level]; i++) {
      const open = associations.filter((o) => sum(counts[o]) < residential[o]);
      const organization = open[turn++ % open.length];
      if (!organization) throw new Error('More levels than the associations have residential branches');
      counts[organization][level] += 1;
    }
  counts.youth = youth;
  return counts;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((s, c) => s + c, 0);

/** Every residential branch of each organization rated for `year` and approved, the sets locked. */
export async function rateBranches(
  table: Table,
  year: number,
  placed: ReadonlyMap<Organization, readonly PlacedBranch[]>,
  now: Date,
): Promise<void> {
  const residential = new Map(ORGANIZATIONS.map((o) => [o, (placed.get(o) ?? []).filter(isResidential)]));
  const levels = levelsByOrganization(
    Object.fromEntries(ORGANIZATIONS.map((o) => [o, residential.get(o)?.length ?? 0])) as Record<
      Organization,
      number
    >,
  );
  for (const organization of ORGANIZATIONS) {
    const tenantTable = tenantTableOf(table, organization);
    const ws: RatingWorkspace = {
      units: new UnitRepository(tenantTable),
      branches: new BranchRepository(tenantTable),
      audit: new AuditRepository(tenantTable),
      criteria: new RatingCriteriaRepository(tenantTable),
      ratings: new BranchRatingRepository(tenantTable),
    };
    const ctx = { principal: seedPrincipal(tenantTable.tenant), requestId: RECORDED_BY.userId, now };
    const input = organization === 'youth' ? YOUTH_SET : ASSOCIATION_SET;
    // A build resumed after the ratings were written finds its set locked, as a submission leaves it.
    const saved = await ws.criteria.get(year, 'residential');
    const set = saved?.locked ? saved : (await saveCriteriaSet(ws, ctx, year, 'residential', input)).set;
    const answers = ANSWERS[organization === 'youth' ? 'youth' : 'associations'];
    // Levels go to branches in an order fixed by their ids, not by their place in the tree.
    const branches = (residential.get(organization) ?? []).toSorted(
      (a, b) => fraction(`rating|${a.branch.id}`) - fraction(`rating|${b.branch.id}`),
    );
    const assigned = Object.entries(levels[organization]).flatMap(([level, count]) =>
      Array.from({ length: count }, () => level as RatingLevel | 'standard'),
    );
    if (assigned.length !== branches.length)
      throw new Error(
        `${organization}: ${assigned.length} levels for ${branches.length} residential branches`,
      );
    const ratings = branches.map((placedBranch, i) =>
      approvedRating(set, placedBranch, answers[assigned[i] as RatingLevel | 'standard'], now),
    );
    await tenantTable.putMany(ratings.map(ratingItem), 8);
    const tx = ws.ratings.transaction();
    ws.criteria.lockFor(tx, set);
    await tx.commit();
  }
}

function approvedRating(
  set: CriteriaSet,
  { branch, unit }: PlacedBranch,
  answers: Record<string, RatingAnswer>,
  now: Date,
): BranchRating {
  const evaluation = evaluate(set, answers);
  const at = now.toISOString();
  return {
    id: `r-${branch.id}-${set.year}`,
    branchId: branch.id,
    branchName: branch.name,
    branchKind: branch.kind,
    unitId: unit.id,
    unitIds: [...unit.ancestorIds, unit.id],
    // Residential branches sit in hamlets.
    communeId: unit.parentId,
    year: set.year,
    criteriaVersion: set.version,
    standardName: set.standardName,
    answers,
    ...evaluation,
    level: evaluation.proposedLevel,
    overrideReason: null,
    state: 'approved',
    returnReason: null,
    unlockReason: null,
    submittedAt: at,
    submittedBy: RECORDED_BY.username,
    decidedAt: at,
    decidedBy: RECORDED_BY.username,
    createdAt: at,
    updatedAt: at,
    updatedBy: RECORDED_BY.username,
    version: 3,
  };
}
