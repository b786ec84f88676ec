/**
 * Sort keys that order Vietnamese names as ICU's Vietnamese collation does, compared as plain
 * strings the way DynamoDB compares sort keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameSortKey, personOrderKey, splitFullName } from '../../shared/domain/name-order.ts';
import { UNIT_NAMES } from '../setup/unit-names.ts';

/** The order keys promise: Vietnamese collation, case ignored. */
const collator = new Intl.Collator('vi', { sensitivity: 'accent' });
const fullCollator = new Intl.Collator('vi');

const VIETNAMESE_ALPHABET = [...'aăâbcdđeêghiklmnoôơpqrstuưvxy'];
const FOREIGN_LETTERS = [...'fjwz'];
/** A few letters that share a base letter, so that generated names often differ only slightly. */
const CLOSE_LETTERS = [...'aăâdđoôơuư'];
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];

const sign = (n: number) => Math.sign(n);
const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byKey = (key: (name: string) => string) => (a: string, b: string) => compareStrings(key(a), key(b));

const letterFrom = (alphabet: string[]) =>
  fc
    .record({ base: fc.constantFrom(...alphabet), tone: fc.constantFrom(...TONES), upper: fc.boolean() })
    .map(({ base, tone, upper }) => {
      const letter = (base + tone).normalize('NFC');
      return upper ? letter.toUpperCase() : letter;
    });

const letter = fc.oneof(
  { weight: 6, arbitrary: letterFrom(VIETNAMESE_ALPHABET) },
  { weight: 1, arbitrary: letterFrom(FOREIGN_LETTERS) },
  { weight: 3, arbitrary: letterFrom(CLOSE_LETTERS) },
);
const word = fc.array(letter, { minLength: 1, maxLength: 6 }).map((letters) => letters.join(''));
const token = fc.oneof(
  { weight: 8, arbitrary: word },
  { weight: 1, arbitrary: fc.stringMatching(/^\d{1,3}$/) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...'-.,()/’–'), word).map(([p, w]) => p + w) },
);
/** Written either composed or decomposed: a key must not depend on how the text was typed. */
const unitName = fc
  .tuple(fc.array(token, { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([tokens, decomposed]) => {
    const name = tokens.join(' ');
    return decomposed ? name.normalize('NFD') : name;
  });
const personName = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(' '));

/** Two names with the same letters and other tones or case: only the secondary level decides. */
const sameLettersOtherTones = fc
  .array(
    fc.record({
      base: fc.constantFrom(...CLOSE_LETTERS, ' '),
      tones: fc.tuple(fc.constantFrom(...TONES), fc.constantFrom(...TONES)),
      upper: fc.tuple(fc.boolean(), fc.boolean()),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((letters) =>
    ([0, 1] as const).map((side) =>
      letters
        .map(({ base, tones, upper }) => {
          if (base === ' ') return 'a ';
          const l = (base + tones[side]).normalize('NFC');
          return upper[side] ? l.toUpperCase() : l;
        })
        .join('')
        .trim(),
    ),
  );

/** A name and one that continues it, the case where a terminator in the key matters. */
const nameAndContinuation = fc
  .tuple(unitName, fc.constantFrom(' ', ''), unitName)
  .map(([name, joint, more]) => [name, `${name}${joint}${more}`]);

const namePairs = fc.oneof(fc.tuple(unitName, unitName), sameLettersOtherTones, nameAndContinuation);
const personPairs = fc.oneof(
  fc.tuple(personName, personName),
  sameLettersOtherTones,
  // Same given name, so the middle and family names decide.
  fc.tuple(personName, personName, word).map(([a, b, given]) => [`${a} ${given}`, `${b} ${given}`]),
);

function compareAsPeople(a: string, b: string): number {
  const x = splitFullName(a);
  const y = splitFullName(b);
  return (
    collator.compare(x.given, y.given) ||
    collator.compare(x.middle, y.middle) ||
    collator.compare(x.family, y.family)
  );
}

describe('nameSortKey', () => {
  it('orders any two names as the Vietnamese collation does, tones included', () => {
    fc.assert(
      fc.property(namePairs, ([a, b]) => {
        expect(sign(compareStrings(nameSortKey(a), nameSortKey(b)))).toBe(sign(collator.compare(a, b)));
      }),
      { numRuns: 3000 },
    );
  });

  it('never contradicts the collation that also tells case apart', () => {
    fc.assert(
      fc.property(namePairs, ([a, b]) => {
        const byKeys = sign(compareStrings(nameSortKey(a), nameSortKey(b)));
        if (byKeys !== 0) expect(byKeys).toBe(sign(fullCollator.compare(a, b)));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the order when an id is appended after "#", as repositories do', () => {
    fc.assert(
      fc.property(namePairs, ([a, b]) => {
        const expected = sign(collator.compare(a, b));
        fc.pre(expected !== 0);
        expect(sign(compareStrings(`${nameSortKey(a)}#b2`, `${nameSortKey(b)}#b1`))).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('is printable ASCII, so byte order and code-unit order agree', () => {
    fc.assert(
      fc.property(unitName, (name) => {
        expect(nameSortKey(name)).toMatch(/^[ -~]*$/);
      }),
    );
  });

  it('puts An < Anh < Ánh < Bích < Dũng < Đức', () => {
    const names = ['Đức', 'Ánh', 'Dũng', 'An', 'Bích', 'Anh'];

    const sorted = names.toSorted(byKey(nameSortKey));

    expect(sorted).toEqual(['An', 'Anh', 'Ánh', 'Bích', 'Dũng', 'Đức']);
  });

  it('orders unit names as ICU does, đ after d and ă â after a', () => {
    expect(UNIT_NAMES.toSorted(byKey(nameSortKey))).toEqual(UNIT_NAMES.toSorted(fullCollator.compare));
  });

  it('ranks tones none < huyền < hỏi < ngã < sắc < nặng, the first toned letter deciding', () => {
    const names = ['hóa', 'hòa', 'hoạ', 'hoa', 'hỏa', 'hõa', 'hoà', 'họa'];

    expect(names.toSorted(byKey(nameSortKey))).toEqual([
      'hoa',
      'hoà',
      'hoạ',
      'hòa',
      'hỏa',
      'hõa',
      'hóa',
      'họa',
    ]);
  });

  it('forms ă only where ICU does: across a dot below, not across a tone typed before the breve', () => {
    const names = ['a\u0300\u0306b', 'ăb', 'a\u0323\u0306', 'ặ', 'ab', 'àb', 'a\u0306\u0300', 'ằb'];

    expect(names.toSorted(byKey(nameSortKey))).toEqual(names.toSorted(fullCollator.compare));
    expect(nameSortKey('a\u0323\u0306')).toBe(nameSortKey('ặ'));
    expect(nameSortKey('a\u0300\u0306b')).not.toBe(nameSortKey('ằb'));
  });

  it('ignores case and how the text was typed, and collapses spaces', () => {
    expect(nameSortKey('Hòa')).toBe(nameSortKey('hÒA'));
    expect(nameSortKey('Mỹ Thọ')).toBe(nameSortKey('  MỸ   THỌ '.normalize('NFD')));
    expect(nameSortKey('Đức')).toBe(nameSortKey('ĐỨC'));
  });
});

describe('splitFullName', () => {
  it('takes the first word as family name and the last as given name', () => {
    expect(splitFullName('Nguyễn Thị Ngọc Ánh')).toEqual({
      family: 'Nguyễn',
      middle: 'Thị Ngọc',
      given: 'Ánh',
    });
    expect(splitFullName(' Lê  Bình ')).toEqual({ family: 'Lê', middle: '', given: 'Bình' });
    expect(splitFullName('Út')).toEqual({ family: '', middle: '', given: 'Út' });
  });
});

describe('personOrderKey', () => {
  it('orders people by given, then middle, then family name, each by the Vietnamese collation', () => {
    fc.assert(
      fc.property(personPairs, ([a, b]) => {
        expect(sign(compareStrings(personOrderKey(a), personOrderKey(b)))).toBe(sign(compareAsPeople(a, b)));
      }),
      { numRuns: 3000 },
    );
  });

  it('is printable ASCII', () => {
    fc.assert(
      fc.property(personName, (name) => {
        expect(personOrderKey(name)).toMatch(/^[ -~]*$/);
      }),
    );
  });

  it('lets the tone of the given name decide before the middle name', () => {
    const people = [
      'Trần Văn Bình',
      'Nguyễn An Ánh',
      'Nguyễn Văn Anh',
      'Lê Thị Anh',
      'Phạm Đức Anh',
      'Võ An',
    ];

    const sorted = people.toSorted(byKey(personOrderKey));

    expect(sorted).toEqual([
      'Võ An',
      'Phạm Đức Anh',
      'Lê Thị Anh',
      'Nguyễn Văn Anh',
      'Nguyễn An Ánh',
      'Trần Văn Bình',
    ]);
  });
});
