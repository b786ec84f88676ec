/** Yearly member ratings, a branch at a time: the sheet of its members and their ratings. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  branchMemberRatings,
  branchMemberRatingsSchema,
  rateMembers,
  rateMembersSchema,
  ratingYearSchema,
} from '#shared/domain/members/member-ratings.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { bearerSecurity, changeResponses, errorResponses, json, jsonBody } from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';
import { changeContext, memberWorkspace } from '../http/workspaces.ts';

const tags = ['members'];
const params = z.object({ id: z.string().min(1).max(64), year: ratingYearSchema });
const path = '/api/v1/branches/{id}/member-ratings/{year}';

const read = createRoute({
  method: 'get',
  path,
  operationId: 'getMemberRatings',
  tags,
  summary: 'A branch’s members and their rating of a year / Xếp loại hội viên của chi hội',
  security: bearerSecurity,
  request: { params },
  responses: { 200: json(branchMemberRatingsSchema, 'The branch’s sheet'), ...errorResponses },
});

const rate = createRoute({
  method: 'put',
  path,
  operationId: 'rateMembers',
  tags,
  summary: 'Rate members of a branch for a year / Nhập xếp loại hội viên',
  description:
    'Every row is checked (a current member of the branch, once) before any is written; members left out keep their rating. Each rating changed is an audited change of its member. Years to come are refused.',
  security: bearerSecurity,
  request: { params, ...jsonBody(rateMembersSchema) },
  responses: {
    200: json(branchMemberRatingsSchema, 'The branch’s sheet as it now stands'),
    ...errorResponses,
    ...changeResponses,
  },
});

export function memberRatingRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(read, async (c) => {
      const { id, year } = c.req.valid('param');
      return c.json(await branchMemberRatings(memberWorkspace(c, deps), c.get('principal'), id, year), 200);
    })
    .openapi(rate, async (c) => {
      const { id, year } = c.req.valid('param');
      const sheet = await rateMembers(
        memberWorkspace(c, deps),
        changeContext(c),
        id,
        year,
        c.req.valid('json'),
      );
      return c.json(sheet, 200);
    });
}
