/**
 * The web admin's session over HTTP: signing in at `/` sets HttpOnly, SameSite=Lax cookies (the
 * refresh token only on the session paths), pages need them, an expired access token is
 * refreshed on the way, signing out revokes the refresh family, and every form is refused
 * without the session's token or from another origin — with nothing written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pageClient } from '../setup/page-client.ts';
import { appWithProvinces } from '../setup/scene.ts';
import { PASSWORD, type TestApp } from '../setup/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await appWithProvinces(['pg']);
});

const setCookies = (response: Response) => response.headers.getSetCookie();

describe('signing in', () => {
  it('shows the sign-in form in Vietnamese at /, with a form token', async () => {
    const browser = pageClient(t);
    const page = await browser.get('/');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Đăng nhập');
    expect(html).toMatch(/name="_csrf" value="[\w-]{43}"/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    // Browsers send Origin: null with forms under no-referrer, and the CSRF check needs the origin.
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('sets HttpOnly, SameSite=Lax cookies; the refresh token only for the session paths', async () => {
    const browser = pageClient(t);
    await browser.get('/');
    const before = browser.cookie('csrf')?.value;
    const response = await browser.post('/sign-in?back=%2Fhome', {
      username: 'pg.farmers',
      password: PASSWORD,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/home');
    const cookies = setCookies(response);
    const session = cookies.find((line) => line.startsWith('session='));
    const refresh = cookies.find((line) => line.startsWith('refresh='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Path=\//);
    expect(refresh).toMatch(/Path=\/session;/);
    expect(refresh).toMatch(/HttpOnly/);
    // A new form token for the new session: one seen before signing in is worth nothing after.
    expect(browser.cookie('csrf')?.value).not.toBe(before);
  });

  it('opens the organization home with its figures once signed in', async () => {
    const browser = pageClient(t);
    await browser.signIn('pg.farmers');
    const home = await browser.get('/home');
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('Hội viên hiện có');
    expect(html).toContain('pg.farmers');
  });

  it('sends a visitor without a session to sign in, and back afterwards', async () => {
    const browser = pageClient(t);
    const response = await browser.get('/home');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?back=%2Fhome');
  });

  it('keeps the username and says why when the password is wrong; no session is set', async () => {
    const browser = pageClient(t);
    await browser.get('/');
    const response = await browser.post('/sign-in', { username: 'pg.farmers', password: 'not the password' });
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain('value="pg.farmers"');
    expect(html).not.toContain('not the password');
    expect(html).toContain('role="alert"');
    expect(browser.cookie('session')).toBeUndefined();
  });

  it('marks an empty username beside its field', async () => {
    const browser = pageClient(t);
    await browser.get('/');
    const response = await browser.post('/sign-in', { username: '', password: PASSWORD });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(/id="f-username"[^>]*aria-invalid="true"[^>]*aria-describedby="f-username-error"/);
    expect(html).toContain('id="f-username-error"');
  });
});

// The pages load on first use, as an app of their own that the API's app hands requests to.
describe('the app around the pages', () => {
  it('hands a page its request id: in the header and on an error page', async () => {
    const browser = pageClient(t);
    await browser.signIn('pg.farmers');
    const response = await browser.get('/members/nowhere', { 'x-request-id': 'page-request-42' });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBe('page-request-42');
    expect(await response.text()).toContain('page-request-42');
  });

  it('tells a wrong method on a page’s path (405 with Allow) from a path nobody serves (404)', async () => {
    const wrongMethod = await t.app.request('/sign-in');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await t.app.request('/nowhere')).status).toBe(404);
  });
});

describe('forged forms', () => {
  it('refuses a form without the session token, and signs no one in', async () => {
    const browser = pageClient(t);
    await browser.get('/');
    const response = await browser.post(
      '/sign-in',
      { username: 'pg.farmers', password: PASSWORD },
      { csrf: null },
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Biểu mẫu đã hết hạn');
    expect(browser.cookie('session')).toBeUndefined();
  });

  it('refuses a form posted from another origin, even with the token', async () => {
    const browser = pageClient(t);
    await browser.signIn('pg.farmers');
    const response = await browser.post('/session/sign-out', {}, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    // Still signed in: the forged sign-out did nothing.
    expect((await browser.get('/home')).status).toBe(200);
  });
});

describe('the session', () => {
  it('refreshes an expired access token on the way to the page', async () => {
    const browser = pageClient(t);
    await browser.signIn('pg.farmers');
    // An access token that no longer verifies, as one past its 15 minutes.
    browser.jar.set('session', { value: 'a.b.c', path: '/' });
    const first = await browser.get('/home');
    expect(first.status).toBe(307);
    expect(first.headers.get('location')).toBe('/session/refresh?back=%2Fhome');
    const refreshed = await browser.get(first.headers.get('location') as string);
    expect(refreshed.status).toBe(307);
    expect(refreshed.headers.get('location')).toBe('/home');
    expect((await browser.get('/home')).status).toBe(200);
  });

  it('signs out by revoking the refresh family: the old refresh token no longer works', async () => {
    const browser = pageClient(t);
    await browser.signIn('pg.farmers');
    const refreshToken = browser.cookie('refresh')?.value as string;
    const out = await browser.post('/session/sign-out', {});
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/?signedOut=1');
    expect(browser.cookie('session')).toBeUndefined();
    expect((await browser.get('/home')).status).toBe(303);
    const reuse = await t.request('/api/v1/auth/refresh', {
      method: 'POST',
      json: { refresh_token: refreshToken },
    });
    expect(reuse.status).toBe(401);
  });
});

describe('language and assets', () => {
  it('switches to English and stays there, only back to paths of this site', async () => {
    const browser = pageClient(t);
    const away = await browser.get('/language?to=en&back=%2F%2Fevil.example');
    expect(away.headers.get('location')).toBe('/');
    const page = await browser.get('/');
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Sign in');
  });

  it('serves the stylesheet and script under hashed names, cached for a year', async () => {
    const browser = pageClient(t);
    const html = await (await browser.get('/')).text();
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(assets).toHaveLength(3);
    for (const path of assets) {
      expect(path).toMatch(/\.[0-9a-f]{12}\.(css|js|svg)$/);
      const response = await browser.get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });
});

describe('over HTTPS', () => {
  it('names the cookies with the __Host- and __Secure- prefixes and marks them Secure', async () => {
    const form = await t.app.request('https://localhost/');
    const csrf = form.headers.getSetCookie().find((line) => line.startsWith('__Host-csrf='));
    expect(csrf).toMatch(/Secure/);
    const token = /^__Host-csrf=([^;]+)/.exec(csrf ?? '')?.[1] as string;
    const response = await t.app.request('https://localhost/sign-in', {
      method: 'POST',
      headers: {
        origin: 'https://localhost',
        cookie: `__Host-csrf=${token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ username: 'pg.farmers', password: PASSWORD, _csrf: token }),
    });
    expect(response.status).toBe(303);
    const cookies = response.headers.getSetCookie();
    const session = cookies.find((line) => line.startsWith('__Host-session='));
    const refresh = cookies.find((line) => line.startsWith('__Secure-refresh='));
    expect(session).toMatch(/; Path=\/;.*Secure/);
    expect(session).not.toMatch(/Domain=/i);
    expect(refresh).toMatch(/Path=\/session;.*Secure/);
  });
});
