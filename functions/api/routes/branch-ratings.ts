/**
 * Branch ratings (đánh giá, xếp loại chi hội, chi đoàn): the organization's criteria sets by year
 * and branch kind, each branch's rating of a year through its self-assessment, approval, return
 * and unlocking, the year's ratings under a unit and how far they have come.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ChangeContext } from '#shared/domain/audit.ts';
import { branchKindSchema } from '#shared/domain/branches.ts';
import {
  type BranchRating,
  branchRatingSchema,
  emptyBodySchema,
  type RatingReason,
  ratingListQuerySchema,
  ratingParamsSchema,
  ratingProgressQuerySchema,
  ratingProgressSchema,
  ratingReasonSchema,
  saveRatingSchema,
} from '#shared/domain/ratings/branch-rating.ts';
import {
  criteriaSetSchema,
  ratingYearSchema,
  saveCriteriaSetSchema,
} from '#shared/domain/ratings/criteria.ts';
import { readCriteriaSet, saveCriteriaSet } from '#shared/domain/ratings/criteria-changes.ts';
import {
  approveRating,
  type RatingRef,
  returnRating,
  saveRating,
  submitRating,
  unlockRating,
} from '#shared/domain/ratings/rating-changes.ts';
import { ratingProgress } from '#shared/domain/ratings/rating-progress.ts';
import { getRating, listRatings } from '#shared/domain/ratings/rating-queries.ts';
import type { RatingWorkspace } from '#shared/domain/ratings/rating-workspace.ts';
import type { AppEnv } from '../app-env.ts';
import { etagOf, ifMatchVersion } from '../http/etag.ts';
import {
  bearerSecurity,
  changeResponses,
  errorResponses,
  ifMatchHeader,
  json,
  jsonBody,
  pageSchema,
} from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';
import { changeContext, ratingWorkspace } from '../http/workspaces.ts';

const tags = ['ratings'];
const withEtag = <T extends z.ZodType>(schema: T, description: string) => ({
  ...json(schema, description),
  headers: z.object({ etag: z.string() }),
});
const conflicts = { 409: changeResponses[409], 412: changeResponses[412] };

const criteriaPath = '/api/v1/rating-criteria/{year}/{branchKind}';
const criteriaParams = z.object({ year: ratingYearSchema, branchKind: branchKindSchema });

const readCriteria = createRoute({
  method: 'get',
  path: criteriaPath,
  operationId: 'getRatingCriteria',
  tags,
  summary: 'The criteria a kind of branch is rated by in a year / Bộ tiêu chí đánh giá, xếp loại',
  security: bearerSecurity,
  request: { params: criteriaParams },
  responses: { 200: withEtag(criteriaSetSchema, 'The set'), ...errorResponses },
});

const saveCriteria = createRoute({
  method: 'put',
  path: criteriaPath,
  operationId: 'saveRatingCriteria',
  tags,
  summary: 'Configure the criteria of a year and branch kind / Cấu hình bộ tiêu chí',
  description:
    'The organization admin’s. Refused (409) once a rating of the set was submitted: it would change what that rating means.',
  security: bearerSecurity,
  request: { params: criteriaParams, headers: ifMatchHeader(false), ...jsonBody(saveCriteriaSetSchema) },
  responses: {
    200: withEtag(criteriaSetSchema, 'Replaced'),
    201: withEtag(criteriaSetSchema, 'Created'),
    ...errorResponses,
    ...conflicts,
  },
});

const ratingPath = '/api/v1/branches/{id}/ratings/{year}';
const ratingResponse = (description: string) => withEtag(branchRatingSchema, description);

const readRating = createRoute({
  method: 'get',
  path: ratingPath,
  operationId: 'getBranchRating',
  tags,
  summary: 'A branch’s rating of a year / Đánh giá, xếp loại chi hội, chi đoàn',
  security: bearerSecurity,
  request: { params: ratingParamsSchema },
  responses: { 200: ratingResponse('The rating'), ...errorResponses },
});

const saveRatingRoute = createRoute({
  method: 'put',
  path: ratingPath,
  operationId: 'saveBranchRating',
  tags,
  summary: 'Save the self-assessment as a draft / Lưu bản tự đánh giá',
  description:
    'By the commune’s officer (a unit officer whose scope covers the branch) or the organization admin, while the rating is a draft or returned. Scored against the year’s criteria for the branch’s kind; a level other than the proposed one needs overrideReason.',
  security: bearerSecurity,
  request: { params: ratingParamsSchema, headers: ifMatchHeader(false), ...jsonBody(saveRatingSchema) },
  responses: {
    200: ratingResponse('Saved'),
    201: ratingResponse('Created'),
    ...errorResponses,
    ...conflicts,
  },
});

const transitionRoute = <T extends z.ZodType>(
  action: string,
  summary: string,
  description: string,
  body: T,
) =>
  createRoute({
    method: 'post',
    path: `${ratingPath}/${action}`,
    operationId: `${action}BranchRating`,
    tags,
    summary,
    description,
    security: bearerSecurity,
    request: { params: ratingParamsSchema, headers: ifMatchHeader(false), ...jsonBody(body) },
    responses: { 200: ratingResponse('The rating after the change'), ...errorResponses, ...conflicts },
  });

const ABOVE =
  'By the level above the commune: the organization admin, or a unit officer whose scope lies strictly above the branch’s commune.';
const submit = transitionRoute(
  'submit',
  'Submit the self-assessment / Gửi bản tự đánh giá',
  'Every criterion answered; locks the criteria set.',
  emptyBodySchema,
);
const approve = transitionRoute(
  'approve',
  'Approve a rating / Duyệt đánh giá, xếp loại',
  `Locks it. ${ABOVE}`,
  emptyBodySchema,
);
const returnRoute = transitionRoute(
  'return',
  'Return a rating with a reason / Trả lại bản đánh giá',
  `Editable again. ${ABOVE}`,
  ratingReasonSchema,
);
const unlock = transitionRoute(
  'unlock',
  'Unlock an approved rating / Mở khóa bản đánh giá đã duyệt',
  'Back to a draft, with a reason; the organization admin’s, audited.',
  ratingReasonSchema,
);

const list = createRoute({
  method: 'get',
  path: '/api/v1/branch-ratings',
  operationId: 'listBranchRatings',
  tags,
  summary: 'A year’s ratings under a unit / Danh sách đánh giá, xếp loại chi hội, chi đoàn',
  description:
    'By commune, unit, then branch name; unitId covers the subtree (default: the caller’s scope). A page may hold fewer than limit items while more follow: continue with nextCursor.',
  security: bearerSecurity,
  request: { query: ratingListQuerySchema },
  responses: { 200: json(pageSchema(branchRatingSchema), 'A page of ratings'), ...errorResponses },
});

const progress = createRoute({
  method: 'get',
  path: '/api/v1/branch-ratings/progress',
  operationId: 'getBranchRatingProgress',
  tags,
  summary: 'How far a year’s rating has come, by unit / Tiến độ đánh giá, xếp loại',
  description:
    'For each unit right below unitId (default: the caller’s scope, else the province), and for its own branches: branches to rate (active, of a kind with criteria that year), rated (submitted or approved), approved, missing.',
  security: bearerSecurity,
  request: { query: ratingProgressQuerySchema },
  responses: { 200: json(ratingProgressSchema, 'The progress'), ...errorResponses },
});

type RatingContext<Body> = Context<
  AppEnv,
  string,
  { out: { param: { id: string; year: number }; json: Body } }
>;

/** A change of a rating's state: against If-Match, answered with the rating and its ETag. */
const ratingChange =
  <Body>(
    apply: (
      ws: RatingWorkspace,
      ctx: ChangeContext,
      ref: RatingRef,
      body: Body,
      version: number | undefined,
    ) => Promise<BranchRating>,
  ) =>
  async (c: RatingContext<Body>) => {
    const { id, year } = c.req.valid('param');
    const rating = await apply(
      ratingWorkspace(c),
      changeContext(c),
      { branchId: id, year },
      c.req.valid('json'),
      ifMatchVersion(c),
    );
    return c.json(rating, 200, { etag: etagOf(rating.version) });
  };

export function branchRatingRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(readCriteria, async (c) => {
      const { year, branchKind } = c.req.valid('param');
      const set = await readCriteriaSet(ratingWorkspace(c), c.get('principal'), year, branchKind);
      return c.json(set, 200, { etag: etagOf(set.version) });
    })
    .openapi(saveCriteria, async (c) => {
      const { year, branchKind } = c.req.valid('param');
      const { set, created } = await saveCriteriaSet(
        ratingWorkspace(c),
        changeContext(c),
        year,
        branchKind,
        c.req.valid('json'),
        ifMatchVersion(c),
      );
      const headers = { etag: etagOf(set.version) };
      return created ? c.json(set, 201, headers) : c.json(set, 200, headers);
    })
    .openapi(readRating, async (c) => {
      const { id, year } = c.req.valid('param');
      const rating = await getRating(ratingWorkspace(c), c.get('principal'), { branchId: id, year });
      return c.json(rating, 200, { etag: etagOf(rating.version) });
    })
    .openapi(saveRatingRoute, async (c) => {
      const { id, year } = c.req.valid('param');
      const { rating, created } = await saveRating(
        ratingWorkspace(c),
        changeContext(c),
        { branchId: id, year },
        c.req.valid('json'),
        ifMatchVersion(c),
      );
      const headers = { etag: etagOf(rating.version), location: `/api/v1/branches/${id}/ratings/${year}` };
      return created ? c.json(rating, 201, headers) : c.json(rating, 200, headers);
    })
    .openapi(
      submit,
      ratingChange((ws, ctx, ref, _body, version) => submitRating(ws, ctx, ref, version)),
    )
    .openapi(
      approve,
      ratingChange((ws, ctx, ref, _body, version) => approveRating(ws, ctx, ref, version)),
    )
    .openapi(returnRoute, ratingChange<RatingReason>(returnRating))
    .openapi(unlock, ratingChange<RatingReason>(unlockRating))
    .openapi(list, async (c) => {
      const page = await listRatings(ratingWorkspace(c), c.get('principal'), c.req.valid('query'));
      return c.json(page, 200);
    })
    .openapi(progress, async (c) => {
      const report = await ratingProgress(
        ratingWorkspace(c),
        c.get('principal'),
        c.req.valid('query'),
        c.get('now'),
      );
      return c.json(report, 200);
    });
}
