/** Who the caller is: tenant, role, scope and granted permissions, straight from the verified token. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { permissionSchema, roleSchema, scopeSchema } from '#shared/domain/roles.ts';
import type { AppEnv } from '../app-env.ts';
import { bearerSecurity, errorResponses, json } from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';

const meSchema = z
  .object({
    userId: z.string(),
    username: z.string(),
    tenantId: z.string().meta({ example: 'dong-thap:farmers' }),
    role: roleSchema,
    scope: scopeSchema,
    permissions: z
      .array(permissionSchema)
      .meta({ description: 'Granted beyond the role (map_editor), as of the last sign-in or refresh' }),
  })
  .meta({ id: 'Me' });

const me = createRoute({
  method: 'get',
  path: '/api/v1/me',
  operationId: 'getMe',
  tags: ['auth'],
  summary: 'The signed-in user / Người dùng hiện tại',
  security: bearerSecurity,
  responses: { 200: json(meSchema, 'The caller'), 401: errorResponses[401] },
});

export function meRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(me, (c) =>
    c.json({ ...c.get('principal'), permissions: [...c.get('principal').permissions] }, 200),
  );
}
