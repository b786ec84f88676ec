/**
 * Signed-in pages: the access token comes from the session cookie and goes through the same
 * verification as a bearer token. An expired token sends the browser through the refresh path
 * (the only place the refresh cookie is sent) and back, with a 307 so a submitted form is sent
 * again as it was; no session at all sends it to the sign-in page.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { DomainError } from '#shared/domain/errors.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { actAs } from '../../http/authenticate.ts';
import { REFRESH_PATH, readAccessCookie } from './session-cookies.ts';

const here = (c: Context) => {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
};

export const signInPath = (back: string) => `/?back=${encodeURIComponent(back)}`;

export function pageSession(deps: AppDependencies) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = readAccessCookie(c);
    if (!token) return c.redirect(signInPath(here(c)), 303);
    try {
      await actAs(c, deps, token);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'UNAUTHENTICATED')
        return c.redirect(`${REFRESH_PATH}?back=${encodeURIComponent(here(c))}`, 307);
      throw error;
    }
    await next();
  });
}
