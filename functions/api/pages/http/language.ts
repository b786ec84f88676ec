/**
 * The reader's language: Vietnamese unless they chose English with the switch, remembered in a
 * cookie for a year. The switch is a link, so it works before signing in and without scripts.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Lang } from '#shared/domain/ui-text/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { localPath } from './local-path.ts';

const COOKIE = 'lang';

export const language = createMiddleware<AppEnv>(async (c, next) => {
  c.set('lang', getCookie(c, COOKIE) === 'en' ? 'en' : 'vi');
  await next();
});

/** GET /language?to=en&back=/members: remembers the choice and returns to the page. */
export function switchLanguage(c: Context<AppEnv>) {
  const to: Lang = c.req.query('to') === 'en' ? 'en' : 'vi';
  setCookie(c, COOKIE, to, {
    path: '/',
    sameSite: 'Lax',
    httpOnly: true,
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: 365 * 24 * 60 * 60,
  });
  return c.redirect(localPath(c.req.query('back')), 303);
}
