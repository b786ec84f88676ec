/**
 * The secret of an API key: `dtk_` and 256 random bits (base64url), recognisable in a header or
 * a leaked log and never confused with a JWT. Only its SHA-256 is stored: the secret is random
 * and long, so a fast hash is enough (no password to guess), and it doubles as the lookup key.
 */
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'dtk_';
/** `dtk_` and 43 base64url characters (32 bytes). */
export const API_KEY_PATTERN = /^dtk_[\w-]{43}$/;
/** How much of a key its lists show, to tell keys apart without giving any away. */
const SHOWN_CHARACTERS = 8;

export function newApiKeySecret(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The start of a key (`dtk_` and 4 characters): names it in lists without revealing it. */
export function apiKeyHint(secret: string): string {
  return secret.slice(0, SHOWN_CHARACTERS);
}
