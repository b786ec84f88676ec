/**
 * A branch's rating for a year (đánh giá, xếp loại chi hội, chi đoàn): the one zod source of the
 * rating as kept and shown, and of what may be sent to save, return or unlock one.
 *
 * The commune's officer enters the self-assessment (a draft: answers per criterion, with notes)
 * and submits it; the level above approves it (then it is locked) or returns it with a reason
 * (editable again). Unlocking an approved rating, back to a draft, is the organization admin's,
 * with a reason. The level is the one the scores propose unless overridden, with a reason.
 *
 * A rating copies its branch's kind and units (the unit and its ancestors), so figures can count
 * ratings per unit and level from the rating alone.
 */

import { z } from 'zod';
import { progressSchema } from '../admin-units/year-list-place.ts';
import { branchKindSchema } from '../branches.ts';
import { multiLineText } from '../text-fields.ts';
import { criterionIdSchema, ratingLevelSchema, ratingYearSchema } from './criteria.ts';

/** draft and returned are editable; submitted awaits the level above; approved is locked. */
export const RATING_STATES = ['draft', 'submitted', 'returned', 'approved'] as const;
export const ratingStateSchema = z.enum(RATING_STATES);
export type RatingState = z.infer<typeof ratingStateSchema>;

/** A rating's answer to one criterion: `met` for yes/no criteria, `score` for scored ones. */
export const ratingAnswerSchema = z
  .object({ met: z.boolean().nullable(), score: z.number().nullable(), note: z.string().nullable() })
  .meta({ id: 'RatingAnswer' });
export type RatingAnswer = z.infer<typeof ratingAnswerSchema>;

export const MAX_ANSWERS = 40;

const reasonText = multiLineText({ max: 1000 });

export const saveRatingSchema = z
  .strictObject({
    answers: z
      .record(
        criterionIdSchema,
        z.strictObject({
          met: z.boolean().optional().meta({ description: 'Yes/no criteria' }),
          score: z
            .number()
            .min(0)
            .max(1000)
            .optional()
            .meta({ description: 'Scored criteria, up to their max' }),
          note: reasonText.nullable().optional(),
        }),
      )
      .refine((answers) => Object.keys(answers).length <= MAX_ANSWERS, {
        params: { code: 'too_big' },
        message: 'too_big',
      })
      .meta({
        description: 'By criterion id; a criterion left out (or with a note only) is not answered yet',
      }),
    level: ratingLevelSchema
      .optional()
      .meta({ description: 'Defaults to the proposed level; another one needs overrideReason' }),
    overrideReason: reasonText.nullable().optional(),
  })
  .meta({ id: 'SaveBranchRating' });
export type SaveRating = z.infer<typeof saveRatingSchema>;

export const ratingReasonSchema = z
  .strictObject({ reason: reasonText.meta({ example: 'Chưa có biên bản sinh hoạt quý III' }) })
  .meta({ id: 'RatingReason' });
export type RatingReason = z.infer<typeof ratingReasonSchema>;

/** Submitting and approving carry nothing but the rating they act on. */
export const emptyBodySchema = z.strictObject({}).meta({ id: 'EmptyBody' });

export const branchRatingSchema = z
  .object({
    id: z.string(),
    branchId: z.string(),
    branchName: z.string(),
    branchKind: branchKindSchema,
    year: z.number().int(),
    unitId: z.string().meta({ description: 'The branch’s unit' }),
    unitIds: z.array(z.string()).meta({ description: 'The branch’s unit and its ancestors, province first' }),
    communeId: z
      .string()
      .nullable()
      .meta({ description: 'The commune the branch is in; null above communes' }),
    criteriaVersion: z
      .number()
      .int()
      .meta({ description: 'The version of the criteria set it was scored by' }),
    standardName: z.string().nullable(),
    answers: z.record(z.string(), ratingAnswerSchema),
    scorePercent: z.number().meta({ description: 'Weighted score, %, two decimals' }),
    proposedLevel: ratingLevelSchema,
    standardMet: z
      .boolean()
      .nullable()
      .meta({ description: 'Every required criterion met; null when the set names no standard' }),
    level: ratingLevelSchema,
    overrideReason: z.string().nullable().meta({ description: 'Why level differs from proposedLevel' }),
    state: ratingStateSchema,
    returnReason: z.string().nullable().meta({ description: 'Why it was last returned, until resubmitted' }),
    unlockReason: z.string().nullable().meta({ description: 'Why it was last unlocked, until resubmitted' }),
    submittedAt: z.iso.datetime().nullable(),
    submittedBy: z.string().nullable(),
    decidedAt: z.iso.datetime().nullable().meta({ description: 'When it was approved or returned' }),
    decidedBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    updatedBy: z.string(),
    version: z.number().int().min(1).meta({ description: 'Bumped by every change; the ETag' }),
  })
  .meta({ id: 'BranchRating' });
export type BranchRating = z.infer<typeof branchRatingSchema>;

export const ratingParamsSchema = z.object({ id: z.string().min(1).max(64), year: ratingYearSchema });

export const ratingListQuerySchema = z.object({
  year: ratingYearSchema,
  unitId: z.string().min(1).max(64).optional(),
  state: ratingStateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(4096).optional(),
});
export type RatingListQuery = z.infer<typeof ratingListQuerySchema>;

export const ratingProgressQuerySchema = z.object({
  year: ratingYearSchema,
  unitId: z.string().min(1).max(64).optional(),
});
export type RatingProgressQuery = z.infer<typeof ratingProgressQuerySchema>;

const progressCounts = {
  branches: z
    .number()
    .int()
    .meta({ description: 'Active branches of the kinds with a criteria set that year' }),
  rated: z.number().int().meta({ description: 'Of them, with a rating submitted or approved' }),
  approved: z.number().int(),
  missing: z.number().int().meta({ description: 'branches − rated' }),
};

export const ratingProgressSchema = progressSchema(progressCounts)
  .extend({
    branchKinds: z.array(branchKindSchema).meta({ description: 'The kinds with a criteria set that year' }),
  })
  .meta({ id: 'BranchRatingProgress' });
export type RatingProgress = z.infer<typeof ratingProgressSchema>;
export type ProgressCounts = RatingProgress['total'];
