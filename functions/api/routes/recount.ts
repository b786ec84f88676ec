/** Recounting the figures of the caller's organization from its members, branches, ratings and reviews. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { recountWorkspaceOf } from '#shared/figures/recount.ts';
import { recountOrganization } from '#shared/figures/recount-organization.ts';
import type { AppEnv } from '../app-env.ts';
import { bearerSecurity, errorResponses, json, jsonBody } from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';

const recountRequestSchema = z
  .strictObject({
    apply: z
      .boolean()
      .default(false)
      .meta({ description: 'Also correct the stored figures (adds each difference)' }),
  })
  .meta({ id: 'RecountRequest' });

const recountReportSchema = z
  .object({
    members: z.number().int().meta({ description: 'Members read (current and former)' }),
    branches: z.number().int(),
    branchRatings: z.number().int().meta({ description: 'Branch ratings read, of every year and state' }),
    branchReviews: z.number().int().meta({ description: 'Branch reviews read, of every year' }),
    units: z.number().int(),
    differences: z.array(
      z.object({
        unitId: z.string(),
        counter: z.string().meta({ example: 'members_active' }),
        stored: z.number(),
        recounted: z.number(),
      }),
    ),
    applied: z.boolean(),
  })
  .meta({ id: 'RecountReport' });

const route = createRoute({
  method: 'post',
  path: '/api/v1/admin/recount',
  operationId: 'recountFigures',
  tags: ['admin'],
  summary: 'Recount the figures from the members / Đếm lại số liệu từ hồ sơ hội viên',
  description:
    'Counts every aggregate of the organization again from its members and branches, compares with the stored figures and lists the differences; with `apply`, corrects them. Reads the whole organization: for operators, not dashboards.',
  security: bearerSecurity,
  request: jsonBody(recountRequestSchema),
  responses: {
    200: json(recountReportSchema, 'What differs, and whether it was corrected'),
    ...errorResponses,
  },
});

export function recountRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
    const table = c.get('tenantTable');
    const report = await recountOrganization(
      recountWorkspaceOf(table),
      c.get('principal'),
      c.req.valid('json'),
    );
    return c.json(report, 200);
  });
}
