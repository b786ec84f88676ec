/**
 * Bearer-token authentication: the only place a principal, and with it the tenant whose part
 * of the table a request may touch, comes from.
 */
import { createMiddleware } from 'hono/factory';
import { DomainError } from '#shared/domain/errors.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';

export function authenticate({ tokens, table }: AppDependencies) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header);
    if (!match?.[1]) throw new DomainError('UNAUTHENTICATED');
    const principal = await tokens.verifyAccess(match[1], c.get('now'));
    c.set('principal', principal);
    c.set('tenantTable', table.forTenant(principal.tenantId));
    await next();
  });
}
