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
import { etagOf, ifMatchVersion } from '../http/etag.ts';
import {
  bearerSecurity,
  changeResponses,
  conflictResponse,
  errorResponses,
  ifMatchHeader,
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
  operationId: 'createWebhook',
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
  operationId: 'listWebhooks',
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
  operationId: 'getWebhook',
  tags,
  summary: 'One endpoint / Một webhook',
  security: bearerSecurity,
  request: { params },
  responses: { 200: json(endpointViewSchema, 'The endpoint'), ...errorResponses },
});

const update = createRoute({
  method: 'patch',
  path: `${base}/{id}`,
  operationId: 'updateWebhook',
  tags,
  summary: 'Change, disable or enable an endpoint (If-Match required) / Sửa, tắt, bật webhook',
  security: bearerSecurity,
  request: { params, headers: ifMatchHeader(true), ...jsonBody(updateEndpointSchema) },
  responses: {
    200: json(endpointViewSchema, 'The endpoint as changed'),
    ...errorResponses,
    ...changeResponses,
  },
});

const remove = createRoute({
  method: 'delete',
  path: `${base}/{id}`,
  operationId: 'deleteWebhook',
  tags,
  summary: 'Delete an endpoint / Xóa webhook',
  security: bearerSecurity,
  request: { params, headers: ifMatchHeader(false) },
  responses: { 204: { description: 'Deleted' }, ...errorResponses, ...changeResponses },
});

const rotate = createRoute({
  method: 'post',
  path: `${base}/{id}/rotate-secret`,
  operationId: 'rotateWebhookSecret',
  tags,
  summary: 'New signing secret; the old one signs too for 24 h / Đổi khóa bí mật',
  security: bearerSecurity,
  responses: {
    200: json(endpointWithSecretSchema, 'The endpoint and its new secret'),
    ...errorResponses,
    ...changeResponses,
  },
  request: { params, headers: ifMatchHeader(false) },
});

const test = createRoute({
  method: 'post',
  path: `${base}/{id}/test`,
  operationId: 'sendWebhookTest',
  tags,
  summary: 'Send a webhook.test event / Gửi sự kiện thử',
  security: bearerSecurity,
  request: { params },
  responses: { 202: json(deliveryViewSchema, 'The delivery, queued'), ...errorResponses },
});

const deliveries = createRoute({
  method: 'get',
  path: `${base}/{id}/deliveries`,
  operationId: 'listWebhookDeliveries',
  tags,
  summary: 'Deliveries and their attempts, newest first / Nhật ký gửi',
  security: bearerSecurity,
  request: { params, query: pageQuerySchema },
  responses: { 200: json(pageSchema(deliveryViewSchema), 'A page of deliveries'), ...errorResponses },
});

const replay = createRoute({
  method: 'post',
  path: `${base}/{id}/deliveries/{deliveryId}/replay`,
  operationId: 'replayWebhookDelivery',
  tags,
  summary: 'Send a delivery again, same webhook-id / Gửi lại',
  security: bearerSecurity,
  request: { params: z.object({ id, deliveryId: id }) },
  responses: { 202: json(deliveryViewSchema, 'The delivery, queued again'), ...errorResponses },
});

export function webhookRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(create, async (c) => {
      const created = await createEndpoint(webhookWorkspace(c, deps), changeContext(c), c.req.valid('json'));
      return c.json(created, 201, { etag: etagOf(created.version), location: `${base}/${created.id}` });
    })
    .openapi(list, async (c) =>
      c.json({ items: await listEndpoints(webhookWorkspace(c, deps), c.get('principal')) }, 200),
    )
    .openapi(read, async (c) => {
      const endpoint = await readEndpoint(
        webhookWorkspace(c, deps),
        c.get('principal'),
        c.req.valid('param').id,
      );
      return c.json(endpoint, 200, { etag: etagOf(endpoint.version) });
    })
    .openapi(update, async (c) => {
      const ws = webhookWorkspace(c, deps);
      const [endpointId, patch, version] = [c.req.valid('param').id, c.req.valid('json'), ifMatchVersion(c)];
      const endpoint = await updateEndpoint(ws, changeContext(c), endpointId, patch, version);
      return c.json(endpoint, 200, { etag: etagOf(endpoint.version) });
    })
    .openapi(remove, async (c) => {
      const ws = webhookWorkspace(c, deps);
      await deleteEndpoint(ws, changeContext(c), c.req.valid('param').id, ifMatchVersion(c));
      return c.body(null, 204);
    })
    .openapi(rotate, async (c) => {
      const ws = webhookWorkspace(c, deps);
      const endpoint = await rotateSecret(ws, changeContext(c), c.req.valid('param').id, ifMatchVersion(c));
      return c.json(endpoint, 200, { etag: etagOf(endpoint.version) });
    })
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
