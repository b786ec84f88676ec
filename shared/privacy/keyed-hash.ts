/**
 * The searchable form of a national ID: HMAC-SHA256 under a secret key, so equal numbers match
 * without the number being stored, and, unlike a plain hash, the 10^12 possible numbers cannot
 * be hashed in advance by whoever reads the table.
 */
import { createHmac } from 'node:crypto';
import { normalizeNationalId } from '../domain/national-id.ts';

export function hashNationalId(nationalId: string, key: Buffer): string {
  return createHmac('sha256', key).update(canonicalNationalId(nationalId), 'ascii').digest('base64url');
}

/**
 * The one spelling that is sealed and hashed: "079 203 001 234" and "079203001234" are the same
 * number and must hash alike. Anything that is not 12 digits then is a caller's bug.
 */
export function canonicalNationalId(nationalId: string): string {
  const normalized = normalizeNationalId(nationalId);
  if (!/^\d{12}$/.test(normalized)) throw new RangeError('A national ID has exactly 12 digits');
  return normalized;
}
