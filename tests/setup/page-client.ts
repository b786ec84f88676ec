/**
 * A browser's part in page tests over HTTP, without a browser: a cookie jar that honours Path,
 * forms posted from the app's own origin with the session's CSRF token, and redirects shown,
 * not followed, so a test sees each step. Browser tests (tests/browser) do the real thing.
 */
import type { TestApp } from './test-app.ts';
import { PASSWORD } from './test-app.ts';

export const PAGE_ORIGIN = 'http://localhost';

interface Cookie {
  readonly value: string;
  readonly path: string;
}

export type PageClient = ReturnType<typeof pageClient>;

export function pageClient(t: TestApp) {
  const jar = new Map<string, Cookie>();

  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const [name = '', value = ''] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expired = attributes.some((a) => /^max-age=0$/i.test(a) || /^expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, { value, path });
    }
    return response;
  };

  const cookieHeader = (path: string) =>
    [...jar.entries()]
      .filter(
        ([, cookie]) =>
          path === cookie.path ||
          path.startsWith(cookie.path === '/' ? '/' : `${cookie.path}/`) ||
          path.startsWith(`${cookie.path}?`),
      )
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join('; ');

  const send = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    const cookies = cookieHeader(path.split('?')[0] ?? path);
    if (cookies) headers.set('cookie', cookies);
    return keep(await t.app.request(`${PAGE_ORIGIN}${path}`, { ...init, headers, redirect: 'manual' }));
  };

  const get = (path: string, headers: Record<string, string> = {}) => send(path, { headers });

  /** A form submitted from one of our pages: same origin, with the CSRF token unless told otherwise. */
  const post = (
    path: string,
    fields: Record<string, string>,
    options: { origin?: string; csrf?: string | null; files?: Record<string, File> } = {},
  ) => {
    const csrf = options.csrf === undefined ? jar.get('csrf')?.value : options.csrf;
    const all = csrf !== null && csrf !== undefined ? { ...fields, _csrf: csrf } : fields;
    // A form with a file goes as multipart/form-data, its boundary set by the request itself.
    if (options.files) {
      const body = new FormData();
      for (const [name, value] of Object.entries(all)) body.set(name, value);
      for (const [name, file] of Object.entries(options.files)) body.set(name, file);
      return send(path, { method: 'POST', headers: { origin: options.origin ?? PAGE_ORIGIN }, body });
    }
    return send(path, {
      method: 'POST',
      headers: { origin: options.origin ?? PAGE_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(all),
    });
  };

  /** Opens the sign-in page (which hands out the form token) and signs in. */
  const signIn = async (username: string, password = PASSWORD) => {
    await get('/');
    const response = await post('/sign-in', { username, password });
    if (response.status !== 303) throw new Error(`page sign-in of ${username} failed: ${response.status}`);
    return response;
  };

  return { get, post, signIn, cookie: (name: string) => jar.get(name), jar };
}
