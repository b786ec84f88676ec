/** The platform operator's work: onboarding a province with its tenants and first admins. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { requireRole } from '#shared/domain/access/tree-access.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { onboardProvince } from '#shared/domain/onboard-province.ts';
import { onboardProvinceSchema, provinceSchema } from '#shared/domain/provinces.ts';
import { ProvinceRepository } from '#shared/store/repositories/provinces.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { bearerSecurity, conflictResponse, errorResponses, json, jsonBody } from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';

const create = createRoute({
  method: 'post',
  path: '/api/v1/platform/provinces',
  tags: ['platform'],
  summary: 'Onboard a province / Khởi tạo tỉnh',
  security: bearerSecurity,
  request: jsonBody(onboardProvinceSchema),
  responses: { 201: json(provinceSchema, 'Onboarded'), ...errorResponses, ...conflictResponse },
});

const read = createRoute({
  method: 'get',
  path: '/api/v1/platform/provinces/{id}',
  tags: ['platform'],
  summary: 'A province and its tenants / Thông tin tỉnh',
  security: bearerSecurity,
  request: { params: z.object({ id: z.string().max(40) }) },
  responses: { 200: json(provinceSchema, 'The province'), ...errorResponses },
});

export function platformRoutes(deps: AppDependencies) {
  const provinces = new ProvinceRepository(deps.table);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(create, async (c) => {
      requireRole(c.get('principal'), 'platform_admin');
      const province = await onboardProvince(provinces, c.req.valid('json'));
      return c.json(province, 201);
    })
    .openapi(read, async (c) => {
      requireRole(c.get('principal'), 'platform_admin');
      const { id } = c.req.valid('param');
      const province = await provinces.get(id);
      if (!province) throw new DomainError('PROVINCE_NOT_FOUND', { id });
      return c.json(province, 200);
    });
}
