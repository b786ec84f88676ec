/** Liveness: answers as soon as the process serves requests, without touching the table. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import { publicSecurity } from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';

const health = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['system'],
  security: publicSecurity,
  summary: 'Liveness / Tình trạng hoạt động',
  responses: {
    200: {
      description: 'Alive',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
});

export function healthRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(health, (c) =>
    c.json({ status: 'ok' as const }, 200),
  );
}
