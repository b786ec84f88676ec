/**
 * Access tokens at the door: the ones we issue look as documented and verify against our JWKS;
 * every forged, tampered, expired or misdirected one is refused by GET /api/v1/me.
 *
 * Forgeries that need our private key read it from the key file the app keeps in DATA_DIR, so
 * each of them differs from a token the app would accept in exactly one respect: the positive
 * control proves a token built the same way with nothing changed gets in. The same holds for
 * refresh tokens at POST /api/v1/auth/refresh.
 *
 * The app's clock runs with real time, shifted when a test ages the tokens it was given.
 */
import { createPublicKey, type JsonWebKey, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  base64url,
  type CryptoKey,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { createDependencies } from '../../functions/api/dependencies.ts';
import {
  ACCESS_TOKEN_SECONDS,
  CLOCK_TOLERANCE_SECONDS,
  REFRESH_TOKEN_SECONDS,
} from '../../shared/auth/tokens.ts';
import { createTestApp, expectProblem, onboardTestProvince, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let jwks: { keys: JWK[] };
let privateKey: CryptoKey;
let kid: string;
/** The claims of an access token the app issued, to forge from. */
let issuedClaims: JWTPayload;
let clockShiftSeconds = 0;

const now = () => Math.floor(Date.now() / 1000);
const DAY = 24 * 60 * 60;

beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(Date.now() + clockShiftSeconds * 1000) });
  await onboardTestProvince(t, 'alpha');
  jwks = (await (await t.request('/.well-known/jwks.json')).json()) as { keys: JWK[] };
  const stored = JSON.parse(await readFile(join(t.env.DATA_DIR, 'keys', 'signing-keys.json'), 'utf8')) as {
    keys: JWK[];
  };
  const active = stored.keys[0] as JWK;
  kid = active.kid as string;
  privateKey = (await importJWK(active, 'ES256')) as CryptoKey;
  issuedClaims = decodeJwt((await t.signIn('alpha.farmers')).access_token);
});

afterEach(() => {
  clockShiftSeconds = 0;
});

interface Forgery {
  readonly header?: Partial<JWTHeaderParameters>;
  /** Merged over the issued claims; a claim set to undefined is left out. */
  readonly claims?: JWTPayload;
  readonly key?: CryptoKey | Uint8Array;
}

/** An access token like the app's own, fresh, signed with our key unless told otherwise. */
function forge({ header = {}, claims = {}, key = privateKey }: Forgery = {}): Promise<string> {
  return new SignJWT({ ...issuedClaims, iat: now(), exp: now() + ACCESS_TOKEN_SECONDS, ...claims })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt', ...header })
    .sign(key);
}

/**
 * The claims of a refresh token just issued: a live family and its current token id, so that
 * only the forgery itself, never an earlier test's use of the family, can get it refused.
 */
async function liveRefreshClaims(): Promise<JWTPayload> {
  return decodeJwt((await t.signIn('alpha.farmers')).refresh_token);
}

/** A refresh token like the app's own, fresh, of a live family, signed with our key unless told otherwise. */
async function forgeRefresh({ header = {}, claims = {}, key = privateKey }: Forgery = {}): Promise<string> {
  return new SignJWT({
    ...(await liveRefreshClaims()),
    iat: now(),
    exp: now() + REFRESH_TOKEN_SECONDS,
    ...claims,
  })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'rt+jwt', ...header })
    .sign(key);
}

function encodeSegment(value: unknown): string {
  return base64url.encode(JSON.stringify(value));
}

async function expectUnauthenticated(response: Response) {
  await expectProblem(response, 401, 'UNAUTHENTICATED');
}

const me = (authorization?: string) =>
  t.request('/api/v1/me', { headers: authorization === undefined ? {} : { authorization } });

describe('tokens the app issues', () => {
  it('publishes only public ES256 members in the JWKS', async () => {
    const response = await t.request('/.well-known/jwks.json');

    expect(response.status).toBe(200);
    const body = (await response.json()) as { keys: JWK[] };
    expect(body.keys).toHaveLength(1);
    const [key] = body.keys as [JWK];
    expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect(key).not.toHaveProperty('d');
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid });
  });

  it('signs access tokens with ES256 under the published kid', async () => {
    const { access_token } = await t.signIn('alpha.farmers');

    const header = decodeProtectedHeader(access_token);

    expect(header).toEqual({ alg: 'ES256', kid: jwks.keys[0]?.kid, typ: 'at+jwt' });
  });

  it('puts issuer, audience, tenant, role and a 15-minute lifetime in the access token', async () => {
    const { access_token } = await t.signIn('alpha.farmers');

    const { payload } = await jwtVerify(access_token, createLocalJWKSet(jwks), {
      algorithms: ['ES256'],
      issuer: t.env.TOKEN_ISSUER,
      audience: t.env.TOKEN_AUDIENCE,
    });

    expect(payload).toMatchObject({
      iss: t.env.TOKEN_ISSUER,
      aud: t.env.TOKEN_AUDIENCE,
      tid: 'alpha:farmers',
      name: 'alpha.farmers',
      role: 'org_admin',
      scope: null,
    });
    expect(payload.sub).toEqual(expect.any(String));
    expect(payload.jti).toEqual(expect.any(String));
    expect((payload.exp as number) - (payload.iat as number)).toBe(ACCESS_TOKEN_SECONDS);
    expect(ACCESS_TOKEN_SECONDS).toBe(15 * 60);
  });
});

describe('GET /api/v1/me with a forged or broken access token', () => {
  it('accepts a token built by the forging helper with nothing changed (positive control)', async () => {
    const token = await forge();

    const response = await me(`Bearer ${token}`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      username: 'alpha.farmers',
      tenantId: 'alpha:farmers',
      role: 'org_admin',
      scope: null,
    });
  });

  it('refuses a request without an Authorization header', async () => {
    const response = await me();

    await expectUnauthenticated(response);
  });

  it.each([
    ['Basic', () => `Basic ${Buffer.from('alpha.farmers:a-long-test-password').toString('base64')}`],
    ['Token', () => forge().then((token) => `Token ${token}`)],
    ['no scheme', () => forge()],
  ])('refuses a valid token presented under a non-Bearer scheme (%s)', async (_, authorization) => {
    const header = await authorization();

    const response = await me(header);

    await expectUnauthenticated(response);
  });

  it.each([
    ['a word', 'Bearer garbage'],
    ['three segments of nonsense', 'Bearer abc.def.ghi'],
    ['an empty token', 'Bearer '],
    ['base64url JSON that is no JWS', `Bearer ${encodeSegment({ alg: 'ES256' })}.${encodeSegment({})}.AAAA`],
  ])('refuses garbage as a bearer token (%s)', async (_, authorization) => {
    const response = await me(authorization);

    await expectUnauthenticated(response);
  });

  it.each([
    ['with an empty signature', ''],
    ['with a made-up signature', 'c2lnbmF0dXJl'],
  ])('refuses an unsigned alg:none token carrying our claims (%s)', async (_, signature) => {
    const header = encodeSegment({ alg: 'none', kid, typ: 'at+jwt' });
    const payload = encodeSegment({ ...issuedClaims, iat: now(), exp: now() + 60 });

    const response = await me(`Bearer ${header}.${payload}.${signature}`);

    await expectUnauthenticated(response);
  });

  it.each([
    ['the PEM of our public key', () => spkiPem(jwks.keys[0] as JWK)],
    ['the JSON of our public JWK', () => JSON.stringify(jwks.keys[0])],
  ])('refuses a token signed with HS256 using %s as the secret', async (_, secret) => {
    const token = await forge({ header: { alg: 'HS256' }, key: new TextEncoder().encode(secret()) });

    const response = await me(`Bearer ${token}`);

    await expectUnauthenticated(response);
  });

  it('refuses a token signed by a foreign ES256 key that names our kid', async () => {
    const foreign = await generateKeyPair('ES256');
    const token = await forge({ key: foreign.privateKey });

    const response = await me(`Bearer ${token}`);

    await expectUnauthenticated(response);
  });

  it('refuses a token signed with our key under an unknown kid', async () => {
    const token = await forge({ header: { kid: randomUUID() } });

    const response = await me(`Bearer ${token}`);

    await expectUnauthenticated(response);
  });

  it('refuses an issued token whose role claim was changed to platform_admin', async () => {
    const { access_token } = await t.signIn('alpha.farmers');
    const [header, payload, signature] = access_token.split('.') as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as JWTPayload;
    const tampered = encodeSegment({ ...claims, role: 'platform_admin' });

    const response = await me(`Bearer ${header}.${tampered}.${signature}`);

    await expectUnauthenticated(response);
  });

  it('refuses that tampered token also after the genuine one was accepted (and its verification kept)', async () => {
    const { access_token } = await t.signIn('alpha.farmers');
    expect((await me(`Bearer ${access_token}`)).status).toBe(200);
    const [header, payload, signature] = access_token.split('.') as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as JWTPayload;
    const tampered = encodeSegment({ ...claims, role: 'platform_admin' });

    const response = await me(`Bearer ${header}.${tampered}.${signature}`);

    await expectUnauthenticated(response);
  });

  it('refuses a token signed with our key that expired', async () => {
    const token = await forge({ claims: { iat: now() - 2 * ACCESS_TOKEN_SECONDS, exp: now() - 60 } });

    const response = await me(`Bearer ${token}`);

    await expectUnauthenticated(response);
  });

  it('refuses a token signed with our key without an expiry', async () => {
    const token = await forge({ claims: { exp: undefined } });

    const response = await me(`Bearer ${token}`);

    await expectUnauthenticated(response);
  });

  it('refuses a token signed with our key for another issuer', async () => {
    const token = await forge({ claims: { iss: 'https://issuer.example' } });

    const response = await me(`Bearer ${token}`);

    await expectUnauthenticated(response);
  });

  it('refuses a token signed with our key for another audience', async () => {
    const token = await forge({ claims: { aud: 'another-api' } });

    const response = await me(`Bearer ${token}`);

    await expectUnauthenticated(response);
  });

  it('refuses an issued refresh token presented as an access token', async () => {
    const { refresh_token } = await t.signIn('alpha.farmers');

    const response = await me(`Bearer ${refresh_token}`);

    await expectUnauthenticated(response);
  });

  it.each([
    ['typed as a refresh token', 'rt+jwt'],
    ['typed as a plain JWT', 'JWT'],
    ['without a type', undefined],
  ])('refuses a token with access claims signed with our key but %s', async (_, typ) => {
    const token = await forge({ header: { typ } });

    const response = await me(`Bearer ${token}`);

    await expectUnauthenticated(response);
  });

  it.each([
    ['a tenant that is no tenant id', { tid: 'Alpha Farmers' }],
    ['a role we do not have', { role: 'superuser' }],
    ['no subject', { sub: undefined }],
  ])('refuses a token signed with our key that carries %s', async (_, claims) => {
    const token = await forge({ claims });

    const response = await me(`Bearer ${token}`);

    await expectUnauthenticated(response);
  });
});

describe('GET /api/v1/me with an access token out of its time', () => {
  it('accepts a token issued a few seconds ahead of our clock, within the tolerance (positive control)', async () => {
    const token = await forge({ claims: { iat: now() + CLOCK_TOLERANCE_SECONDS / 2 } });

    const response = await me(`Bearer ${token}`);

    expect(response.status).toBe(200);
  });

  it('refuses a token signed with our key issued a day in the future', async () => {
    const token = await forge({ claims: { iat: now() + DAY, exp: now() + DAY + ACCESS_TOKEN_SECONDS } });

    const response = await me(`Bearer ${token}`);

    await expectUnauthenticated(response);
  });

  it('refuses a token signed with our key not valid before an hour from now', async () => {
    const token = await forge({ claims: { nbf: now() + 3600 } });

    const response = await me(`Bearer ${token}`);

    await expectUnauthenticated(response);
  });

  it('refuses a token signed with our key that expires in ten years', async () => {
    const token = await forge({ claims: { exp: now() + 10 * 365 * DAY } });

    const response = await me(`Bearer ${token}`);

    await expectUnauthenticated(response);
  });

  it('refuses a token signed with our key issued longer ago than an access token lives, though not expired', async () => {
    const token = await forge({ claims: { iat: now() - 2 * ACCESS_TOKEN_SECONDS, exp: now() + 60 } });

    const response = await me(`Bearer ${token}`);

    await expectUnauthenticated(response);
  });

  it("refuses a token the app issued once the app's clock passed its lifetime", async () => {
    const { access_token } = await t.signIn('alpha.farmers');
    clockShiftSeconds = ACCESS_TOKEN_SECONDS + CLOCK_TOLERANCE_SECONDS + 1;

    const response = await me(`Bearer ${access_token}`);

    await expectUnauthenticated(response);
  });

  it('accepts a token it verified before until its lifetime passes, then refuses it', async () => {
    const { access_token } = await t.signIn('alpha.farmers');
    expect((await me(`Bearer ${access_token}`)).status).toBe(200);
    clockShiftSeconds = ACCESS_TOKEN_SECONDS - 60;
    expect((await me(`Bearer ${access_token}`)).status).toBe(200);
    clockShiftSeconds = ACCESS_TOKEN_SECONDS + CLOCK_TOLERANCE_SECONDS + 1;

    const response = await me(`Bearer ${access_token}`);

    await expectUnauthenticated(response);
  });

  it('refuses a token it verified before once the clock goes back before it was issued', async () => {
    const { access_token } = await t.signIn('alpha.farmers');
    expect((await me(`Bearer ${access_token}`)).status).toBe(200);
    clockShiftSeconds = -(CLOCK_TOLERANCE_SECONDS + 60);

    const response = await me(`Bearer ${access_token}`);

    await expectUnauthenticated(response);
  });
});

describe('POST /api/v1/auth/refresh with a forged, broken or aged refresh token', () => {
  const refresh = (refreshToken: string) =>
    t.request('/api/v1/auth/refresh', { method: 'POST', json: { refresh_token: refreshToken } });

  async function expectRefused(token: string) {
    await expectProblem(await refresh(token), 401, 'INVALID_REFRESH_TOKEN');
  }

  it('accepts a refresh token built by the forging helper with nothing changed (positive control)', async () => {
    const token = await forgeRefresh();

    const response = await refresh(token);

    expect(response.status).toBe(200);
  });

  it("refuses a refresh token the app issued once the app's clock passed its 30 days", async () => {
    const { refresh_token } = await t.signIn('alpha.farmers');
    clockShiftSeconds = REFRESH_TOKEN_SECONDS + CLOCK_TOLERANCE_SECONDS + 1;

    await expectRefused(refresh_token);
  });

  it('refuses a refresh token signed with our key that expired', async () => {
    await expectRefused(
      await forgeRefresh({ claims: { iat: now() - REFRESH_TOKEN_SECONDS - 60, exp: now() - 60 } }),
    );
  });

  it('refuses a refresh token signed with our key issued a day in the future', async () => {
    await expectRefused(await forgeRefresh({ claims: { iat: now() + DAY, exp: now() + DAY + 60 } }));
  });

  it('refuses a refresh token signed with our key not valid before an hour from now', async () => {
    await expectRefused(await forgeRefresh({ claims: { nbf: now() + 3600 } }));
  });

  it('refuses a refresh token signed with our key that expires in ten years', async () => {
    await expectRefused(await forgeRefresh({ claims: { exp: now() + 10 * 365 * DAY } }));
  });

  it('refuses a refresh token signed by a foreign ES256 key that names our kid', async () => {
    await expectRefused(await forgeRefresh({ key: (await generateKeyPair('ES256')).privateKey }));
  });

  it.each([
    ['with an empty signature', ''],
    ['with a made-up signature', 'c2lnbmF0dXJl'],
  ])('refuses an unsigned alg:none refresh token carrying our claims (%s)', async (_, signature) => {
    const header = encodeSegment({ alg: 'none', kid, typ: 'rt+jwt' });
    const payload = encodeSegment({ ...(await liveRefreshClaims()), iat: now(), exp: now() + 60 });

    await expectRefused(`${header}.${payload}.${signature}`);
  });

  it('refuses a refresh token signed with HS256 using the PEM of our public key as the secret', async () => {
    const secret = new TextEncoder().encode(spkiPem(jwks.keys[0] as JWK));

    await expectRefused(await forgeRefresh({ header: { alg: 'HS256' }, key: secret }));
  });

  it('refuses an access token presented as a refresh token', async () => {
    const { access_token } = await t.signIn('alpha.farmers');

    await expectRefused(access_token);
  });
});

describe('tokens signed by a key rotated out of the key set', () => {
  /** The app restarted on the same table and key file, after the key file was rewritten. */
  async function restartWithKeys(keys: JWK[]) {
    const file = join(t.env.DATA_DIR, 'keys', 'signing-keys.json');
    await writeFile(file, JSON.stringify({ keys }));
    const deps = await createDependencies(t.env, {
      clientAddress: () => '127.0.0.1',
      docsAssetsDir: t.deps.docsAssetsDir,
    });
    return createApp(deps);
  }

  it('are accepted while the old key is still published after the new one, and refused once it is gone', async () => {
    // Prepare: tokens signed by today's key, and the key file as it is
    const stored = JSON.parse(await readFile(join(t.env.DATA_DIR, 'keys', 'signing-keys.json'), 'utf8')) as {
      keys: JWK[];
    };
    const { access_token, refresh_token } = await t.signIn('alpha.farmers');
    const { privateKey: next } = await generateKeyPair('ES256', { extractable: true });
    const nextKey = { ...(await exportJWK(next)), kid: randomUUID(), alg: 'ES256', use: 'sig' };

    try {
      // Act
      const whileOverlapping = await restartWithKeys([nextKey, ...stored.keys]);
      const overlapping = await whileOverlapping.request('/api/v1/me', {
        headers: { authorization: `Bearer ${access_token}` },
      });
      const afterRotation = await restartWithKeys([nextKey]);
      const rotatedOut = await afterRotation.request('/api/v1/me', {
        headers: { authorization: `Bearer ${access_token}` },
      });
      const refreshed = await afterRotation.request('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refresh_token }),
      });

      // Assess
      expect(overlapping.status).toBe(200);
      await expectUnauthenticated(rotatedOut);
      await expectProblem(refreshed, 401, 'INVALID_REFRESH_TOKEN');
    } finally {
      await writeFile(join(t.env.DATA_DIR, 'keys', 'signing-keys.json'), JSON.stringify(stored));
    }
  });
});

function spkiPem(jwk: JWK): string {
  return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
}
