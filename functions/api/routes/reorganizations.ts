/** Reorganizations of the province's map (map editors) and each organization's follow-up for its branches (org admins). */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { applyReorganization, reorganizationFollowUp } from '#shared/domain/reorganization-branches.ts';
import { listReorganizations, reorganize } from '#shared/domain/reorganization-changes.ts';
import {
  applyReorganizationSchema,
  followUpSchema,
  reorganizationSchema,
  reorganizeSchema,
} from '#shared/domain/reorganizations.ts';
import { ReorganizationRepository } from '#shared/store/repositories/reorganizations.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import {
  bearerSecurity,
  changeResponses,
  errorResponses,
  json,
  jsonBody,
  pageQuerySchema,
  pageSchema,
} from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';
import { changeContext, memberWorkspace, reorganizationWorkspace } from '../http/workspaces.ts';

const tags = ['map'];
const path = '/api/v1/map/reorganizations';
const idParam = z.object({ id: z.string().max(64) });

const create = createRoute({
  method: 'post',
  path,
  operationId: 'reorganizeMap',
  tags,
  summary: 'Reorganize the map by resolution: merge, split, rename, recode, move / Sắp xếp đơn vị hành chính',
  description:
    'Map editors only. Closed units get `validTo` the day before `effectiveDate` and `successorId`; new units start on it. The same kind, resolution number and units are applied once: a repeat answers the recorded reorganization (200), finishing it if it was interrupted.',
  security: bearerSecurity,
  request: jsonBody(reorganizeSchema),
  responses: {
    200: json(reorganizationSchema, 'Recorded before: the reorganization as applied'),
    201: json(reorganizationSchema, 'Applied'),
    ...errorResponses,
    ...changeResponses,
  },
});

const list = createRoute({
  method: 'get',
  path,
  operationId: 'listReorganizations',
  tags,
  summary: 'Reorganizations of the province, newest first / Các đợt sắp xếp',
  security: bearerSecurity,
  request: { query: pageQuerySchema },
  responses: { 200: json(pageSchema(reorganizationSchema), 'A page of reorganizations'), ...errorResponses },
});

const branches = createRoute({
  method: 'get',
  path: `${path}/{id}/branches`,
  operationId: 'listReorganizationBranches',
  tags,
  summary: 'The organization’s branches in the closed units, with what to do / Chi hội cần sắp xếp lại',
  description: 'Organization admins. Before applying: the suggestions; after: the plan, with progress.',
  security: bearerSecurity,
  request: { params: idParam },
  responses: { 200: json(followUpSchema, 'Steps and progress'), ...errorResponses },
});

const apply = createRoute({
  method: 'post',
  path: `${path}/{id}/apply`,
  operationId: 'applyReorganization',
  tags,
  summary: 'Move the organization’s branches and members after a reorganization / Sắp xếp lại chi hội',
  description:
    'Organization admins. Each branch of a closed unit is dissolved into a branch of its successor (made when there is none). Resumable: repeating the request finishes the stored plan and moves nobody twice.',
  security: bearerSecurity,
  request: { params: idParam, ...jsonBody(applyReorganizationSchema) },
  responses: { 200: json(followUpSchema, 'Applied'), ...errorResponses, ...changeResponses },
});

export function reorganizationRoutes(deps: AppDependencies) {
  const followUpWorkspace = (c: Context<AppEnv>) => ({
    ...memberWorkspace(c, deps),
    reorganizations: new ReorganizationRepository(c.get('tenantTable')),
  });
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(create, async (c) => {
      const done = await reorganize(reorganizationWorkspace(c), changeContext(c), c.req.valid('json'));
      return c.json(done.reorganization, done.created ? 201 : 200);
    })
    .openapi(list, async (c) =>
      c.json(
        await listReorganizations(reorganizationWorkspace(c), c.get('principal'), c.req.valid('query')),
        200,
      ),
    )
    .openapi(branches, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await reorganizationFollowUp(followUpWorkspace(c), c.get('principal'), id), 200);
    })
    .openapi(apply, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(
        await applyReorganization(followUpWorkspace(c), changeContext(c), id, c.req.valid('json')),
        200,
      );
    });
}
