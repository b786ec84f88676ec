/**
 * Cross-site request forgery: every POST must come from a page of this origin (the browser's
 * Origin header) and carry the session's token, which only our pages can read out of the
 * HttpOnly cookie into their forms. A new token is drawn at sign-in, so a token seen before
 * signing in is worth nothing after.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../app-env.ts';
import { readCsrfCookie, writeCsrfCookie } from './session-cookies.ts';

export const CSRF_FIELD = '_csrf';

export class CsrfRefused extends Error {}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function newCsrfToken(c: Context<AppEnv>): string {
  const token = randomBytes(32).toString('base64url');
  writeCsrfCookie(c, token);
  c.set('csrfToken', token);
  return token;
}

function sameToken(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

export const csrfProtection = createMiddleware<AppEnv>(async (c, next) => {
  const cookie = readCsrfCookie(c);
  if (SAFE_METHODS.has(c.req.method)) {
    if (cookie) c.set('csrfToken', cookie);
    else newCsrfToken(c);
    return next();
  }
  if (c.req.header('origin') !== new URL(c.req.url).origin) throw new CsrfRefused('origin');
  const form = await c.req.parseBody();
  const sent = form[CSRF_FIELD];
  if (!cookie || typeof sent !== 'string' || !sameToken(sent, cookie)) throw new CsrfRefused('token');
  c.set('csrfToken', cookie);
  await next();
});
