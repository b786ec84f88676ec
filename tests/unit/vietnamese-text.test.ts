/**
 * Folding Vietnamese text for search: what people type without diacritics must match; and how
 * selective a typed word is, by how common the names starting with it are.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  estimatedWordShare,
  FAMILY_NAMES,
  GIVEN_NAMES,
  MIDDLE_NAMES,
} from '../../shared/domain/vietnamese-names.ts';
import { foldVietnamese, searchWords } from '../../shared/domain/vietnamese-text.ts';

const VIETNAMESE_ALPHABET = [...'aăâbcdđeêghiklmnoôơpqrstuưvxy'];
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];

const VOWELS = new Set('aăâeêioôơuưy');

/** Tones sit on vowels only, so every letter here is one precomposed character. */
const letter = fc
  .record({
    base: fc.constantFrom(...VIETNAMESE_ALPHABET),
    tone: fc.constantFrom(...TONES),
    upper: fc.boolean(),
  })
  .map(({ base, tone, upper }) => {
    const l = (VOWELS.has(base) ? base + tone : base).normalize('NFC');
    return upper ? l.toUpperCase() : l;
  });
const word = fc.array(letter, { minLength: 1, maxLength: 7 }).map((letters) => letters.join(''));
const spacing = fc.constantFrom(' ', '  ', '\t', '\u00a0', ' \n');
const text = fc
  .tuple(fc.array(fc.tuple(word, spacing), { minLength: 1, maxLength: 5 }), spacing, fc.boolean())
  .map(([parts, lead, decomposed]) => {
    const joined = lead + parts.map(([w, s]) => w + s).join('');
    return decomposed ? joined.normalize('NFD') : joined;
  });

describe('foldVietnamese', () => {
  it('removes tones and letter marks, đ included, and lowers the case', () => {
    expect(foldVietnamese('nguyễn văn an')).toBe('nguyen van an');
    expect(foldVietnamese('ĐỨC')).toBe('duc');
    expect(foldVietnamese('Phường Đạo Thạnh')).toBe('phuong dao thanh');
    expect(foldVietnamese('Ưu Đàm, Ơ Rê')).toBe('uu dam, o re');
  });

  it('collapses and trims whitespace', () => {
    expect(foldVietnamese('  Lê\t Thị \n Ánh  ')).toBe('le thi anh');
  });

  it('turns any Vietnamese text into lower-case ASCII with single spaces', () => {
    fc.assert(
      fc.property(text, (input) => {
        expect(foldVietnamese(input)).toMatch(/^[a-z]+( [a-z]+)*$/);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(text, (input) => {
        expect(foldVietnamese(foldVietnamese(input))).toBe(foldVietnamese(input));
      }),
    );
  });

  it('does not depend on case or on how the text was composed', () => {
    fc.assert(
      fc.property(text, (input) => {
        const folded = foldVietnamese(input);
        expect(foldVietnamese(input.toUpperCase())).toBe(folded);
        expect(foldVietnamese(input.normalize('NFD'))).toBe(folded);
        expect(foldVietnamese(input.normalize('NFC'))).toBe(folded);
      }),
    );
  });

  it('keeps the number of letters of each word', () => {
    fc.assert(
      fc.property(word, (w) => {
        expect(foldVietnamese(w)).toHaveLength([...w.normalize('NFC')].length);
      }),
    );
  });
});

describe('searchWords', () => {
  it('gives the distinct folded words in order, split on spaces and punctuation', () => {
    expect(searchWords('Lê Thị-Lê, lê  Ánh (Út)')).toEqual(['le', 'thi', 'anh', 'ut']);
    expect(searchWords('Khóm 3, Phường 1')).toEqual(['khom', '3', 'phuong', '1']);
  });

  it('finds nothing in blank or punctuation-only text', () => {
    expect(searchWords('  ')).toEqual([]);
    expect(searchWords(' - , . ')).toEqual([]);
  });

  it('gives words that are each found in the folded text', () => {
    fc.assert(
      fc.property(text, (input) => {
        const words = searchWords(input);
        expect(new Set(words).size).toBe(words.length);
        for (const w of words) expect(foldVietnamese(input).split(' ')).toContain(w);
      }),
    );
  });
});

describe('estimatedWordShare', () => {
  const knownWords = [
    ...FAMILY_NAMES.map((n) => n.name),
    ...[GIVEN_NAMES, MIDDLE_NAMES].flatMap((table) => [...table.male, ...table.female].map((n) => n.name)),
  ].flatMap(searchWords);

  it('gives the family-name shares of the tables, which add up to the whole population', () => {
    expect(FAMILY_NAMES.reduce((sum, n) => sum + n.weight, 0)).toBeCloseTo(100, 6);
    expect(estimatedWordShare('nguyen')).toBeGreaterThan(0.38);
    expect(estimatedWordShare('nguyen')).toBeLessThan(0.41);
    expect(estimatedWordShare('tran')).toBeCloseTo(0.11, 1);
  });

  it('finds a common given name less selective than a rare one', () => {
    expect(estimatedWordShare('quynh')).toBeLessThan(estimatedWordShare('anh'));
    expect(estimatedWordShare('thi')).toBeGreaterThan(0.2);
  });

  it('counts a shorter start as at least as common as any word it starts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...knownWords), fc.nat(), (word, cut) => {
        const prefix = word.slice(0, 1 + (cut % word.length));
        expect(estimatedWordShare(prefix)).toBeGreaterThanOrEqual(estimatedWordShare(word));
        expect(estimatedWordShare(word)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('counts a word no table knows as rarer than any known one', () => {
    const rarest = Math.min(...knownWords.map(estimatedWordShare));

    expect(estimatedWordShare('xyzw')).toBeLessThanOrEqual(rarest);
    expect(estimatedWordShare('2024')).toBeLessThanOrEqual(rarest);
  });
});
