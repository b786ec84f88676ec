/** An organization's own rules: who may be admitted. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { eligibilityRulesSchema } from '#shared/domain/members/eligibility.ts';
import { readEligibilityRules, saveEligibilityRules } from '#shared/domain/members/eligibility-settings.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { bearerSecurity, errorResponses, json, jsonBody } from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';
import { changeContext, memberWorkspace } from '../http/workspaces.ts';

const path = '/api/v1/settings/eligibility';
const tags = ['settings'];

const read = createRoute({
  method: 'get',
  path,
  operationId: 'getEligibilitySettings',
  tags,
  summary: 'Admission rules of this organization / Điều kiện kết nạp',
  security: bearerSecurity,
  responses: { 200: json(eligibilityRulesSchema, 'The rules in force'), ...errorResponses },
});

const replace = createRoute({
  method: 'put',
  path,
  operationId: 'replaceEligibilitySettings',
  tags,
  summary: 'Set the admission rules / Đặt điều kiện kết nạp',
  security: bearerSecurity,
  request: jsonBody(eligibilityRulesSchema),
  responses: { 200: json(eligibilityRulesSchema, 'The rules now in force'), ...errorResponses },
});

export function settingsRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(read, async (c) =>
      c.json(await readEligibilityRules(memberWorkspace(c, deps), c.get('principal')), 200),
    )
    .openapi(replace, async (c) => {
      const rules = await saveEligibilityRules(
        memberWorkspace(c, deps),
        changeContext(c),
        c.req.valid('json'),
      );
      return c.json(rules, 200);
    });
}
