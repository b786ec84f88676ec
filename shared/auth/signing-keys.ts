/**
 * The ES256 key set that signs our tokens. The first key signs; all are published in the
 * JWKS so that tokens signed before a rotation still verify until they expire.
 */
import { randomUUID } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { KeyStore } from './key-store.ts';

export interface SigningKeys {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** Public keys only, as served at /.well-known/jwks.json. */
  readonly jwks: { keys: JWK[] };
}

export async function loadSigningKeys(store: KeyStore): Promise<SigningKeys> {
  const stored = (await store.read()) ?? (await store.createIfAbsent(await newKeySet()));
  const { keys } = JSON.parse(stored) as { keys: JWK[] };
  const active = keys[0];
  if (!active?.kid) throw new Error('The stored signing key set has no key');
  return {
    kid: active.kid,
    privateKey: (await importJWK(active, 'ES256')) as CryptoKey,
    jwks: {
      keys: keys.map(({ kty, crv, x, y, kid }) => ({ kty, crv, x, y, kid, alg: 'ES256', use: 'sig' })),
    },
  };
}

async function newKeySet(): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return JSON.stringify({ keys: [{ ...jwk, kid: randomUUID(), alg: 'ES256', use: 'sig' }] });
}
