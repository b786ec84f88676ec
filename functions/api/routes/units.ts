/** The province's map: reading it (any member of the province), adding units, renaming and closing them (map editors). */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { auditRecordSchema } from '#shared/domain/audit.ts';
import { createUnit, updateUnit } from '#shared/domain/unit-changes.ts';
import { listUnits, readUnit, unitAuditTrail } from '#shared/domain/unit-queries.ts';
import { createUnitSchema, unitSchema, updateUnitSchema } from '#shared/domain/units.ts';
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

const tags = ['units'];
const idParam = z.object({ id: z.string().max(64) });
const units = resourceRoutes({ path: '/api/v1/units', tags, item: unitSchema, idParam });
const unitResponse = units.itemResponse;

const list = units.list({
  operationId: 'listUnits',
  summary: 'Units under a parent, by name; top-level units without parentId / Danh sách đơn vị',
  query: {
    parentId: z.string().max(64).optional(),
    validOn: z.iso
      .date()
      .optional()
      .meta({ description: 'Only units in force on this day; without it, closed units too' }),
  },
  items: unitSchema,
  page: 'A page of units',
});

const read = units.read({
  operationId: 'getUnit',
  summary: 'One unit, with its former names and successor / Một đơn vị',
  description: 'The unit',
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/units',
  operationId: 'createUnit',
  tags,
  summary: 'Add a unit under a parent; a hamlet without id gets <communeId>-<nn> / Thêm đơn vị',
  description:
    'Map editors only (front_admin, an org_admin granted map_editor). A hamlet whose name folds like another of its commune is 409 UNIT_EXISTS with existingId.',
  security: bearerSecurity,
  request: jsonBody(createUnitSchema),
  responses: { 201: unitResponse('The new unit'), ...errorResponses, 409: changeResponses[409] },
});

const audit = createRoute({
  method: 'get',
  path: '/api/v1/units/{id}/audit',
  operationId: 'listUnitAudit',
  tags,
  summary: 'Who changed a unit of the map, newest first (map editors) / Nhật ký thay đổi đơn vị',
  security: bearerSecurity,
  request: { params: idParam, query: pageQuerySchema },
  responses: { 200: json(pageSchema(auditRecordSchema), 'A page of audit records'), ...errorResponses },
});

const update = createRoute({
  method: 'patch',
  path: '/api/v1/units/{id}',
  operationId: 'updateUnit',
  tags,
  summary: 'Rename, recode or close a unit (with its successor) / Đổi tên, giải thể, sáp nhập đơn vị',
  security: bearerSecurity,
  request: { params: idParam, headers: ifMatchHeader(false), ...jsonBody(updateUnitSchema) },
  responses: { 200: unitResponse('The unit after the change'), ...errorResponses, 412: changeResponses[412] },
});

export function unitRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) =>
      c.json(await listUnits(treeWorkspace(c), c.get('principal'), c.req.valid('query')), 200),
    )
    .openapi(read, async (c) => {
      const unit = await readUnit(treeWorkspace(c), c.get('principal'), c.req.valid('param').id);
      return c.json(unit, 200, { etag: etagOf(unit.version) });
    })
    .openapi(audit, async (c) =>
      c.json(
        await unitAuditTrail(
          treeWorkspace(c),
          c.get('principal'),
          c.req.valid('param').id,
          c.req.valid('query'),
        ),
        200,
      ),
    )
    .openapi(create, async (c) => {
      const unit = await createUnit(treeWorkspace(c), changeContext(c), c.req.valid('json'));
      return c.json(unit, 201, { etag: etagOf(unit.version), location: `/api/v1/units/${unit.id}` });
    })
    .openapi(update, async (c) => {
      const unit = await updateUnit(
        treeWorkspace(c),
        changeContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        ifMatchVersion(c),
      );
      return c.json(unit, 200, { etag: etagOf(unit.version) });
    });
}
