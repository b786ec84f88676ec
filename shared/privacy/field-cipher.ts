/**
 * AES-256-GCM for single fields. The sealed form is one compact string,
 * `v1.<iv>.<ciphertext>.<tag>` in base64url, so it fits a DynamoDB string attribute and a
 * later format can be told apart by its version. The associated data binds a value to where it
 * belongs (its tenant): copied anywhere else, it no longer opens.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const KEY_BYTES = 32;
// 96-bit random IVs: GCM's native size; a key may seal about 2^32 values before a repeat is
// likely enough to matter, far beyond one tenant's members.
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The sealed value was altered, is not ours, or was sealed under another key or binding. */
export class SealedValueError extends Error {
  constructor(reason: string, options?: ErrorOptions) {
    super(`Cannot open the sealed value: ${reason}`, options);
  }
}

export function seal(plaintext: string, key: Buffer, associatedData: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function open(sealed: string, key: Buffer, associatedData: string): string {
  checkKey(key);
  const parts = sealed.split('.');
  const [version, ...encoded] = parts;
  if (parts.length !== 4 || version !== VERSION) throw new SealedValueError('unknown format');
  const [iv, ciphertext, tag] = encoded.map(decodeExactly);
  if (!iv || !ciphertext || !tag) throw new SealedValueError('not canonical base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealedValueError('bad IV or tag length');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new SealedValueError('authentication failed (altered, other key or other binding)', {
      cause: error,
    });
  }
}

/**
 * Node's decoder skips characters it does not know and ignores the spare low bits of the last
 * one, so several strings decode to the same bytes. Only the one encoding we write is accepted:
 * an altered string always fails, even where the bytes would not have changed.
 */
function decodeExactly(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES)
    throw new RangeError(`An AES-256 key has ${KEY_BYTES} bytes, not ${key.length}`);
}
