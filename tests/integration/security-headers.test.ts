/**
 * Response headers over HTTP: the security headers on every kind of response, problem
 * documents included; no-store on everything under /api/v1 (personal data and tokens) while
 * public files keep their caching; the RFC 6750 challenge on every 401; docs that do not keep
 * the bearer token.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { admission, admitOk, provinceWithBranches } from '../setup/members.ts';
import { accessTokens, appWithProvinces } from '../setup/scene.ts';
import { attemptSignIn, createTestApp, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let farmers: string;
let memberId: string;

beforeAll(async () => {
  t = await appWithProvinces(['alpha'], provinceWithBranches);
  [farmers] = await accessTokens(t, 'alpha.farmers');
  ({ id: memberId } = await admitOk(t, farmers, admission({ fullName: 'Trần Thị Kín' })));
});

const responses: [string, () => Response | Promise<Response>][] = [
  ['a JSON read', () => t.request('/api/v1/me', { token: farmers })],
  ['a member read', () => t.request(`/api/v1/members/${memberId}`, { token: farmers })],
  ['the docs page', () => t.request('/docs')],
  ['a docs asset', () => t.request('/docs/assets/swagger-ui.css')],
  ['the health check', () => t.request('/health')],
  ['a 401 problem', () => t.request('/api/v1/me')],
  ['a 404 problem', () => t.request('/api/v1/nowhere', { token: farmers })],
  ['a 404 problem outside the API', () => t.request('/nowhere')],
  ['a 405 problem', () => t.request('/api/v1/me', { method: 'DELETE', token: farmers })],
];

describe('every response', () => {
  it.each(responses)('carries the security headers: %s', async (_, send) => {
    const response = await send();

    expect({
      'x-content-type-options': response.headers.get('x-content-type-options'),
      'x-frame-options': response.headers.get('x-frame-options'),
      'referrer-policy': response.headers.get('referrer-policy'),
      'strict-transport-security': response.headers.get('strict-transport-security'),
    }).toEqual({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    });
    const csp = directives(response.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('the content security policy', () => {
  it('lets the pages’ script send an upload to the bucket on AWS, and nowhere else', async () => {
    const onAws = await createTestApp({
      env: { FILES_BUCKET: 'doanthe-files', AWS_REGION: 'ap-southeast-1' },
    });
    const response = await onAws.request('/health');

    expect(directives(response.headers.get('content-security-policy')).get('connect-src')).toEqual([
      "'self'",
      'https://doanthe-files.s3.ap-southeast-1.amazonaws.com',
    ]);
  });

  it('lets the docs page load its own script, style, images and the OpenAPI document, and nothing inline', async () => {
    const response = await t.request('/docs');
    const html = await response.text();

    const csp = directives(response.headers.get('content-security-policy'));

    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/docs\//);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b|\sstyle=/i);
  });
});

describe('Cache-Control', () => {
  it.each([
    ['a member read', () => t.request(`/api/v1/members/${memberId}`, { token: farmers })],
    ['the member list', () => t.request('/api/v1/members', { token: farmers })],
    ['me', () => t.request('/api/v1/me', { token: farmers })],
    ['a 404 problem under /api/v1', () => t.request('/api/v1/members/missing', { token: farmers })],
    ['a 401 problem under /api/v1', () => t.request('/api/v1/me')],
    ['a refused sign-in', () => attemptSignIn(t, 'alpha.farmers', 'not-the-password')],
  ])('is no-store on %s', async (_, send) => {
    const response = await send();

    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('is no-store on the token pairs of sign-in and refresh', async () => {
    const signIn = await attemptSignIn(t, 'alpha.farmers');
    const { refresh_token } = (await signIn.json()) as { refresh_token: string };

    const refresh = await t.request('/api/v1/auth/refresh', { method: 'POST', json: { refresh_token } });

    expect(signIn.headers.get('cache-control')).toBe('no-store');
    expect(refresh.status).toBe(200);
    expect(refresh.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['/docs/assets/swagger-ui.css', 'public, max-age=86400'],
    ['/.well-known/jwks.json', 'public, max-age=300'],
  ])('keeps the public caching of %s', async (path, cacheControl) => {
    const response = await t.request(path);

    expect(response.headers.get('cache-control')).toBe(cacheControl);
  });
});

describe('WWW-Authenticate on a 401', () => {
  it('names the Bearer scheme without an error code when no token was sent', async () => {
    const response = await t.request('/api/v1/me');

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="doanthe"');
  });

  it.each([
    ['a malformed token', 'Bearer not-a-token'],
    ['a token with a broken signature', () => `Bearer ${farmers.slice(0, -4)}AAAA`],
  ])('says invalid_token when %s was sent', async (_, authorization) => {
    const header = typeof authorization === 'string' ? authorization : authorization();

    const response = await t.request('/api/v1/me', { headers: { authorization: header } });

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="doanthe", error="invalid_token"');
  });

  it('names the Bearer scheme on a refused sign-in', async () => {
    const response = await attemptSignIn(t, 'alpha.farmers', 'not-the-password');

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="doanthe"');
  });
});

describe('the docs page', () => {
  it('does not persist the bearer token typed into Authorize', async () => {
    const init = await (await t.request('/docs/init.js')).text();

    expect(init).toContain('persistAuthorization: false');
    expect(init).not.toMatch(/localStorage|persistAuthorization: true/);
  });
});

/** A CSP header as directive → sources. */
function directives(header: string | null): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name as string, sources]),
  );
}
