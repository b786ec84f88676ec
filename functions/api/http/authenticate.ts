/**
 * Bearer-token authentication: the only place a principal, and with it the tenant whose part
 * of the table a request may touch, comes from. Pages take the token from their session cookie
 * and come through `actAs` too.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { DomainError } from '#shared/domain/errors.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';

export function authenticate(deps: AppDependencies) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header);
    if (!match?.[1]) throw new DomainError('UNAUTHENTICATED');
    await actAs(c, deps, match[1]);
    await next();
  });
}

/** Verifies an access token and sets who the request acts for; refuses with UNAUTHENTICATED. */
export async function actAs(c: Context<AppEnv>, { tokens, table }: AppDependencies, token: string) {
  const principal = await tokens.verifyAccess(token, c.get('now'));
  c.set('principal', principal);
  c.set('tenantTable', table.forTenant(principal.tenantId));
}
