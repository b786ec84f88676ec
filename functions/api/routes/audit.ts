/** The audit trail of an organization: by record or by person who acted, newest first. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { auditRecordSchema } from '#shared/domain/audit.ts';
import { type AuditTrailQuery, auditTrail } from '#shared/domain/audit-trail.ts';
import { AuditRepository } from '#shared/store/repositories/audit.ts';
import type { AppEnv } from '../app-env.ts';
import { bearerSecurity, errorResponses, json, pageQuerySchema, pageSchema } from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';

/** Which trail to read: exactly one of a record and a user; the web admin's audit page reads it too. */
export const auditQuerySchema = pageQuerySchema
  .extend({ entityId: z.string().min(1).max(64).optional(), actor: z.string().min(1).max(64).optional() })
  .refine((q) => (q.entityId === undefined) !== (q.actor === undefined), {
    path: ['entityId'],
    message: 'exactly one of entityId and actor',
  });

const list = createRoute({
  method: 'get',
  path: '/api/v1/audit',
  operationId: 'listAuditRecords',
  tags: ['audit'],
  summary: 'Audit records of a record or of a user / Nhật ký thay đổi',
  description: 'Exactly one of entityId (a member, branch or unit id) and actor (a user id).',
  security: bearerSecurity,
  request: { query: auditQuerySchema },
  responses: { 200: json(pageSchema(auditRecordSchema), 'A page of audit records'), ...errorResponses },
});

export function auditRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(list, async (c) => {
    // The schema's refinement lets exactly one of entityId and actor through.
    const query = c.req.valid('query') as AuditTrailQuery;
    const page = await auditTrail(new AuditRepository(c.get('tenantTable')), c.get('principal'), query);
    return c.json(page, 200);
  });
}
