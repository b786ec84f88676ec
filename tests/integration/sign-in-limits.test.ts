/**
 * Failed sign-ins: the same answer for a wrong password and an unknown user; exponential
 * back-off per (account, address) pair; loose ceilings per account and per address that spare
 * the addresses an account already signs in from. A stranger can neither lock an officer out
 * nor, from a shared commune office address, shut out the colleagues who work there.
 *
 * The app's clock is the test's: it only moves when a test moves it. Tests that count toward
 * the hourly ceilings first move it to the middle of an hour of their own, so no count of
 * another test is in their window and Retry-After is known exactly. Every test uses its own
 * usernames and client addresses.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS } from '../../shared/auth/sign-in.ts';
import {
  createOfficer,
  createTestApp,
  expectProblem,
  onboardTestProvince,
  PASSWORD,
  type Problem,
  type TestApp,
} from '../setup/test-app.ts';

let t: TestApp;
let now = Date.now();

const WRONG_PASSWORD = 'not-the-right-password';
const HOUR_MS = SIGN_IN_LIMITS.windowSeconds * 1000;
const HALF_WINDOW_SECONDS = SIGN_IN_LIMITS.windowSeconds / 2;

beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(now) });
  await onboardTestProvince(t, 'alpha');
});

const advanceSeconds = (seconds: number) => {
  now += seconds * 1000;
};

/** Moves the clock to the middle of the next hourly window of the ceilings. */
const startFreshWindow = () => {
  now = (Math.floor(now / HOUR_MS) + 1) * HOUR_MS + HALF_WINDOW_SECONDS * 1000;
};

const attempt = (username: string, password: string, address: string) =>
  t.request('/api/v1/auth/token', {
    method: 'POST',
    headers: { 'x-test-client-address': address },
    json: { username, password },
  });

/** An officer of alpha:farmers with no scope limit, to sign in as. */
const officer = (username: string) =>
  createOfficer(t, { username, tenantId: 'alpha:farmers', role: 'viewer', scope: null });

async function outcomes(responses: Response[]): Promise<[number, string | undefined][]> {
  return Promise.all(
    responses.map(async (r) => [r.status, r.status === 200 ? undefined : ((await r.json()) as Problem).code]),
  );
}

/** Fails `count` sign-ins one after the other; each must be refused as a plain wrong credential. */
async function failSignIns(count: number, attemptFor: (i: number) => [username: string, address: string]) {
  for (let i = 0; i < count; i++) {
    const [username, address] = attemptFor(i);
    await expectProblem(await attempt(username, WRONG_PASSWORD, address), 401, 'INVALID_CREDENTIALS');
  }
}

/**
 * Fails `count` sign-ins of as many different (account, address) pairs, in parallel batches to
 * reach a ceiling quickly; each must be refused as a plain wrong credential.
 */
async function failManyPairs(count: number, attemptFor: (i: number) => [username: string, address: string]) {
  for (let start = 0; start < count; start += 20) {
    const batch = Array.from({ length: Math.min(20, count - start) }, (_, i) => attemptFor(start + i));
    const responses = await Promise.all(
      batch.map(([username, address]) => attempt(username, WRONG_PASSWORD, address)),
    );
    expect(await outcomes(responses)).toEqual(batch.map(() => [401, 'INVALID_CREDENTIALS']));
  }
}

/** Reaching a ceiling takes a hundred password checks: minutes on a loaded machine. */
const CEILING_TEST_TIMEOUT = 180_000;

async function expectTooManyAttempts(response: Response, retryAfterSeconds: number) {
  await expectProblem(response, 429, 'TOO_MANY_SIGN_IN_ATTEMPTS');
  expect(response.headers.get('retry-after')).toBe(String(retryAfterSeconds));
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

describe('the back-off of one account at one address', () => {
  it('checks the first failures at once, then makes the address wait 1 s, 2 s, 4 s between them', async () => {
    // Prepare
    const address = '198.51.101.1';
    await failSignIns(SIGN_IN_LIMITS.freeFailures + 1, () => ['alpha.veterans', address]);

    // Act
    const waits: string[] = [];
    for (let round = 0; round < 3; round++) {
      const early = await attempt('alpha.veterans', WRONG_PASSWORD, address);
      await expectProblem(early, 429, 'TOO_MANY_SIGN_IN_ATTEMPTS');
      const wait = early.headers.get('retry-after') as string;
      waits.push(wait);
      advanceSeconds(Number(wait));
      await expectProblem(
        await attempt('alpha.veterans', WRONG_PASSWORD, address),
        401,
        'INVALID_CREDENTIALS',
      );
    }

    // Assess
    expect(waits).toEqual(['1', '2', '4']);
  });

  it('refuses even the right password from the failing address until the wait is over, then forgets the failures', async () => {
    // Prepare
    const address = '198.51.102.1';
    await officer('back.off');
    await failSignIns(SIGN_IN_LIMITS.freeFailures + 1, () => ['back.off', address]);

    // Act
    const waiting = await attempt('back.off', PASSWORD, address);
    advanceSeconds(1);
    const afterTheWait = await attempt('back.off', PASSWORD, address);

    // Assess
    await expectTooManyAttempts(waiting, 1);
    expect(afterTheWait.status).toBe(200);
    await failSignIns(SIGN_IN_LIMITS.freeFailures + 1, () => ['back.off', address]);
  });

  it('counts failures for a username however it is capitalised or padded', async () => {
    const spellings = ['Alpha.Youth', 'ALPHA.YOUTH', ' alpha.youth', 'alpha.youth ', 'aLpHa.yOuTh'];
    for (let i = 0; i <= SIGN_IN_LIMITS.freeFailures; i++) {
      await expectProblem(
        await attempt(spellings[i % spellings.length] as string, WRONG_PASSWORD, '198.51.103.1'),
        401,
        'INVALID_CREDENTIALS',
      );
    }

    const response = await attempt('alpha.youth', PASSWORD, '198.51.103.1');

    await expectTooManyAttempts(response, 1);
  });

  it('checks one password at a time for guesses that arrive all at once, and counts each one checked', async () => {
    // Act
    const responses = await Promise.all(
      Array.from({ length: 15 }, () => attempt('alpha.guessed', WRONG_PASSWORD, '198.51.104.1')),
    );

    // Assess
    const codes = (await outcomes(responses)).map(([, code]) => code);
    const checked = codes.filter((code) => code === 'INVALID_CREDENTIALS').length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(SIGN_IN_LIMITS.freeFailures + 1);
    expect(codes.filter((code) => code === 'TOO_MANY_SIGN_IN_ATTEMPTS')).toHaveLength(15 - checked);
    const checkedNow = SIGN_IN_LIMITS.freeFailures + 1 - checked;
    await failSignIns(checkedNow, () => ['alpha.guessed', '198.51.104.1']);
    await expectTooManyAttempts(await attempt('alpha.guessed', PASSWORD, '198.51.104.1'), 1);
  });
});

describe('a stranger cannot lock an officer out', () => {
  it("lets the officer in from another address after a stranger's 50 wrong passwords for the account", async () => {
    // Prepare
    const responses: Response[] = [];
    for (let i = 0; i < 50; i++) responses.push(await attempt('alpha.women', WRONG_PASSWORD, '203.0.113.66'));

    // Act
    const owner = await attempt('alpha.women', PASSWORD, '192.0.2.10');

    // Assess
    expect(owner.status).toBe(200);
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_LIMITS.freeFailures + 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - SIGN_IN_LIMITS.freeFailures - 1);
  });

  it('lets a colleague in at a shared commune office address after 31 failures there', async () => {
    // Prepare: several officers of the office mistype, more often than the old limit of 30 allowed
    startFreshWindow();
    const office = '192.0.2.20';
    await officer('office.colleague');
    await failManyPairs(31, (i) => [`office.typist${i}`, office]);

    // Act
    const colleague = await attempt('office.colleague', PASSWORD, office);

    // Assess
    expect(colleague.status).toBe(200);
  });
});

describe('the ceiling per account', () => {
  it(
    'lets an unknown address in up to the ceiling, past it refuses one until the hour ends, but never an address the officer uses',
    async () => {
      // Prepare
      startFreshWindow();
      await officer('ceiling.account');
      const usual = '192.0.2.30';
      expect((await attempt('ceiling.account', PASSWORD, usual)).status).toBe(200);
      const guesser = (i: number): [string, string] => ['ceiling.account', `10.30.${i >> 8}.${i & 255}`];
      await failManyPairs(SIGN_IN_LIMITS.perAccount - 1, guesser);
      const oneShort = await attempt('ceiling.account', PASSWORD, '192.0.2.31');
      await failManyPairs(1, (i) => guesser(SIGN_IN_LIMITS.perAccount + i));

      // Act
      const fromUnknownAddress = await attempt('ceiling.account', PASSWORD, '192.0.2.32');
      const fromUsualAddress = await attempt('ceiling.account', PASSWORD, usual);

      // Assess
      expect(oneShort.status).toBe(200);
      await expectTooManyAttempts(fromUnknownAddress, HALF_WINDOW_SECONDS);
      expect(fromUsualAddress.status).toBe(200);
    },
    CEILING_TEST_TIMEOUT,
  );
});

describe('the ceiling per address', () => {
  it(
    'refuses accounts new to an address past its ceiling, but not the colleagues who sign in there',
    async () => {
      // Prepare: one address tries one password on many usernames
      startFreshWindow();
      const office = '192.0.2.40';
      await officer('sprayed.colleague');
      await officer('sprayed.newcomer');
      expect((await attempt('sprayed.colleague', PASSWORD, office)).status).toBe(200);
      await failManyPairs(SIGN_IN_LIMITS.perAddress, (i) => [`sprayed.ghost${i}`, office]);

      // Act
      const colleague = await attempt('sprayed.colleague', PASSWORD, office);
      const newcomer = await attempt('sprayed.newcomer', PASSWORD, office);
      const newcomerElsewhere = await attempt('sprayed.newcomer', PASSWORD, '192.0.2.41');

      // Assess
      expect(colleague.status).toBe(200);
      await expectTooManyAttempts(newcomer, HALF_WINDOW_SECONDS);
      expect(newcomerElsewhere.status).toBe(200);
    },
    CEILING_TEST_TIMEOUT,
  );
});
