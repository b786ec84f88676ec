/** Reading the unit tree of the caller's organization. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { DomainError } from '#shared/domain/errors.ts';
import { unitSchema } from '#shared/domain/units.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import type { AppEnv } from '../app-env.ts';
import { bearerSecurity, errorResponses, json, pageQuerySchema, pageSchema } from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';

const list = createRoute({
  method: 'get',
  path: '/api/v1/units',
  tags: ['units'],
  summary: 'Units under a parent, by name; top-level units without parentId / Danh sách đơn vị',
  security: bearerSecurity,
  request: { query: pageQuerySchema.extend({ parentId: z.string().max(64).optional() }) },
  responses: { 200: json(pageSchema(unitSchema), 'A page of units'), ...errorResponses },
});

const read = createRoute({
  method: 'get',
  path: '/api/v1/units/{id}',
  tags: ['units'],
  summary: 'One unit / Một đơn vị',
  security: bearerSecurity,
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: { 200: json(unitSchema, 'The unit'), ...errorResponses },
});

export function unitRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const { parentId, limit, cursor } = c.req.valid('query');
      return c.json(await new UnitRepository(c.get('tenantTable')).children(parentId, limit, cursor), 200);
    })
    .openapi(read, async (c) => {
      const { id } = c.req.valid('param');
      const unit = await new UnitRepository(c.get('tenantTable')).get(id);
      if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id });
      return c.json(unit, 200);
    });
}
