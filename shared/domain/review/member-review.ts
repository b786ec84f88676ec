/**
 * The yearly review of members (rà soát, phân loại đoàn viên, hội viên): the one zod source of a
 * campaign, of a branch's review in it, and of what may be sent to open, confirm and read them.
 *
 * The organization's admin opens a campaign for a year with a deadline and closes it. Meanwhile
 * every branch confirms each current member's status as it stands (present, away, lapsed) or
 * records a change (an ordinary, audited status change of the member), then declares itself done.
 * A confirmation holds while the member's status is the one confirmed: a status changed outside
 * the review since makes the member unreviewed again.
 */

import { z } from 'zod';
import { progressSchema } from '../admin-units/year-list-place.ts';
import { recordDateSchema } from '../date-fields.ts';
import { MEMBER_STATUSES } from '../members/member.ts';
import { singleLineText } from '../text-fields.ts';

export const REVIEW_STATES = ['open', 'closed'] as const;

export const reviewYearSchema = z.coerce.number().int().min(2000).max(2100).meta({ example: 2026 });

export const openReviewSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100).meta({ example: 2026 }),
    deadline: recordDateSchema.meta({ description: 'When branches are asked to be done; not before today' }),
  })
  .meta({ id: 'OpenMemberReview' });
export type OpenReview = z.infer<typeof openReviewSchema>;

export const reviewCampaignSchema = z
  .object({
    year: z.number().int(),
    deadline: z.iso.date(),
    state: z.enum(REVIEW_STATES),
    openedAt: z.iso.datetime(),
    openedBy: z.string(),
    closedAt: z.iso.datetime().nullable(),
    closedBy: z.string().nullable(),
    version: z.number().int().min(1).meta({ description: 'Bumped by every change' }),
  })
  .meta({ id: 'MemberReviewCampaign' });
export type ReviewCampaign = z.infer<typeof reviewCampaignSchema>;

/** What a review may set: a current status, or one that ends the membership; a transfer out has its own route. */
export const REVIEWED_STATUSES = MEMBER_STATUSES.filter((status) => status !== 'transferred_out');

export const confirmationSchema = z
  .object({
    status: z.enum(MEMBER_STATUSES),
    changed: z
      .boolean()
      .meta({ description: 'Whether the review changed the status (an audited status change)' }),
    at: z.iso.datetime(),
    by: z.string(),
  })
  .meta({ id: 'MemberReviewConfirmation' });
export type Confirmation = z.infer<typeof confirmationSchema>;

export const confirmMembersSchema = z
  .strictObject({
    confirm: z
      .array(
        z.strictObject({
          memberId: z.string().min(1).max(64),
          status: z.enum(REVIEWED_STATUSES).meta({
            description: 'The status as it stands confirms it; another one is a change of status',
          }),
          awayPlace: singleLineText({ max: 200 }).nullable().optional().meta({
            description:
              'Where the member works, for a change to away; a confirmation takes the place as it stands (another one is refused: only_with_change)',
          }),
          reason: singleLineText({ max: 500 })
            .nullable()
            .optional()
            .meta({ description: 'Needed for a change' }),
          effectiveDate: recordDateSchema.optional().meta({ description: 'Of a change; today by default' }),
        }),
      )
      .max(500)
      .default([]),
    confirmRest: z
      .boolean()
      .default(false)
      .meta({ description: 'Also confirm every current member not yet reviewed, as they stand' }),
  })
  .meta({ id: 'ConfirmMemberReview' });
export type ConfirmMembers = z.infer<typeof confirmMembersSchema>;

/** What progress adds up: a branch review's counts as of its last write. */
export const reviewCountsSchema = z.object({
  members: z.number().int().meta({ description: 'Current members of the branch' }),
  reviewed: z.number().int().meta({ description: 'Of them, confirmed in their current status' }),
  active: z.number().int(),
  away: z.number().int(),
  lapsed: z.number().int(),
  left: z
    .number()
    .int()
    .meta({ description: 'Members whose membership the review ended (removed, deceased, graduated)' }),
});
export type ReviewCounts = z.infer<typeof reviewCountsSchema>;

/** A branch's review of a year as kept: its place copied for lists by commune, its confirmations by member. */
export const branchReviewSchema = z.object({
  year: z.number().int(),
  branchId: z.string(),
  branchName: z.string(),
  unitId: z.string(),
  unitIds: z.array(z.string()),
  communeId: z.string().nullable(),
  confirmations: z.record(z.string(), confirmationSchema),
  counts: reviewCountsSchema,
  doneAt: z.iso.datetime().nullable(),
  doneBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
  version: z.number().int().min(1),
});
export type BranchReview = z.infer<typeof branchReviewSchema>;

export const branchReviewSheetSchema = z
  .object({
    year: z.number().int(),
    branchId: z.string(),
    branchName: z.string(),
    campaign: reviewCampaignSchema,
    done: z.boolean(),
    doneAt: z.iso.datetime().nullable(),
    counts: reviewCountsSchema,
    members: z.array(
      z.object({
        memberId: z.string(),
        fullName: z.string(),
        status: z.enum(MEMBER_STATUSES),
        awayPlace: z.string().nullable(),
        reviewed: z.boolean().meta({ description: 'Confirmed in the campaign, in the status it has now' }),
        confirmation: confirmationSchema.nullable(),
      }),
    ),
  })
  .meta({
    id: 'BranchMemberReview',
    description: 'The branch’s current members, in name order, each with whether the campaign confirmed them',
  });
export type BranchReviewSheet = z.infer<typeof branchReviewSheetSchema>;

export const reviewProgressQuerySchema = z.object({ unitId: z.string().min(1).max(64).optional() });

const progressCounts = {
  branches: z.number().int().meta({ description: 'Branches not dissolved, from the figures' }),
  done: z.number().int().meta({ description: 'Of them, declared done' }),
  missing: z.number().int().meta({ description: 'branches − done' }),
  members: z.number().int().meta({ description: 'Current members, from the figures (a few seconds behind)' }),
  reviewed: z
    .number()
    .int()
    .meta({ description: 'Members confirmed, as the branches’ reviews last counted them' }),
};

/** A branch not done yet, listed where the reminder of what is missing is read: its unit's page of progress. */
const branchLeftSchema = z.object({
  branchId: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  members: z.number().int().nullable().meta({
    description: 'Current members, as the branch’s review last counted them; null before it started',
  }),
  reviewed: z.number().int(),
});

export const reviewProgressSchema = progressSchema(progressCounts)
  .extend({
    branchesLeft: z.array(branchLeftSchema).meta({
      description:
        'The branches not done listed right under the unit and, under a commune, under its hamlets, by unit and name; drill down for those further below',
    }),
  })
  .meta({ id: 'MemberReviewProgress' });
export type ReviewProgress = z.infer<typeof reviewProgressSchema>;
export type ProgressCounts = ReviewProgress['total'];
export type BranchLeft = ReviewProgress['branchesLeft'][number];
