/** The platform operator's work: onboarding a province with its tenants and first admins, granting map editing. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { mapEditorGrantSchema, setMapEditor } from '#shared/domain/map-editors.ts';
import { onboardProvinceByOperator, readProvince } from '#shared/domain/platform-provinces.ts';
import { onboardProvinceSchema, provinceSchema } from '#shared/domain/provinces.ts';
import { AccountRepository } from '#shared/store/repositories/accounts.ts';
import { ProvinceRepository } from '#shared/store/repositories/provinces.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { bearerSecurity, conflictResponse, errorResponses, json, jsonBody } from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';
import { changeContext } from '../http/workspaces.ts';

const create = createRoute({
  method: 'post',
  path: '/api/v1/platform/provinces',
  operationId: 'onboardProvince',
  tags: ['platform'],
  summary: 'Onboard a province / Khởi tạo tỉnh',
  security: bearerSecurity,
  request: jsonBody(onboardProvinceSchema),
  responses: { 201: json(provinceSchema, 'Onboarded'), ...errorResponses, ...conflictResponse },
});

const read = createRoute({
  method: 'get',
  path: '/api/v1/platform/provinces/{id}',
  operationId: 'getProvince',
  tags: ['platform'],
  summary: 'A province and its tenants / Thông tin tỉnh',
  security: bearerSecurity,
  request: { params: z.object({ id: z.string().max(40) }) },
  responses: { 200: json(provinceSchema, 'The province'), ...errorResponses },
});

const mapEditor = { params: z.object({ id: z.string().max(40), username: z.string().max(64) }) };

const grantMapEditor = createRoute({
  method: 'put',
  path: '/api/v1/platform/provinces/{id}/map-editors/{username}',
  operationId: 'grantMapEditor',
  tags: ['platform'],
  summary: 'Let an organization admin of the province edit its map / Cấp quyền sửa bản đồ hành chính',
  description: "Takes effect at the account's next sign-in or token refresh. Granting twice changes nothing.",
  security: bearerSecurity,
  request: mapEditor,
  responses: { 200: json(mapEditorGrantSchema, 'Granted'), ...errorResponses },
});

const revokeMapEditor = createRoute({
  method: 'delete',
  path: '/api/v1/platform/provinces/{id}/map-editors/{username}',
  operationId: 'revokeMapEditor',
  tags: ['platform'],
  summary: 'Take map editing back / Thu hồi quyền sửa bản đồ hành chính',
  description: "Takes effect at the account's next token refresh (access tokens live 15 minutes).",
  security: bearerSecurity,
  request: mapEditor,
  responses: { 200: json(mapEditorGrantSchema, 'Revoked'), ...errorResponses },
});

export function platformRoutes(deps: AppDependencies) {
  const provinces = new ProvinceRepository(deps.table);
  const accounts = new AccountRepository(deps.table);
  const setEditor = (
    c: Context<AppEnv>,
    { id, username }: { id: string; username: string },
    granted: boolean,
  ) => setMapEditor({ accounts, provinces }, changeContext(c), { provinceId: id, username }, granted);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(create, async (c) => {
      const input = c.req.valid('json');
      const province = await onboardProvinceByOperator(provinces, c.get('principal'), input, c.get('now'));
      return c.json(province, 201);
    })
    .openapi(read, async (c) => {
      const province = await readProvince(provinces, c.get('principal'), c.req.valid('param').id);
      return c.json(province, 200);
    })
    .openapi(grantMapEditor, async (c) => c.json(await setEditor(c, c.req.valid('param'), true), 200))
    .openapi(revokeMapEditor, async (c) => c.json(await setEditor(c, c.req.valid('param'), false), 200));
}
