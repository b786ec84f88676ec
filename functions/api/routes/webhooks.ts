/** Webhook endpoints of the caller's tenant, their secrets and their deliveries. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { deliveryViewSchema } from '#shared/domain/webhooks/delivery.ts';
import {
  createEndpointSchema,
  endpointViewSchema,
  endpointWithSecretSchema,
  updateEndpointSchema,
} from '#shared/domain/webhooks/endpoint.ts';
import {
  createEndpoint,
  deleteEndpoint,
  listDeliveries,
  listEndpoints,
  readEndpoint,
  replayDelivery,
  rotateSecret,
  sendTestEvent,
  updateEndpoint,
} from '#shared/domain/webhooks/webhook-endpoints.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import {
  bearerSecurity,
  conflictResponse,
  errorResponses,
  json,
  jsonBody,
  pageQuerySchema,
  pageSchema,
} from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';
import { changeContext, webhookWorkspace } from '../http/workspaces.ts';

const tags = ['webhooks'];
const base = '/api/v1/webhooks';
const id = z.string().min(1).max(64);
const params = z.object({ id });

const create = createRoute({
  method: 'post',
  path: base,
  tags,
  summary: 'Register an endpoint; its secret is shown this once / Đăng ký webhook',
  security: bearerSecurity,
  request: jsonBody(createEndpointSchema),
  responses: {
    201: json(endpointWithSecretSchema, 'The endpoint and its signing secret'),
    ...errorResponses,
    ...conflictResponse,
  },
});

const list = createRoute({
  method: 'get',
  path: base,
  tags,
  summary: 'Endpoints of this tenant / Danh sách webhook',
  security: bearerSecurity,
  responses: {
    200: json(z.object({ items: z.array(endpointViewSchema) }), 'The endpoints'),
    ...errorResponses,
  },
});

const read = createRoute({
  method: 'get',
  path: `${base}/{id}`,
  tags,
  summary: 'One endpoint / Một webhook',
  security: bearerSecurity,
  request: { params },
  responses: { 200: json(endpointViewSchema, 'The endpoint'), ...errorResponses },
});

const update = createRoute({
  method: 'patch',
  path: `${base}/{id}`,
  tags,
  summary: 'Change, disable or enable an endpoint / Sửa, tắt, bật webhook',
  security: bearerSecurity,
  request: { params, ...jsonBody(updateEndpointSchema) },
  responses: {
    200: json(endpointViewSchema, 'The endpoint as changed'),
    ...errorResponses,
    ...conflictResponse,
  },
});

const remove = createRoute({
  method: 'delete',
  path: `${base}/{id}`,
  tags,
  summary: 'Delete an endpoint / Xóa webhook',
  security: bearerSecurity,
  request: { params },
  responses: { 204: { description: 'Deleted' }, ...errorResponses, ...conflictResponse },
});

const rotate = createRoute({
  method: 'post',
  path: `${base}/{id}/rotate-secret`,
  tags,
  summary: 'New signing secret; the old one signs too for 24 h / Đổi khóa bí mật',
  security: bearerSecurity,
  responses: {
    200: json(endpointWithSecretSchema, 'The endpoint and its new secret'),
    ...errorResponses,
    ...conflictResponse,
  },
  request: { params },
});

const test = createRoute({
  method: 'post',
  path: `${base}/{id}/test`,
  tags,
  summary: 'Send a webhook.test event / Gửi sự kiện thử',
  security: bearerSecurity,
  request: { params },
  responses: { 202: json(deliveryViewSchema, 'The delivery, queued'), ...errorResponses },
});

const deliveries = createRoute({
  method: 'get',
  path: `${base}/{id}/deliveries`,
  tags,
  summary: 'Deliveries and their attempts, newest first / Nhật ký gửi',
  security: bearerSecurity,
  request: { params, query: pageQuerySchema },
  responses: { 200: json(pageSchema(deliveryViewSchema), 'A page of deliveries'), ...errorResponses },
});

const replay = createRoute({
  method: 'post',
  path: `${base}/{id}/deliveries/{deliveryId}/replay`,
  tags,
  summary: 'Send a delivery again, same webhook-id / Gửi lại',
  security: bearerSecurity,
  request: { params: z.object({ id, deliveryId: id }) },
  responses: { 202: json(deliveryViewSchema, 'The delivery, queued again'), ...errorResponses },
});

export function webhookRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(create, async (c) =>
      c.json(await createEndpoint(webhookWorkspace(c, deps), changeContext(c), c.req.valid('json')), 201),
    )
    .openapi(list, async (c) =>
      c.json({ items: await listEndpoints(webhookWorkspace(c, deps), c.get('principal')) }, 200),
    )
    .openapi(read, async (c) =>
      c.json(await readEndpoint(webhookWorkspace(c, deps), c.get('principal'), c.req.valid('param').id), 200),
    )
    .openapi(update, async (c) => {
      const ws = webhookWorkspace(c, deps);
      return c.json(
        await updateEndpoint(ws, changeContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      );
    })
    .openapi(remove, async (c) => {
      await deleteEndpoint(webhookWorkspace(c, deps), changeContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(rotate, async (c) =>
      c.json(await rotateSecret(webhookWorkspace(c, deps), changeContext(c), c.req.valid('param').id), 200),
    )
    .openapi(test, async (c) =>
      c.json(await sendTestEvent(webhookWorkspace(c, deps), changeContext(c), c.req.valid('param').id), 202),
    )
    .openapi(deliveries, async (c) => {
      const ws = webhookWorkspace(c, deps);
      return c.json(
        await listDeliveries(ws, c.get('principal'), c.req.valid('param').id, c.req.valid('query')),
        200,
      );
    })
    .openapi(replay, async (c) => {
      const { id: endpointId, deliveryId } = c.req.valid('param');
      return c.json(
        await replayDelivery(webhookWorkspace(c, deps), changeContext(c), endpointId, deliveryId),
        202,
      );
    });
}
