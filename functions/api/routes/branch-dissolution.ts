/** Dissolving a branch: its members move to chosen branches, then it closes; safe to re-run. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type DissolutionResult,
  dissolutionResultSchema,
  dissolveBranch,
  dissolveBranchSchema,
} from '#shared/domain/members/dissolve-branch.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { idempotent } from '../http/idempotency.ts';
import {
  bearerSecurity,
  changeResponses,
  errorResponses,
  idempotencyKeyHeader,
  json,
  jsonBody,
} from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';
import { changeContext, memberWorkspace } from '../http/workspaces.ts';

const dissolve = createRoute({
  method: 'post',
  path: '/api/v1/branches/{id}/dissolve',
  operationId: 'dissolveBranch',
  tags: ['branches'],
  summary: 'Dissolve a branch, moving its members / Giải thể chi hội, chi đoàn và chuyển hội viên',
  description:
    'Every current member moves to their own destination in `moves` or to `toBranchId`. The plan is kept on the branch (status `dissolving`), so repeating the request after an interruption finishes it and moves nobody twice.',
  security: bearerSecurity,
  request: {
    params: z.object({ id: z.string().min(1).max(64) }),
    headers: idempotencyKeyHeader,
    ...jsonBody(dissolveBranchSchema),
  },
  responses: { 200: json(dissolutionResultSchema, 'Dissolved'), ...errorResponses, ...changeResponses },
});

export function dissolutionRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(dissolve, async (c) => {
    const ws = memberWorkspace(c, deps);
    const { id } = c.req.valid('param');
    const request = c.req.valid('json');
    const render = (result: DissolutionResult) => ({ status: 200, body: result, headers: {} });
    return idempotent(c, render, (call) => dissolveBranch(ws, changeContext(c), id, request, call)) as never;
  });
}
