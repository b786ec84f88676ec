/** The platform operator's work: onboarding a province with its tenants and first admins. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { onboardProvinceByOperator, readProvince } from '#shared/domain/platform-provinces.ts';
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
      const input = c.req.valid('json');
      const province = await onboardProvinceByOperator(provinces, c.get('principal'), input, c.get('now'));
      return c.json(province, 201);
    })
    .openapi(read, async (c) => {
      const province = await readProvince(provinces, c.get('principal'), c.req.valid('param').id);
      return c.json(province, 200);
    });
}
