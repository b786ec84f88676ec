/**
 * Access tokens at the door: the ones we issue look as documented and verify against our JWKS;
 * every forged, tampered, expired or misdirected one is refused by GET /api/v1/me.
 *
 * Forgeries that need our private key read it from the key file the app keeps in DATA_DIR, so
 * each of them differs from a token the app would accept in exactly one respect: the positive
 * control proves a token built the same way with nothing changed gets in.
 */
import { createPublicKey, type JsonWebKey, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  base64url,
  type CryptoKey,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_SECONDS } from '../../shared/auth/tokens.ts';
import { createTestApp, expectProblem, onboardTestProvince, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let jwks: { keys: JWK[] };
let privateKey: CryptoKey;
let kid: string;
/** The claims of an access token the app issued, to forge from. */
let issuedClaims: JWTPayload;

const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  t = await createTestApp();
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

function spkiPem(jwk: JWK): string {
  return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
}
