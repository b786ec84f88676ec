/**
 * The session's cookies. The access token rides on every page request; the refresh token goes
 * only to the session paths (refresh, sign-out), so a page never carries both. Over HTTPS they take the `__Host-` and
 * `__Secure-` prefixes, which a browser accepts only from a secure origin that set them itself,
 * so a neighbouring subdomain cannot plant its own.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { TokenPair } from '#shared/auth/sign-in.ts';
import { REFRESH_TOKEN_SECONDS } from '#shared/auth/tokens.ts';

/** The refresh cookie's path: refreshing, and signing out, which revokes the refresh token's family. */
export const SESSION_PATH = '/session';
export const REFRESH_PATH = `${SESSION_PATH}/refresh`;
export const SIGN_OUT_PATH = `${SESSION_PATH}/sign-out`;

const isSecure = (c: Context) => new URL(c.req.url).protocol === 'https:';

function names(c: Context) {
  const secure = isSecure(c);
  return {
    access: secure ? '__Host-session' : 'session',
    refresh: secure ? '__Secure-refresh' : 'refresh',
    csrf: secure ? '__Host-csrf' : 'csrf',
  };
}

const options = (c: Context, path = '/') =>
  ({ path, httpOnly: true, sameSite: 'Lax', secure: isSecure(c) }) as const;

export const readAccessCookie = (c: Context) => getCookie(c, names(c).access);
export const readRefreshCookie = (c: Context) => getCookie(c, names(c).refresh);
export const readCsrfCookie = (c: Context) => getCookie(c, names(c).csrf);

/**
 * Both tokens live as long as the refresh token: an expired access token is how the page layer
 * knows to refresh, so the cookie must outlive the token inside it.
 */
export function writeSessionCookies(c: Context, pair: TokenPair) {
  setCookie(c, names(c).access, pair.access_token, { ...options(c), maxAge: REFRESH_TOKEN_SECONDS });
  setCookie(c, names(c).refresh, pair.refresh_token, {
    ...options(c, SESSION_PATH),
    maxAge: REFRESH_TOKEN_SECONDS,
  });
}

export function writeCsrfCookie(c: Context, token: string) {
  setCookie(c, names(c).csrf, token, options(c));
}

export function clearSessionCookies(c: Context) {
  const { access, refresh, csrf } = names(c);
  const secure = isSecure(c);
  deleteCookie(c, access, { path: '/', secure });
  deleteCookie(c, refresh, { path: SESSION_PATH, secure });
  deleteCookie(c, csrf, { path: '/', secure });
}
