/**
 * Sealing single fields with AES-256-GCM and hashing national IDs with HMAC-SHA256: round trips,
 * and loud failures for anything altered or opened out of place.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, SealedValueError, seal } from '../../shared/privacy/field-cipher.ts';
import { canonicalNationalId, hashNationalId } from '../../shared/privacy/keyed-hash.ts';

const key = randomBytes(32);
const binding = 'doanthe/national-id/dong-thap:farmers';

describe('seal and open', () => {
  it.each(['087085001234', 'Nguyễn Thị Hồng Đào, ấp Mỹ Phú, xã Mỹ Thọ', '', '🇻🇳 Đoàn TNCS Hồ Chí Minh'])(
    'give back %j',
    (plaintext) => {
      // Act
      const sealed = seal(plaintext, key, binding);

      // Assess
      expect(open(sealed, key, binding)).toBe(plaintext);
    },
  );

  it('write a versioned, compact base64url string that does not contain the plaintext', () => {
    // Act
    const sealed = seal('087085001234', key, binding);

    // Assess
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed).not.toContain('087085001234');
  });

  it('use a fresh IV each time, so equal values do not look equal', () => {
    // Act
    const sealed = Array.from({ length: 50 }, () => seal('087085001234', key, binding));

    // Assess
    expect(new Set(sealed.map((s) => s.split('.')[1])).size).toBe(50);
    expect(new Set(sealed).size).toBe(50);
  });

  it('refuse a value sealed for another binding', () => {
    // Prepare
    const sealed = seal('087085001234', key, binding);

    // Act & Assess
    expect(() => open(sealed, key, 'doanthe/national-id/dong-thap:women')).toThrow(SealedValueError);
  });

  it('refuse a value sealed under another key', () => {
    // Prepare
    const sealed = seal('087085001234', key, binding);

    // Act & Assess
    expect(() => open(sealed, randomBytes(32), binding)).toThrow(SealedValueError);
  });

  it.each([1, 2, 3])('refuse a value whose part %i was altered', (part) => {
    // Prepare
    const parts = seal('087085001234', key, binding).split('.');
    const original = parts[part] ?? '';

    // Act
    for (let position = 0; position < original.length; position++) {
      const flipped = original[position] === 'A' ? 'B' : 'A';
      parts[part] = original.slice(0, position) + flipped + original.slice(position + 1);

      // Assess
      expect(() => open(parts.join('.'), key, binding)).toThrow(SealedValueError);
    }
  });

  it.each([
    ['another version', (s: string) => s.replace(/^v1\./, 'v2.')],
    ['a missing part', (s: string) => s.split('.').slice(0, 3).join('.')],
    ['an extra part', (s: string) => `${s}.AAAA`],
    ['characters outside base64url', (s: string) => s.replace(/\.([^.]+)$/, '.!$1')],
    ['a truncated tag', (s: string) => s.slice(0, -2)],
    ['nothing at all', () => ''],
  ])('refuse a value with %s', (_case, alter) => {
    // Prepare
    const sealed = alter(seal('087085001234', key, binding));

    // Act & Assess
    expect(() => open(sealed, key, binding)).toThrow(SealedValueError);
  });

  it('refuse a key that is not 256 bits', () => {
    // Act & Assess
    expect(() => seal('x', randomBytes(16), binding)).toThrow(RangeError);
    expect(() => open(seal('x', key, binding), randomBytes(31), binding)).toThrow(RangeError);
  });
});

describe('hashNationalId', () => {
  it('hashes one number alike every time, and spaced the same as unspaced', () => {
    // Act
    const hash = hashNationalId('087085001234', key);

    // Assess
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashNationalId('087085001234', key)).toBe(hash);
    expect(hashNationalId(' 087 085 001 234 ', key)).toBe(hash);
  });

  it('hashes differently under another key and for another number', () => {
    // Prepare
    const hash = hashNationalId('087085001234', key);

    // Act & Assess
    expect(hashNationalId('087085001234', randomBytes(32))).not.toBe(hash);
    expect(hashNationalId('087085001235', key)).not.toBe(hash);
  });

  it('refuses what is not 12 digits', () => {
    // Act & Assess
    expect(() => hashNationalId('08708500123', key)).toThrow(RangeError);
    expect(() => canonicalNationalId('087-085-001234')).toThrow(RangeError);
  });
});
