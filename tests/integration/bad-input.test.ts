/**
 * Whatever a client gets wrong, it gets a problem document that says what, in Vietnamese and
 * English, naming the request it answers; and a refused request writes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TENANT_KINDS } from '../../shared/domain/organizations.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { UnitRepository } from '../../shared/store/repositories/units.ts';
import { accessTokens, appWithProvinces } from '../setup/scene.ts';
import { attemptSignIn, expectProblem, PASSWORD, provinceBody, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let farmersToken: string;
let operatorToken: string;

/** A letter only Vietnamese text has: a sentence in English never contains one. */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

beforeAll(async () => {
  t = await appWithProvinces(['alpha']);
  [farmersToken, operatorToken] = await accessTokens(t, 'alpha.farmers', 'root.operator');
});

const postToken = (body: string, contentType = 'application/json') =>
  t.request('/api/v1/auth/token', { method: 'POST', body, headers: { 'content-type': contentType } });

describe('request bodies', () => {
  it('refuses malformed JSON with MALFORMED_JSON', async () => {
    const response = await postToken('{"username": "alpha.farmers", ');

    await expectProblem(response, 400, 'MALFORMED_JSON');
  });

  it('refuses an empty JSON body with MALFORMED_JSON', async () => {
    const response = await postToken('');

    await expectProblem(response, 400, 'MALFORMED_JSON');
  });

  it('refuses a text/plain body with UNSUPPORTED_MEDIA_TYPE, even when it holds JSON', async () => {
    const response = await postToken(
      JSON.stringify({ username: 'alpha.farmers', password: PASSWORD }),
      'text/plain',
    );

    await expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a body without a content type with UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await t.request('/api/v1/auth/token', {
      method: 'POST',
      body: new TextEncoder().encode(JSON.stringify({ username: 'alpha.farmers', password: PASSWORD })),
    });

    await expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('names every field of the wrong type', async () => {
    const response = await t.request('/api/v1/auth/token', {
      method: 'POST',
      json: { username: 42, password: ['a', 'list'] },
    });

    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => [e.path, e.code])).toEqual([
      ['body.username', 'invalid_type'],
      ['body.password', 'invalid_type'],
    ]);
  });

  it('names a missing field', async () => {
    const response = await t.request('/api/v1/auth/token', {
      method: 'POST',
      json: { username: 'alpha.farmers' },
    });

    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path)).toEqual(['body.password']);
  });

  it('names each unknown field, with a message in both languages', async () => {
    const response = await t.request('/api/v1/auth/token', {
      method: 'POST',
      json: { username: 'alpha.farmers', password: PASSWORD, remember: true, tenantId: 'beta:farmers' },
    });

    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([
      {
        path: 'body.remember',
        code: 'unrecognized_keys',
        message: expect.any(String),
        messageEn: 'Unknown field',
      },
      {
        path: 'body.tenantId',
        code: 'unrecognized_keys',
        message: expect.any(String),
        messageEn: 'Unknown field',
      },
    ]);
    expect(problem.errors?.[0]?.message).toMatch(VIETNAMESE);
  });

  it('refuses a 1 MB body with BODY_TOO_LARGE', async () => {
    const response = await postToken(
      JSON.stringify({ username: 'alpha.farmers', password: 'x'.repeat(1024 * 1024) }),
    );

    const problem = await expectProblem(response, 413, 'BODY_TOO_LARGE');
    expect(problem.detailEn).toContain('65536');
  });

  it('refuses a 1 MB body announced by its content-length with BODY_TOO_LARGE', async () => {
    const body = JSON.stringify({ username: 'alpha.farmers', password: 'x'.repeat(1024 * 1024) });

    const response = await t.request('/api/v1/auth/token', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    });

    await expectProblem(response, 413, 'BODY_TOO_LARGE');
  });
});

describe('paths and methods', () => {
  it('answers an unknown path with ROUTE_NOT_FOUND', async () => {
    const response = await t.request('/nothing-here');

    const problem = await expectProblem(response, 404, 'ROUTE_NOT_FOUND');
    expect(problem.instance).toBe('/nothing-here');
  });

  it('answers an unknown API path with ROUTE_NOT_FOUND once signed in', async () => {
    const response = await t.request('/api/v1/memberz', { token: farmersToken });

    await expectProblem(response, 404, 'ROUTE_NOT_FOUND');
  });

  it('answers a missing docs asset with ROUTE_NOT_FOUND, not METHOD_NOT_ALLOWED', async () => {
    const response = await t.request('/docs/assets/missing.js');

    await expectProblem(response, 404, 'ROUTE_NOT_FOUND');
  });

  it.each([
    { method: 'GET', path: '/api/v1/auth/token', allow: 'POST' },
    { method: 'DELETE', path: '/api/v1/auth/token', allow: 'POST' },
    { method: 'PUT', path: '/api/v1/auth/token', allow: 'POST' },
    { method: 'DELETE', path: '/api/v1/units/82', allow: 'GET, PATCH' },
    { method: 'PATCH', path: '/api/v1/me', allow: 'GET' },
    { method: 'POST', path: '/health', allow: 'GET' },
  ])('answers $method $path with METHOD_NOT_ALLOWED and Allow: $allow', async ({ method, path, allow }) => {
    const response = await t.request(path, { method, token: farmersToken });

    await expectProblem(response, 405, 'METHOD_NOT_ALLOWED');
    expect(response.headers.get('allow')).toBe(allow);
  });

  it('still answers HEAD where GET is allowed', async () => {
    const response = await t.request('/api/v1/me', { method: 'HEAD', token: farmersToken });

    expect(response.status).toBe(200);
  });
});

describe('query strings', () => {
  it.each([
    { query: '/api/v1/units?limit=0', paths: ['query.limit'] },
    { query: '/api/v1/units?limit=abc', paths: ['query.limit'] },
    { query: '/api/v1/units?limit=201', paths: ['query.limit'] },
    { query: '/api/v1/units?limit=1.5', paths: ['query.limit'] },
    { query: '/api/v1/branches?unitId=82&kind=bogus', paths: ['query.kind'] },
    { query: '/api/v1/branches', paths: ['query.unitId'] },
    { query: '/api/v1/branches?unitId=82&limit=0&kind=bogus', paths: ['query.limit', 'query.kind'] },
  ])('refuses $query naming $paths', async ({ query, paths }) => {
    const response = await t.request(query, { token: farmersToken });

    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path)).toEqual(paths);
  });
});

describe('every problem document', () => {
  const badRequests: { name: string; send: () => Response | Promise<Response> }[] = [
    { name: 'malformed JSON', send: () => postToken('{') },
    { name: 'wrong content type', send: () => postToken('x', 'text/plain') },
    { name: 'validation', send: () => t.request('/api/v1/auth/token', { method: 'POST', json: {} }) },
    { name: 'too large', send: () => postToken('x'.repeat(70_000)) },
    { name: 'unknown route', send: () => t.request('/nope') },
    { name: 'wrong method', send: () => t.request('/api/v1/auth/token') },
    { name: 'bad query', send: () => t.request('/api/v1/units?limit=0', { token: farmersToken }) },
    { name: 'not signed in', send: () => t.request('/api/v1/me') },
    { name: 'wrong password', send: () => attemptSignIn(t, 'alpha.farmers', 'not-the-password') },
    { name: 'not found', send: () => t.request('/api/v1/units/nope', { token: farmersToken }) },
  ];

  it.each(badRequests)('has Vietnamese and English text and the X-Request-Id ($name)', async ({ send }) => {
    const response = await send();

    const requestId = response.headers.get('x-request-id');
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({
      type: expect.stringMatching(/^urn:doanthe:problem:/),
      status: response.status,
      title: expect.stringMatching(VIETNAMESE),
      detail: expect.stringMatching(VIETNAMESE),
      titleEn: expect.not.stringMatching(VIETNAMESE),
      detailEn: expect.not.stringMatching(VIETNAMESE),
    });
    expect(problem.title).not.toBe(problem.titleEn);
    expect(requestId).toMatch(/^[\w-]{8,}$/);
    expect(problem.requestId).toBe(requestId);
  });

  it('carries a request id the client chose', async () => {
    const response = await t.request('/nope', { headers: { 'x-request-id': 'client-chosen-id-42' } });

    const problem = await expectProblem(response, 404, 'ROUTE_NOT_FOUND');
    expect(response.headers.get('x-request-id')).toBe('client-chosen-id-42');
    expect(problem.requestId).toBe('client-chosen-id-42');
  });
});

describe('a refused onboarding', () => {
  const onboarding = (id: string) =>
    provinceBody(id, {
      communes: [
        { code: '30001', name: 'Xã Một', type: 'xa' },
        { code: '30002', name: 'Xã Hai', type: 'xa' },
      ],
    });
  const post = (body: unknown) =>
    t.request('/api/v1/platform/provinces', { method: 'POST', token: operatorToken, json: body });

  async function expectNothingOf(id: string) {
    const province = await t.request(`/api/v1/platform/provinces/${id}`, { token: operatorToken });
    await expectProblem(province, 404, 'PROVINCE_NOT_FOUND');
    for (const kind of TENANT_KINDS) {
      await expectProblem(await attemptSignIn(t, `${id}.${kind}`), 401, 'INVALID_CREDENTIALS');
      const unit = await new UnitRepository(t.deps.table.forTenant(toTenantId(`${id}:${kind}`))).get('83');
      expect(unit).toBeUndefined();
    }
  }

  it('with one admin’s password too short names that field and writes nothing', async () => {
    const body = onboarding('gamma');
    body.admins.youth = { ...body.admins.youth, password: 'short' };

    const response = await post(body);

    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => [e.path, e.code])).toEqual([
      ['body.admins.youth.password', 'too_small'],
    ]);
    await expectNothingOf('gamma');
  });

  it('with an unknown field (an admin asking for a role) names it and writes nothing', async () => {
    const body = onboarding('delta');
    body.admins.farmers = { ...body.admins.farmers, role: 'platform_admin' };

    const response = await post(body);

    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => [e.path, e.code])).toEqual([
      ['body.admins.farmers.role', 'unrecognized_keys'],
    ]);
    await expectNothingOf('delta');
  });

  it('with a commune listed twice names the repeat and writes nothing', async () => {
    const body = onboarding('epsilon');
    body.communes = [...body.communes, { code: '30001', name: 'Xã Một lần nữa', type: 'xa' }];

    const response = await post(body);

    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path)).toEqual(['body.communes.2.code']);
    await expectNothingOf('epsilon');
  });

  it('with one username for two admins names the repeat and writes nothing', async () => {
    const body = onboarding('zeta');
    body.admins.front = { ...body.admins.front, username: 'zeta.farmers' };

    const response = await post(body);

    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path)).toEqual(['body.admins.front.username']);
    await expectNothingOf('zeta');
  });

  it('is accepted once corrected, which the checks above rely on', async () => {
    const response = await post(onboarding('gamma'));

    expect(response.status).toBe(201);
    expect((await attemptSignIn(t, 'gamma.youth')).status).toBe(200);
  });
});
