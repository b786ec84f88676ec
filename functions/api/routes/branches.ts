/** Reading an organization's branches, within the caller's scope. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { isBranchInScope, isUnitInScope } from '#shared/auth/authorize.ts';
import { branchKindSchema, branchSchema } from '#shared/domain/branches.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { BranchRepository } from '#shared/store/repositories/branches.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import type { AppEnv } from '../app-env.ts';
import { bearerSecurity, errorResponses, json, pageQuerySchema, pageSchema } from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';

const list = createRoute({
  method: 'get',
  path: '/api/v1/branches',
  tags: ['branches'],
  summary: 'Branches of a unit, optionally of one kind / Chi hội, chi đoàn của một đơn vị',
  security: bearerSecurity,
  request: {
    query: pageQuerySchema.extend({ unitId: z.string().max(64), kind: branchKindSchema.optional() }),
  },
  responses: { 200: json(pageSchema(branchSchema), 'A page of branches'), ...errorResponses },
});

const read = createRoute({
  method: 'get',
  path: '/api/v1/branches/{id}',
  tags: ['branches'],
  summary: 'One branch / Một chi hội, chi đoàn',
  security: bearerSecurity,
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: { 200: json(branchSchema, 'The branch'), ...errorResponses },
});

export function branchRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const { unitId, kind, limit, cursor } = c.req.valid('query');
      const unit = await new UnitRepository(c.get('tenantTable')).get(unitId);
      if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id: unitId });
      const principal = c.get('principal');
      const branchOfficer = principal.scope !== null && 'branchId' in principal.scope;
      if (!branchOfficer && !isUnitInScope(principal, unit)) throw new DomainError('FORBIDDEN');
      const page = await new BranchRepository(c.get('tenantTable')).ofUnit(unitId, kind, limit, cursor);
      if (branchOfficer) {
        // A branch officer may list the unit of their branch, and sees that branch only.
        const own = page.items.filter((branch) => isBranchInScope(principal, branch, unit));
        return c.json({ items: own, nextCursor: page.nextCursor }, 200);
      }
      return c.json(page, 200);
    })
    .openapi(read, async (c) => {
      const { id } = c.req.valid('param');
      const branch = await new BranchRepository(c.get('tenantTable')).get(id);
      if (!branch) throw new DomainError('BRANCH_NOT_FOUND', { id });
      const unit = await new UnitRepository(c.get('tenantTable')).get(branch.unitId);
      if (!unit || !isBranchInScope(c.get('principal'), branch, unit)) throw new DomainError('FORBIDDEN');
      return c.json(branch, 200);
    });
}
