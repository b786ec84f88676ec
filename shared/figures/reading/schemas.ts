/** What the figures endpoints answer, as zod schemas (the OpenAPI description and the types). */
import { z } from 'zod';
import { resolvedFromField } from '../../domain/admin-units/resolve-unit.ts';
import { BRANCH_KINDS } from '../../domain/branches.ts';
import { ORGANIZATIONS, TENANT_KINDS } from '../../domain/organizations.ts';
import { singleLineText } from '../../domain/text-fields.ts';
import { UNIT_LEVELS } from '../../domain/units.ts';

const date = z.iso.date();

const count = z.number().int().nullable().meta({
  description:
    'null: suppressed (1–4 people below commune level, or a cell that would give such a count back by addition or subtraction), or no figures for the day',
});

export const memberCountsSchema = z
  .object({
    total: count.meta({ description: 'Current members: active + away + lapsed' }),
    active: count,
    away: count,
    lapsed: count,
    transferredOut: count,
    removed: count,
    deceased: count,
    graduated: count,
  })
  .meta({ id: 'MemberCounts' });
export type MemberCounts = z.infer<typeof memberCountsSchema>;

export const branchCountsSchema = z
  .object({ total: count, residential: count, professional: count, agency: count })
  .meta({ id: 'BranchCounts' });
export type BranchCounts = z.infer<typeof branchCountsSchema>;

const coverageFields = {
  targetPopulation: count.meta({
    description: 'Σ of the targets that speak for the subtree (the topmost ones); null when none is set',
  }),
  coverage: z
    .number()
    .nullable()
    .meta({ description: 'Active members ÷ target population, a fraction to 4 decimals (0.5864 = 58.64 %)' }),
  notYetGathered: count.meta({ description: 'Target population not yet gathered as active members' }),
  unitsWithoutTarget: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'Units at the lowest level in the subtree with no target on them or above them' }),
};

export const partyCountsSchema = z
  .object({
    year: z.number().int().meta({
      description: 'The calendar year counted: the year of the day asked about (asOf, or `from` / `to`)',
      example: 2026,
    }),
    introduced: count.meta({
      description:
        'Introductions to the Party made in the year (giới thiệu đoàn viên, hội viên ưu tú cho Đảng xem xét, kết nạp), withdrawn ones left out, as known on the day the figures stand for. Former members count too, where they are now',
    }),
    admitted: count.meta({ description: 'Introductions answered by admission to the Party in the year' }),
  })
  .meta({ id: 'PartyCounts' });
export type PartyCounts = z.infer<typeof partyCountsSchema>;

const share = z.number().nullable().meta({
  description:
    'Percentage of the members rated, to 2 decimals (64.09 = 64.09 %); the four add up to exactly 100.00 (largest remainder), all 0 when nobody is rated; null with its count or with `rated`',
});

export const memberRatingsSchema = z
  .object({
    year: z.number().int().meta({
      description: 'The year rated: the year of the day asked about (asOf, or `from` / `to`)',
      example: 2026,
    }),
    counts: z.object({ excellent: count, good: count, fulfilled: count, not_fulfilled: count }).meta({
      description:
        'Members rated for the year by level (hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành nhiệm vụ), as known on the day the figures stand for. Former members rated that year count too, where they are now',
    }),
    rated: count.meta({ description: 'Members rated for the year: the sum of the four counts' }),
    percentages: z.object({ excellent: share, good: share, fulfilled: share, not_fulfilled: share }),
  })
  .meta({ id: 'MemberRatingCounts' });
export type MemberRatings = z.infer<typeof memberRatingsSchema>;

const levelShare = z.object({
  count: count.meta({ description: 'Branches whose approved rating of the year is at this level' }),
  percent: z.number().nullable().meta({
    description:
      'Percentage of the branches rated, to 2 decimals (64.09 = 64.09 %); the four add up to exactly 100.00 (largest remainder), all 0 when none is rated; null when the counts are unknown',
  }),
});

export const branchRatingsSchema = z
  .object({
    year: z.number().int().meta({
      description: 'The year rated: the year of the day asked about (asOf, or `from` / `to`)',
      example: 2026,
    }),
    byLevel: z.object({ strong: levelShare, good: levelShare, average: levelShare, weak: levelShare }).meta({
      description:
        'Branches by the level of their approved rating (vững mạnh/mạnh, khá, trung bình, yếu kém); a rating unlocked back to a draft does not count until approved again. Branches are not people: never hidden',
    }),
    rated: count.meta({ description: 'Branches with an approved rating of the year: the sum of the four' }),
    standards: z
      .array(
        z.object({
          kind: z.enum(BRANCH_KINDS),
          met: count.meta({ description: 'Of those rated against the standard, the ones meeting it' }),
          rated: count.meta({
            description: 'Branches of the kind with an approved rating whose criteria set names a standard',
          }),
          percent: z
            .number()
            .nullable()
            .meta({ description: 'met ÷ rated as a percentage to 2 decimals; null when none is rated' }),
        }),
      )
      .meta({ description: 'By branch kind, every kind: the Youth Union’s 515 of 699 residential branches' }),
  })
  .meta({ id: 'BranchRatingCounts' });
export type BranchRatings = z.infer<typeof branchRatingsSchema>;

export const reviewYearSchema = z
  .object({
    year: z.number().int(),
    branches: count.meta({ description: 'Branches whose review of the year has started' }),
    done: count.meta({ description: 'Of them, the branches done' }),
    members: count.meta({ description: 'Current members of those branches, as of each review’s last write' }),
    reviewed: count.meta({
      description: 'Of them, confirmed in their current status: active + away + lapsed',
    }),
    active: count.meta({ description: 'Reviewed and found present' }),
    away: count.meta({ description: 'Reviewed and found away' }),
    lapsed: count.meta({ description: 'Reviewed and found lapsed' }),
    left: count.meta({
      description: 'Members whose membership the review ended (removed, deceased, graduated)',
    }),
  })
  .meta({ id: 'MemberReviewYearCounts' });
export type ReviewYear = z.infer<typeof reviewYearSchema>;

export const reviewSchema = reviewYearSchema
  .extend({
    year: z.number().int().meta({
      description: 'The year reviewed: the year of the day asked about (asOf, or `from` / `to`)',
      example: 2026,
    }),
    previousYear: reviewYearSchema.nullable().meta({
      description:
        'The previous year’s review, as known on the same day; null when none of its branches was reviewed',
    }),
  })
  .meta({ id: 'MemberReviewCounts' });
export type Review = z.infer<typeof reviewSchema>;

const unitRef = { unitId: z.string(), name: z.string(), level: z.enum(UNIT_LEVELS) };

const suppressed = z.boolean().meta({
  description:
    'Some counts of this row are hidden: fewer than 5 people below commune level, or counts that would give those back',
});

export const statsRowSchema = z
  .object({
    ...unitRef,
    members: memberCountsSchema,
    gender: z.object({ male: count, female: count }),
    ageBands: z
      .array(z.object({ band: z.string().meta({ example: '16-18' }), count }))
      .meta({ description: 'Current members by age reached in the year of the figures' }),
    professional: count.meta({ description: 'Current members in professional branches' }),
    branches: branchCountsSchema,
    ...coverageFields,
    party: partyCountsSchema,
    memberRatings: memberRatingsSchema,
    branchRatings: branchRatingsSchema,
    review: reviewSchema,
    suppressed,
  })
  .meta({ id: 'UnitFigures' });
export type StatsRow = z.infer<typeof statsRowSchema>;

export const missingTargetSchema = z
  .object({ ...unitRef, parentId: z.string().nullable() })
  .meta({ id: 'UnitWithoutTarget' });

export const statsSchema = statsRowSchema
  .extend({
    asOf: date,
    resolvedFrom: resolvedFromField,
    snapshot: date.nullable().meta({ description: 'The snapshot that answered; null: current figures' }),
    figuresDate: date.meta({ description: 'The day the figures stand for' }),
    targetYear: z.number().int(),
    missingTargets: z.array(missingTargetSchema),
    children: z.array(statsRowSchema),
  })
  .meta({ id: 'Stats' });
export type Stats = z.infer<typeof statsSchema>;

export const organizationFiguresSchema = z
  .object({
    organization: z.enum(ORGANIZATIONS),
    members: memberCountsSchema,
    professional: count,
    branches: branchCountsSchema,
    ...coverageFields,
    party: partyCountsSchema,
    memberRatings: memberRatingsSchema,
    branchRatings: branchRatingsSchema,
    review: reviewSchema,
    suppressed,
  })
  .meta({ id: 'OrganizationFigures' });
export type OrganizationFigures = z.infer<typeof organizationFiguresSchema>;

export const totalFiguresSchema = z
  .object({
    members: memberCountsSchema,
    professional: count,
    branches: branchCountsSchema,
    ...coverageFields,
    party: partyCountsSchema,
    memberRatings: memberRatingsSchema,
    branchRatings: branchRatingsSchema,
    review: reviewSchema,
    uniquePersons: count.meta({
      description:
        'Distinct people among the four organizations’ current members (a person in two organizations counts once, matched by a keyed hash of the national id; members without one count as distinct). Counted for the province, districts and communes; null for hamlets',
    }),
    suppressed,
  })
  .meta({ id: 'TotalFigures' });
export type TotalFigures = z.infer<typeof totalFiguresSchema>;

export const frontRowSchema = z
  .object({ ...unitRef, organizations: z.array(organizationFiguresSchema), total: totalFiguresSchema })
  .meta({ id: 'FrontUnitFigures' });
export type FrontRow = z.infer<typeof frontRowSchema>;

export const snapshotCorrectionSchema = z
  .object({
    revision: z.number().int().min(2),
    revisedAt: z.iso.datetime(),
    reason: z.string(),
  })
  .meta({ id: 'SnapshotCorrection' });
export type SnapshotCorrection = z.infer<typeof snapshotCorrectionSchema>;

export const figuresSourceSchema = z
  .object({
    tenant: z.enum(TENANT_KINDS),
    snapshot: date.nullable(),
    figuresDate: date,
    available: z.boolean().meta({ description: 'false: no figures were recorded on or before the day' }),
    targetYear: z.number().int().meta({ description: 'The year whose targets coverage used' }),
    revised: z.boolean().meta({
      description:
        'Revised figures (số liệu điều chỉnh): the snapshot read was corrected after it was taken; its latest revision is read',
    }),
    revisions: z
      .array(snapshotCorrectionSchema)
      .meta({ description: 'The corrections of the snapshot read, oldest first, each with its reason' }),
  })
  .meta({ id: 'FiguresSource' });
export type FiguresSourceInfo = z.infer<typeof figuresSourceSchema>;

export const overviewSchema = frontRowSchema
  .extend({
    asOf: date,
    resolvedFrom: resolvedFromField,
    sources: z.array(figuresSourceSchema),
    children: z.array(frontRowSchema),
  })
  .meta({ id: 'FrontOverview' });
export type Overview = z.infer<typeof overviewSchema>;

const change = z.number().int().nullable();

export const changeSchema = z
  .object({
    members: z.object({
      total: change,
      active: change,
      away: change,
      lapsed: change,
      transferredOut: change,
      removed: change,
      deceased: change,
      graduated: change,
    }),
    professional: change,
    branches: z.object({ total: change, residential: change, professional: change, agency: change }),
    targetPopulation: change,
    coveragePoints: z
      .number()
      .nullable()
      .meta({ description: 'Change of coverage in percentage points, to 2 decimals (9.46)' }),
    notYetGathered: change,
    uniquePersons: change,
    party: z.object({ introduced: change, admitted: change }).meta({
      description:
        'The year of `to`’s introductions and admissions less those of `from`’s year, each as of its day',
    }),
    memberRatings: z
      .object({
        counts: z.object({ excellent: change, good: change, fulfilled: change, not_fulfilled: change }),
        rated: change,
      })
      .meta({ description: 'The members rated for `to`’s year less those rated for `from`’s year' }),
    branchRatings: z
      .object({
        byLevel: z.object({ strong: change, good: change, average: change, weak: change }),
        rated: change,
        standards: z.array(z.object({ kind: z.enum(BRANCH_KINDS), met: change, rated: change })),
      })
      .meta({ description: 'The branches rated for `to`’s year less those rated for `from`’s year' }),
    review: z
      .object({
        branches: change,
        done: change,
        members: change,
        reviewed: change,
        active: change,
        away: change,
        lapsed: change,
        left: change,
      })
      .meta({ description: 'The review of `to`’s year less that of `from`’s year' }),
  })
  .meta({ id: 'FiguresChange' });
export type Change = z.infer<typeof changeSchema>;

const organizationChangeSchema = z.object({
  organization: z.enum(ORGANIZATIONS),
  fromFigures: organizationFiguresSchema,
  toFigures: organizationFiguresSchema,
  change: changeSchema,
});

const totalChangeSchema = z.object({
  fromFigures: totalFiguresSchema,
  toFigures: totalFiguresSchema,
  change: changeSchema,
});

export const compareRowSchema = z
  .object({
    ...unitRef,
    organizations: z.array(organizationChangeSchema),
    total: totalChangeSchema,
    includes: z
      .array(
        z.object({
          unitId: z.string(),
          name: z.string(),
          partial: z.boolean().meta({
            description: 'Split between several units since: counted whole here, in the first of them',
          }),
        }),
      )
      .optional()
      .meta({
        description:
          'The units of `from`, closed since, whose figures the `from` side sums with the row’s own (a merger); absent when the row stood as it is',
      }),
  })
  .meta({ id: 'FrontUnitComparison' });
export type CompareRow = z.infer<typeof compareRowSchema>;

export const comparisonSchema = compareRowSchema
  .extend({
    resolvedFrom: resolvedFromField,
    from: date,
    to: date,
    sources: z.object({ from: z.array(figuresSourceSchema), to: z.array(figuresSourceSchema) }),
    summary: z
      .object({ vi: z.string(), en: z.string() })
      .meta({ description: 'The sentence a report writes about the unit’s total' }),
    children: z.array(compareRowSchema),
  })
  .meta({ id: 'FrontComparison' });
export type Comparison = z.infer<typeof comparisonSchema>;

export const snapshotRequestSchema = z
  .strictObject({
    date: date
      .optional()
      .meta({ description: 'The day the snapshot stands for; defaults to today (Vietnam)' }),
    provinceId: z
      .string()
      .max(40)
      .optional()
      .meta({ description: 'Platform operators: snapshot every tenant of this province' }),
  })
  .meta({ id: 'SnapshotRequest' });

export type SnapshotRequest = z.infer<typeof snapshotRequestSchema>;

const tenantSnapshotSchema = z.object({
  status: z.enum(['taken', 'existing']).meta({
    description:
      'existing: the day had a snapshot already and it was kept (scheduled runs only; the API refuses instead)',
  }),
  units: z.number().int(),
  copied: z.number().int(),
});
export type TenantSnapshot = z.infer<typeof tenantSnapshotSchema>;

export const snapshotResultSchema = z
  .object({
    date,
    tenants: z.array(tenantSnapshotSchema.extend({ tenantId: z.string() })),
  })
  .meta({ id: 'SnapshotResult' });
export type SnapshotResult = z.infer<typeof snapshotResultSchema>;

export const snapshotRevisionRequestSchema = z
  .strictObject({
    reason: singleLineText({ max: 500 }).meta({
      description: 'Why the figures are corrected; the Front reads it beside them',
      example: 'Nhập bổ sung 3 hội viên kết nạp ngày 28/11 bị sót',
    }),
  })
  .meta({ id: 'SnapshotRevisionRequest' });
export type SnapshotRevisionRequest = z.infer<typeof snapshotRevisionRequestSchema>;

export const snapshotRevisionSchema = z
  .object({
    date,
    revision: z.number().int().min(2),
    revisedAt: z.iso.datetime(),
    reason: z.string(),
    units: z.number().int(),
    copied: z.number().int(),
  })
  .meta({ id: 'SnapshotRevision' });
export type SnapshotRevisionResult = z.infer<typeof snapshotRevisionSchema>;
