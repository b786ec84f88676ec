/**
 * Bearer-token authentication: the only place a principal, and with it the tenant whose part
 * of the table a request may touch, comes from. The bearer is an access token (a JWT) or an
 * integration's API key (`dtk_…`, told apart by its prefix). Pages take the token from their
 * session cookie and come through `actAs` too; they take no API key.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { principalOfApiKey } from '#shared/auth/api-key-authentication.ts';
import { API_KEY_PATTERN } from '#shared/auth/api-key-secret.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/roles.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';

export function authenticate(deps: AppDependencies) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const bearer = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (API_KEY_PATTERN.test(bearer))
      setPrincipal(c, deps, await principalOfApiKey(deps.table, deps.apiKeyCache, bearer, c.get('now')));
    else if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(bearer)) await actAs(c, deps, bearer);
    else throw new DomainError('UNAUTHENTICATED');
    await next();
  });
}

/** Verifies an access token and sets who the request acts for; refuses with UNAUTHENTICATED. */
export async function actAs(c: Context<AppEnv>, deps: AppDependencies, token: string) {
  setPrincipal(c, deps, await deps.tokens.verifyAccess(token, c.get('now')));
}

function setPrincipal(c: Context<AppEnv>, { table }: AppDependencies, principal: Principal) {
  c.set('principal', principal);
  c.set('tenantTable', table.forTenant(principal.tenantId));
}
