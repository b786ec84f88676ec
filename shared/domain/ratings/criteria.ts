/**
 * Criteria sets for rating branches (tiêu chí đánh giá, xếp loại chi hội, chi đoàn): the one zod
 * source of what an organization's admin configures per year and branch kind, and of the set as
 * kept and shown.
 *
 * A criterion is met or not (yes_no), or scored up to a maximum and met from its pass mark
 * (score). Each weighs in the weighted score, whose percentage against the thresholds proposes
 * the level. A set may name a standard (the Youth Union's residential branches: 7 criteria, all
 * required — "chi đoàn đạt chuẩn"): a rating meets it when every required criterion is met.
 */
import { z } from 'zod';
import { branchKindSchema } from '../branches.ts';
import { singleLineText } from '../text-fields.ts';

/** Best first: vững mạnh/mạnh, khá, trung bình, yếu kém. */
export const RATING_LEVELS = ['strong', 'good', 'average', 'weak'] as const;
export const ratingLevelSchema = z.enum(RATING_LEVELS).meta({
  description: 'strong: vững mạnh/mạnh; good: khá; average: trung bình; weak: yếu kém',
});
export type RatingLevel = z.infer<typeof ratingLevelSchema>;

/** The year a set or a rating is for. */
export const ratingYearSchema = z.coerce.number().int().min(2000).max(2100).meta({ example: 2026 });

/** Short slugs: they key a rating's answers, so they stay readable and never reach into a key. */
export const criterionIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/)
  .meta({ example: 'sinh-hoat-dinh-ky' });

const criterionFields = {
  id: criterionIdSchema,
  label: singleLineText({ max: 300 }).meta({ example: 'Tổ chức sinh hoạt chi đoàn định kỳ hằng tháng' }),
  weight: z.number().int().min(1).max(100).meta({ description: 'Its share of the weighted score' }),
  required: z.boolean().meta({ description: 'Required for the standard (if the set names one)' }),
};

export const criterionSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ ...criterionFields, kind: z.literal('yes_no') }),
    z.strictObject({
      ...criterionFields,
      kind: z.literal('score'),
      max: z.number().int().min(1).max(1000),
      pass: z.number().min(0).max(1000).meta({ description: 'A score at least this meets the criterion' }),
    }),
  ])
  .meta({ id: 'RatingCriterion' });
export type Criterion = z.infer<typeof criterionSchema>;

const percent = z.number().int().min(0).max(100);

export const thresholdsSchema = z.strictObject({ strong: percent, good: percent, average: percent }).meta({
  id: 'RatingThresholds',
  description: 'Lowest weighted score (%) of each level, strong > good > average; below average is weak',
  example: { strong: 90, good: 70, average: 50 },
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

const setFields = {
  criteria: z.array(criterionSchema).min(1).max(40),
  thresholds: thresholdsSchema,
  standardName: singleLineText({ max: 160 })
    .nullable()
    .default(null)
    .meta({ example: 'Chi đoàn khu dân cư đạt chuẩn' }),
};

/** A rule of the set as a whole, refused beside its field (codes in messages.ts fieldMessages). */
const issue = (path: (string | number)[], code: string) => ({
  code: 'custom' as const,
  path,
  params: { code },
  message: code,
});

export const saveCriteriaSetSchema = z
  .strictObject(setFields)
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.criteria.forEach((criterion, i) => {
      if (seen.has(criterion.id)) ctx.addIssue(issue(['criteria', i, 'id'], 'duplicate_id'));
      seen.add(criterion.id);
      if (criterion.kind === 'score' && criterion.pass > criterion.max)
        ctx.addIssue(issue(['criteria', i, 'pass'], 'pass_above_max'));
    });
    const { strong, good, average } = set.thresholds;
    if (!(strong > good)) ctx.addIssue(issue(['thresholds', 'good'], 'threshold_order'));
    if (!(good > average)) ctx.addIssue(issue(['thresholds', 'average'], 'threshold_order'));
    if (set.standardName !== null && !set.criteria.some((criterion) => criterion.required))
      ctx.addIssue(issue(['standardName'], 'standard_without_required'));
  })
  .meta({ id: 'SaveRatingCriteria' });
export type SaveCriteriaSet = z.infer<typeof saveCriteriaSetSchema>;

export const criteriaSetSchema = z
  .object({
    year: z.number().int(),
    branchKind: branchKindSchema,
    ...setFields,
    locked: z
      .boolean()
      .meta({ description: 'A rating of this set was submitted: the set no longer changes' }),
    updatedAt: z.iso.datetime(),
    updatedBy: z.string().meta({ description: 'Username of who saved this version' }),
    version: z.number().int().min(1).meta({ description: 'Bumped by every change; the ETag' }),
  })
  .meta({ id: 'RatingCriteria' });
export type CriteriaSet = z.infer<typeof criteriaSetSchema>;

/** The audit trail's name for a set: one per year and branch kind. */
export const criteriaSetEntityId = (year: number, kind: string) => `rating-criteria-${year}-${kind}`;
