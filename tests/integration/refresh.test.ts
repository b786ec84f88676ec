/**
 * Refresh tokens: single use, rotated on every refresh, and a family revoked whole when a spent
 * token comes back or when the user signs out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_SECONDS } from '../../shared/auth/tokens.ts';
import { createTestApp, expectProblem, type TestApp } from '../setup/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

interface TokenPair {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
}

const refresh = (refreshToken: string) =>
  t.request('/api/v1/auth/refresh', { method: 'POST', json: { refresh_token: refreshToken } });

const revoke = (refreshToken: string) =>
  t.request('/api/v1/auth/revoke', { method: 'POST', json: { refresh_token: refreshToken } });

describe('POST /api/v1/auth/refresh', () => {
  it('returns a new pair whose refresh token differs and whose access token works', async () => {
    const first = await t.signIn('root.operator');

    const response = await refresh(first.refresh_token);

    expect(response.status).toBe(200);
    const next = (await response.json()) as TokenPair;
    expect(next).toMatchObject({ token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS });
    expect(next.refresh_token).not.toBe(first.refresh_token);
    expect(next.access_token).not.toBe(first.access_token);
    const me = await t.request('/api/v1/me', { token: next.access_token });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'root.operator', role: 'platform_admin' });
  });

  it('lets each new refresh token be used once more', async () => {
    const first = await t.signIn('root.operator');
    const second = (await (await refresh(first.refresh_token)).json()) as TokenPair;

    const response = await refresh(second.refresh_token);

    expect(response.status).toBe(200);
    const third = (await response.json()) as TokenPair;
    expect(third.refresh_token).not.toBe(second.refresh_token);
  });

  it('refuses a refresh token that was already exchanged', async () => {
    const first = await t.signIn('root.operator');
    expect((await refresh(first.refresh_token)).status).toBe(200);

    const response = await refresh(first.refresh_token);

    await expectProblem(response, 401, 'INVALID_REFRESH_TOKEN');
  });

  it('revokes the whole family when a spent refresh token comes back, so the newest is refused too', async () => {
    const first = await t.signIn('root.operator');
    const second = (await (await refresh(first.refresh_token)).json()) as TokenPair;
    await expectProblem(await refresh(first.refresh_token), 401, 'INVALID_REFRESH_TOKEN');

    const response = await refresh(second.refresh_token);

    await expectProblem(response, 401, 'INVALID_REFRESH_TOKEN');
  });

  it('leaves the other sign-ins of the same user alone when one family is revoked for reuse', async () => {
    const other = await t.signIn('root.operator');
    const first = await t.signIn('root.operator');
    await refresh(first.refresh_token);
    await expectProblem(await refresh(first.refresh_token), 401, 'INVALID_REFRESH_TOKEN');

    const response = await refresh(other.refresh_token);

    expect(response.status).toBe(200);
  });

  it('lets only one of two simultaneous exchanges of a refresh token succeed', async () => {
    const first = await t.signIn('root.operator');

    const responses = await Promise.all([refresh(first.refresh_token), refresh(first.refresh_token)]);

    expect(responses.map((r) => r.status).sort()).toEqual([200, 401]);
    const loser = responses.find((r) => r.status === 401) as Response;
    await expectProblem(loser, 401, 'INVALID_REFRESH_TOKEN');
  });

  it('refuses an access token given as the refresh token', async () => {
    const { access_token } = await t.signIn('root.operator');

    const response = await refresh(access_token);

    await expectProblem(response, 401, 'INVALID_REFRESH_TOKEN');
  });

  it('refuses a refresh token that is not a JWT', async () => {
    const response = await refresh('not-a-refresh-token');

    await expectProblem(response, 401, 'INVALID_REFRESH_TOKEN');
  });
});

describe('POST /api/v1/auth/revoke', () => {
  it('answers 204 and the revoked refresh token is refused afterwards', async () => {
    const { refresh_token } = await t.signIn('root.operator');

    const response = await revoke(refresh_token);

    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    await expectProblem(await refresh(refresh_token), 401, 'INVALID_REFRESH_TOKEN');
  });

  it('revokes the family of a rotated token: signing out with the newest token kills it', async () => {
    const first = await t.signIn('root.operator');
    const second = (await (await refresh(first.refresh_token)).json()) as TokenPair;

    const response = await revoke(second.refresh_token);

    expect(response.status).toBe(204);
    await expectProblem(await refresh(second.refresh_token), 401, 'INVALID_REFRESH_TOKEN');
  });

  it('refuses an access token given as the refresh token', async () => {
    const { access_token } = await t.signIn('root.operator');

    const response = await revoke(access_token);

    await expectProblem(response, 401, 'INVALID_REFRESH_TOKEN');
  });
});

describe.each([['/api/v1/auth/refresh'], ['/api/v1/auth/revoke']])('the body of POST %s', (path) => {
  it('is refused with VALIDATION_FAILED for an unknown field, and the token is not spent', async () => {
    const { refresh_token } = await t.signIn('root.operator');

    const response = await t.request(path, {
      method: 'POST',
      json: { refresh_token, remember_me: true },
    });

    const body = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual([
      expect.objectContaining({ path: 'body.remember_me', code: 'unrecognized_keys' }),
    ]);
    expect((await refresh(refresh_token)).status).toBe(200);
  });

  it.each([
    ['a missing refresh_token', {}, 'invalid_type'],
    ['a refresh_token under another name', { refreshToken: 'x.y.z' }, 'invalid_type'],
    ['a refresh_token that is a number', { refresh_token: 42 }, 'invalid_type'],
    ['an empty refresh_token', { refresh_token: '' }, 'too_small'],
  ])('is refused with VALIDATION_FAILED for %s', async (_, json, issue) => {
    const response = await t.request(path, { method: 'POST', json });

    const body = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(body.errors).toContainEqual(expect.objectContaining({ path: 'body.refresh_token', code: issue }));
  });
});
