/**
 * Failed sign-ins: the same answer for a wrong password and an unknown user, and limits per
 * username and per client address (SIGN_IN_LIMITS) past which even the right password gets 429.
 *
 * Failures are counted in fixed windows of SIGN_IN_LIMITS.windowSeconds. The clock (Date only,
 * timers stay real) is frozen in the middle of the current window so that no test can straddle
 * a window boundary and so that Retry-After is known exactly. Every test uses its own usernames
 * and client addresses, since all of them share one window.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SIGN_IN_LIMITS } from '../../shared/auth/sign-in.ts';
import {
  createTestApp,
  expectProblem,
  onboardTestProvince,
  PASSWORD,
  type Problem,
  type TestApp,
} from '../setup/test-app.ts';

let t: TestApp;

const WRONG_PASSWORD = 'not-the-right-password';
const SECONDS_LEFT_IN_WINDOW = SIGN_IN_LIMITS.windowSeconds / 2;

beforeAll(async () => {
  const seconds = Math.floor(Date.now() / 1000);
  const windowStart = seconds - (seconds % SIGN_IN_LIMITS.windowSeconds);
  vi.setSystemTime((windowStart + SIGN_IN_LIMITS.windowSeconds - SECONDS_LEFT_IN_WINDOW) * 1000);
  t = await createTestApp();
  await onboardTestProvince(t, 'alpha');
});

afterAll(() => {
  vi.useRealTimers();
});

const attempt = (username: string, password: string, address: string) =>
  t.request('/api/v1/auth/token', {
    method: 'POST',
    headers: { 'x-test-client-address': address },
    json: { username, password },
  });

/** Fails `count` sign-ins at once; each must be refused as a plain wrong credential. */
async function failSignIns(count: number, attemptFor: (i: number) => [username: string, address: string]) {
  const responses = await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const [username, address] = attemptFor(i);
      return attempt(username, WRONG_PASSWORD, address);
    }),
  );
  const outcomes = await Promise.all(
    responses.map(async (r) => [r.status, ((await r.json()) as Problem).code]),
  );
  expect(outcomes).toEqual(Array.from({ length: count }, () => [401, 'INVALID_CREDENTIALS']));
}

async function expectTooManyAttempts(response: Response) {
  await expectProblem(response, 429, 'TOO_MANY_SIGN_IN_ATTEMPTS');
  expect(response.headers.get('retry-after')).toBe(String(SECONDS_LEFT_IN_WINDOW));
}

describe('a failed sign-in', () => {
  it('is refused with INVALID_CREDENTIALS for a wrong password', async () => {
    const response = await attempt('alpha.farmers', WRONG_PASSWORD, '198.51.100.1');

    await expectProblem(response, 401, 'INVALID_CREDENTIALS');
  });

  it('is refused for an unknown username exactly as for a wrong password', async () => {
    const wrongPassword = await expectProblem(
      await attempt('alpha.farmers', WRONG_PASSWORD, '198.51.100.2'),
      401,
      'INVALID_CREDENTIALS',
    );

    const response = await attempt('nobody.at.all', PASSWORD, '198.51.100.2');

    const unknownUser = await expectProblem(response, 401, 'INVALID_CREDENTIALS');
    const { title, detail, titleEn, detailEn } = wrongPassword;
    expect(unknownUser).toMatchObject({ title, detail, titleEn, detailEn });
  });
});

describe('the limit per username', () => {
  it('still lets the right password in one failure short of the limit', async () => {
    await failSignIns(SIGN_IN_LIMITS.perUsername - 1, (i) => ['alpha.veterans', `198.51.101.${i + 1}`]);

    const response = await attempt('alpha.veterans', PASSWORD, '198.51.101.200');

    expect(response.status).toBe(200);
  });

  it('refuses even the right password, from a fresh address, once the username reached its limit', async () => {
    await failSignIns(SIGN_IN_LIMITS.perUsername, (i) => ['alpha.women', `198.51.102.${i + 1}`]);

    const response = await attempt('alpha.women', PASSWORD, '198.51.102.200');

    await expectTooManyAttempts(response);
  });

  it('counts failures for a username however it is capitalised or padded', async () => {
    const spellings = ['Alpha.Youth', 'ALPHA.YOUTH', ' alpha.youth', 'alpha.youth ', 'aLpHa.yOuTh'];
    await failSignIns(SIGN_IN_LIMITS.perUsername, (i) => [
      spellings[i % spellings.length] as string,
      `198.51.103.${i + 1}`,
    ]);

    const response = await attempt('alpha.youth', PASSWORD, '198.51.103.200');

    await expectTooManyAttempts(response);
  });
  it('checks no more than the limit of passwords for a username when guesses arrive all at once', async () => {
    const guesses = 3 * SIGN_IN_LIMITS.perUsername;

    const responses = await Promise.all(
      Array.from({ length: guesses }, (_, i) =>
        attempt('alpha.guessed', WRONG_PASSWORD, `198.51.104.${i + 1}`),
      ),
    );

    const codes = await Promise.all(responses.map(async (r) => ((await r.json()) as Problem).code));
    expect(codes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(SIGN_IN_LIMITS.perUsername);
    expect(codes.filter((code) => code === 'TOO_MANY_SIGN_IN_ATTEMPTS')).toHaveLength(
      guesses - SIGN_IN_LIMITS.perUsername,
    );
  });
});

describe('the limit per client address', () => {
  it('still lets the right password in from an address one failure short of its limit', async () => {
    const address = '203.0.113.1';
    await failSignIns(SIGN_IN_LIMITS.perAddress - 1, (i) => [`short.ghost${i}`, address]);

    const response = await attempt('root.operator', PASSWORD, address);

    expect(response.status).toBe(200);
  });

  it('refuses a user with no failures of their own from an address that reached its limit, but not from another', async () => {
    const address = '203.0.113.2';
    await failSignIns(SIGN_IN_LIMITS.perAddress, (i) => [`ghost${i}`, address]);

    const fromLimitedAddress = await attempt('alpha.front', PASSWORD, address);
    const fromOtherAddress = await attempt('alpha.front', PASSWORD, '203.0.113.3');

    await expectTooManyAttempts(fromLimitedAddress);
    expect(fromOtherAddress.status).toBe(200);
  });
});
