/**
 * The yearly member review: the organization's campaign (open, read, progress, close) and each
 * branch's sheet (read, confirm, done).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { emptyBodySchema } from '#shared/domain/ratings/branch-rating.ts';
import { branchReviewSheet, confirmMembers, markBranchDone } from '#shared/domain/review/branch-reviews.ts';
import {
  branchReviewSheetSchema,
  confirmMembersSchema,
  openReviewSchema,
  reviewCampaignSchema,
  reviewProgressQuerySchema,
  reviewProgressSchema,
  reviewYearSchema,
} from '#shared/domain/review/member-review.ts';
import { closeCampaign, openCampaign, readCampaign } from '#shared/domain/review/review-campaigns.ts';
import { reviewProgress } from '#shared/domain/review/review-progress.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import {
  bearerSecurity,
  changeResponses,
  conflictResponse,
  errorResponses,
  json,
  jsonBody,
} from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';
import { changeContext, reviewWorkspace } from '../http/workspaces.ts';

const tags = ['members'];
const yearParam = z.object({ year: reviewYearSchema });
const branchParams = z.object({ id: z.string().min(1).max(64), year: reviewYearSchema });
const campaignResponse = (description: string) => json(reviewCampaignSchema, description);
const sheetResponse = (description: string) => json(branchReviewSheetSchema, description);
const branchPath = '/api/v1/branches/{id}/review/{year}';

const open = createRoute({
  method: 'post',
  path: '/api/v1/reviews',
  operationId: 'openReview',
  tags,
  summary: 'Open the member review of a year / Mở đợt rà soát, phân loại hội viên',
  description:
    'The organization admin’s; one a year (409 REVIEW_EXISTS), of the year before, this one or the next.',
  security: bearerSecurity,
  request: jsonBody(openReviewSchema),
  responses: { 201: campaignResponse('The campaign'), ...errorResponses, ...conflictResponse },
});

const read = createRoute({
  method: 'get',
  path: '/api/v1/reviews/{year}',
  operationId: 'getReview',
  tags,
  summary: 'A year’s member review / Đợt rà soát hội viên',
  security: bearerSecurity,
  request: { params: yearParam },
  responses: { 200: campaignResponse('The campaign'), ...errorResponses },
});

const progress = createRoute({
  method: 'get',
  path: '/api/v1/reviews/{year}/progress',
  operationId: 'getReviewProgress',
  tags,
  summary: 'How far the review has come, by unit / Tiến độ rà soát theo đơn vị',
  description:
    'For each unit right below `unitId` (by default the caller’s scope, or the province): branches and current members (from the figures), branches done, members reviewed. Counts only.',
  security: bearerSecurity,
  request: { params: yearParam, query: reviewProgressQuerySchema },
  responses: { 200: json(reviewProgressSchema, 'The progress'), ...errorResponses },
});

const readSheet = createRoute({
  method: 'get',
  path: branchPath,
  operationId: 'getBranchReview',
  tags,
  summary: 'A branch’s members and their review / Rà soát hội viên của chi hội',
  security: bearerSecurity,
  request: { params: branchParams },
  responses: { 200: sheetResponse('The branch’s sheet'), ...errorResponses },
});

const confirm = createRoute({
  method: 'post',
  path: branchPath,
  operationId: 'confirmBranchReview',
  tags,
  summary: 'Confirm members of a branch / Xác nhận rà soát hội viên',
  description:
    'Each row confirms a current member of the branch as they stand, or changes their status (a reason needed; an ordinary, audited status change); `confirmRest` confirms every member not yet reviewed as they stand. Every row is checked before any is written. Refused once the campaign is closed (409 REVIEW_CLOSED).',
  security: bearerSecurity,
  request: { params: branchParams, ...jsonBody(confirmMembersSchema) },
  responses: {
    200: sheetResponse('The branch’s sheet as it now stands'),
    ...errorResponses,
    ...changeResponses,
  },
});

const done = createRoute({
  method: 'post',
  path: `${branchPath}/done`,
  operationId: 'completeBranchReview',
  tags,
  summary: 'Declare a branch’s review done / Chi hội hoàn thành rà soát',
  description: 'Refused while a current member is not reviewed (409 REVIEW_INCOMPLETE, with how many).',
  security: bearerSecurity,
  request: { params: branchParams, ...jsonBody(emptyBodySchema) },
  responses: { 200: sheetResponse('The branch’s sheet, done'), ...errorResponses, ...changeResponses },
});

const close = createRoute({
  method: 'post',
  path: '/api/v1/reviews/{year}/close',
  operationId: 'closeReview',
  tags,
  summary: 'Close the member review / Kết thúc đợt rà soát hội viên',
  description:
    'The organization admin’s. Afterwards confirmations are refused; a late change is an ordinary status change.',
  security: bearerSecurity,
  request: { params: yearParam, ...jsonBody(emptyBodySchema) },
  responses: { 200: campaignResponse('The campaign, closed'), ...errorResponses, ...changeResponses },
});

// Registered in the order a campaign runs, which is also the order the API document lists them.
export function reviewCampaignRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(open, async (c) =>
      c.json(await openCampaign(reviewWorkspace(c, deps), changeContext(c), c.req.valid('json')), 201),
    )
    .openapi(read, async (c) =>
      c.json(
        await readCampaign(reviewWorkspace(c, deps), c.get('principal'), c.req.valid('param').year),
        200,
      ),
    )
    .openapi(progress, async (c) => {
      const { year } = c.req.valid('param');
      const { unitId } = c.req.valid('query');
      return c.json(
        await reviewProgress(reviewWorkspace(c, deps), c.get('principal'), year, unitId, c.get('now')),
        200,
      );
    })
    .openapi(readSheet, async (c) => {
      const { id, year } = c.req.valid('param');
      return c.json(await branchReviewSheet(reviewWorkspace(c, deps), c.get('principal'), id, year), 200);
    })
    .openapi(confirm, async (c) => {
      const { id, year } = c.req.valid('param');
      const ws = reviewWorkspace(c, deps);
      return c.json(await confirmMembers(ws, changeContext(c), id, year, c.req.valid('json')), 200);
    })
    .openapi(done, async (c) => {
      const { id, year } = c.req.valid('param');
      return c.json(await markBranchDone(reviewWorkspace(c, deps), changeContext(c), id, year), 200);
    })
    .openapi(close, async (c) =>
      c.json(await closeCampaign(reviewWorkspace(c, deps), changeContext(c), c.req.valid('param').year), 200),
    );
}
