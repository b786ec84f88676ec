/** An organization's API keys for its integrations: created (the secret shown once), listed, revoked. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { apiKeyInputSchema, apiKeySchema, createdApiKeySchema } from '#shared/domain/api-keys/api-key.ts';
import {
  createApiKey,
  listApiKeys,
  readApiKey,
  revokeApiKey,
} from '#shared/domain/api-keys/api-key-changes.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { bearerSecurity, errorResponses, json, jsonBody } from '../http/openapi.ts';
import { resourceRoutes } from '../http/resource-routes.ts';
import { validationHook } from '../http/validation.ts';
import { apiKeyWorkspace, changeContext } from '../http/workspaces.ts';

const tags = ['api-keys'];
const path = '/api/v1/api-keys';
const idParam = z.object({ id: z.string().max(64) });
const keys = resourceRoutes({ path, tags, item: apiKeySchema, idParam });

const list = keys.list({
  operationId: 'listApiKeys',
  summary: 'API keys of this organization, with their last use / Khóa API của tổ chức',
  query: {},
  items: apiKeySchema,
  page: 'A page of API keys',
});

const create = createRoute({
  method: 'post',
  path,
  operationId: 'createApiKey',
  tags,
  summary: 'Create an API key / Tạo khóa API',
  description:
    'Organization admins only. The answer holds the key (`dtk_…`) this once: only its hash is kept. Send it as `Authorization: Bearer <key>`.',
  security: bearerSecurity,
  request: jsonBody(apiKeyInputSchema),
  responses: { 201: json(createdApiKeySchema, 'The new key, with its secret'), ...errorResponses },
});

const oneKey = (method: 'get' | 'delete', operationId: string, summary: string, description: string) =>
  createRoute({
    method,
    path: `${path}/{id}`,
    operationId,
    tags,
    summary,
    security: bearerSecurity,
    request: { params: idParam },
    responses: { 200: json(apiKeySchema, description), ...errorResponses },
  });

const read = oneKey('get', 'getApiKey', 'One API key / Một khóa API', 'The key, without its secret');
const revoke = oneKey('delete', 'revokeApiKey', 'Revoke an API key / Thu hồi khóa API', 'The key, revoked');

export function apiKeyRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) =>
      c.json(await listApiKeys(apiKeyWorkspace(c, deps), c.get('principal'), c.req.valid('query')), 200),
    )
    .openapi(create, async (c) =>
      c.json(await createApiKey(apiKeyWorkspace(c, deps), changeContext(c), c.req.valid('json')), 201),
    )
    .openapi(read, async (c) =>
      c.json(await readApiKey(apiKeyWorkspace(c, deps), c.get('principal'), c.req.valid('param').id), 200),
    )
    .openapi(revoke, async (c) =>
      c.json(await revokeApiKey(apiKeyWorkspace(c, deps), changeContext(c), c.req.valid('param').id), 200),
    );
}
