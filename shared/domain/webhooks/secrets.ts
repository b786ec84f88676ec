/**
 * Signing secrets, as the Standard Webhooks specification has them: `whsec_` and the base64 of
 * random bytes (24 at least; 32 here). A rotated secret stays valid for a day, so receivers can
 * switch over without losing a delivery: both signatures are sent meanwhile.
 */
import { randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
export const PREVIOUS_SECRET_VALID_MS = 24 * 60 * 60 * 1000;

export function newSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** The key bytes HMAC is keyed with: the base64 after the prefix. */
export function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('a webhook secret starts with whsec_');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

/** The secrets to sign with at `now`: the current one, and the previous one while it is still valid. */
export function signingSecrets(
  current: string,
  previous: { readonly secret: string; readonly validUntil: string } | null,
  now: Date,
): string[] {
  return previous && Date.parse(previous.validUntil) > now.getTime() ? [current, previous.secret] : [current];
}
