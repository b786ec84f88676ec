/** An organization's branches and their groups, within the caller's scope. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createBranch, createGroup, readBranch, updateBranch } from '#shared/domain/branch-changes.ts';
import { branchGroupSchema, createBranchGroupSchema } from '#shared/domain/branch-groups.ts';
import { listBranches, listGroups } from '#shared/domain/branch-queries.ts';
import {
  branchKindSchema,
  branchSchema,
  createBranchSchema,
  updateBranchSchema,
} from '#shared/domain/branches.ts';
import type { AppEnv } from '../app-env.ts';
import { etagOf, ifMatchVersion } from '../http/etag.ts';
import {
  bearerSecurity,
  changeResponses,
  errorResponses,
  ifMatchHeader,
  json,
  jsonBody,
  pageQuerySchema,
  pageSchema,
} from '../http/openapi.ts';
import { resourceRoutes } from '../http/resource-routes.ts';
import { validationHook } from '../http/validation.ts';
import { changeContext, treeWorkspace } from '../http/workspaces.ts';

const tags = ['branches'];
const idParam = z.object({ id: z.string().max(64) });
const branches = resourceRoutes({ path: '/api/v1/branches', tags, item: branchSchema, idParam });
const branchResponse = branches.itemResponse;

const list = branches.list({
  operationId: 'listBranches',
  summary: 'Branches of a unit, optionally of one kind / Chi hội, chi đoàn của một đơn vị',
  query: { unitId: z.string().max(64), kind: branchKindSchema.optional() },
  items: branchSchema,
  page: 'A page of branches',
});

const read = branches.read({
  operationId: 'getBranch',
  summary: 'One branch / Một chi hội, chi đoàn',
  description: 'The branch',
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/branches',
  operationId: 'createBranch',
  tags,
  summary: 'Set up a branch in a unit / Thành lập chi hội, chi đoàn',
  security: bearerSecurity,
  request: jsonBody(createBranchSchema),
  responses: { 201: branchResponse('The new branch'), ...errorResponses },
});

const update = createRoute({
  method: 'patch',
  path: '/api/v1/branches/{id}',
  operationId: 'updateBranch',
  tags,
  summary: 'Rename an active branch or change its model or agency type / Sửa chi hội, chi đoàn',
  security: bearerSecurity,
  request: { params: idParam, headers: ifMatchHeader(false), ...jsonBody(updateBranchSchema) },
  responses: {
    200: branchResponse('The branch after the change'),
    ...errorResponses,
    409: changeResponses[409],
    412: changeResponses[412],
  },
});

const groups = createRoute({
  method: 'get',
  path: '/api/v1/branches/{id}/groups',
  operationId: 'listBranchGroups',
  tags,
  summary: 'Groups of a branch, by name / Tổ hội của chi hội',
  security: bearerSecurity,
  request: { params: idParam, query: pageQuerySchema },
  responses: { 200: json(pageSchema(branchGroupSchema), 'A page of groups'), ...errorResponses },
});

const addGroup = createRoute({
  method: 'post',
  path: '/api/v1/branches/{id}/groups',
  operationId: 'addBranchGroup',
  tags,
  summary: 'Add a group to an active branch / Thêm tổ hội',
  security: bearerSecurity,
  request: { params: idParam, ...jsonBody(createBranchGroupSchema) },
  responses: { 201: json(branchGroupSchema, 'The new group'), ...errorResponses, 409: changeResponses[409] },
});

export function branchRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const page = await listBranches(treeWorkspace(c), c.get('principal'), c.req.valid('query'));
      return c.json(page, 200);
    })
    .openapi(read, async (c) => {
      const { branch } = await readBranch(treeWorkspace(c), c.get('principal'), c.req.valid('param').id);
      return c.json(branch, 200, { etag: etagOf(branch.version) });
    })
    .openapi(create, async (c) => {
      const branch = await createBranch(treeWorkspace(c), changeContext(c), c.req.valid('json'));
      return c.json(branch, 201, { etag: etagOf(branch.version), location: `/api/v1/branches/${branch.id}` });
    })
    .openapi(update, async (c) => {
      const branch = await updateBranch(
        treeWorkspace(c),
        changeContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        ifMatchVersion(c),
      );
      return c.json(branch, 200, { etag: etagOf(branch.version) });
    })
    .openapi(groups, async (c) => {
      const { id } = c.req.valid('param');
      const page = await listGroups(treeWorkspace(c), c.get('principal'), id, c.req.valid('query'));
      return c.json(page, 200);
    })
    .openapi(addGroup, async (c) => {
      const group = await createGroup(
        treeWorkspace(c),
        changeContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(group, 201);
    });
}
