/**
 * How a member search is planned (national id, phone or card, name words with a birth year),
 * which tails a name is listed under, so a typed start finds each person exactly once, and
 * which near forms a mistyped word is looked up by.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/domain/errors.ts';
import { nameKeys, nearForms, planSearch } from '../../shared/domain/members/search.ts';

const VIETNAMESE_ALPHABET = [...'aăâbcdđeêghiklmnoôơpqrstuưvxy'];
const VOWELS = new Set('aăâeêioôơuưy');
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
/** Few letters, so that generated words often share their starts ("ng", "ngo", "nga"). */
const CLOSE_LETTERS = [...'anđdgo'];

const letterFrom = (alphabet: string[]) =>
  fc
    .record({ base: fc.constantFrom(...alphabet), tone: fc.constantFrom(...TONES), upper: fc.boolean() })
    .map(({ base, tone, upper }) => {
      const l = (VOWELS.has(base) ? base + tone : base).normalize('NFC');
      return upper ? l.toUpperCase() : l;
    });
const letter = fc.oneof(
  { weight: 1, arbitrary: letterFrom(VIETNAMESE_ALPHABET) },
  { weight: 2, arbitrary: letterFrom(CLOSE_LETTERS) },
);
const word = fc.array(letter, { minLength: 1, maxLength: 6 }).map((letters) => letters.join(''));
const fullName = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(' '));

/** The test's own folding, so a broken fold in the product cannot hide behind it. */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/đ/g, 'd');

const tailsOf = (name: string) => nameKeys(name).tails;

describe('nameKeys', () => {
  it('gives a name one tail per word, to its end, marking the whole name', () => {
    expect(nameKeys('Trần Ngọc Nga')).toEqual({
      text: ' tran ngoc nga ',
      given: 'nga',
      tails: [
        { tail: 'tran ngoc nga', whole: true, shared: 0 },
        { tail: 'ngoc nga', whole: false, shared: 2 },
        { tail: 'nga', whole: false, shared: 0 },
      ],
    });
    // "nga" sorts before "ngoc nga" and shares "ng" with it.
    expect(tailsOf('Nguyễn Thị Thu Thủy').map(({ tail, shared }) => [tail, shared])).toEqual([
      ['nguyen thi thu thuy', 0],
      ['thi thu thuy', 0],
      ['thu thuy', 2],
      ['thuy', 3],
    ]);
    expect(tailsOf('Đỗ Đức-Đạt').map((t) => t.tail)).toEqual(['do duc dat', 'duc dat', 'dat']);
  });

  it('lets exactly one tail answer any start of any run of the name’s words', () => {
    fc.assert(
      fc.property(fullName, fc.nat(), fc.nat(), fc.nat(), (name, from, count, lengthPick) => {
        const words = fold(name).split(' ');
        const start = from % words.length;
        const run = words.slice(start, start + 1 + (count % (words.length - start))).join(' ');
        const typed = run.slice(0, 1 + (lengthPick % run.length));
        const answering = tailsOf(name).filter((t) => t.tail.startsWith(typed) && t.shared < typed.length);
        expect(answering).toHaveLength(1);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nearForms', () => {
  it('puts back a missing letter or swaps two back, in a word of four letters or more', () => {
    expect(nearForms('tran thi huog')).toContain('tran thi huong');
    expect(nearForms('nguyne van an')).toContain('nguyen van an');
    expect(nearForms('ngyen van an')).toContain('nguyen van an');
    expect(nearForms('nguyen vna an')).not.toContain('nguyen van an');
  });

  it('proposes only words that can be Vietnamese syllables, and a bounded number of them', () => {
    const forms = nearForms('tran thi hug');
    expect(forms).toContain('tran thi hung');
    expect(forms).not.toContain('tran thi hugx');
    expect(nearForms('a b c d e f g h hanh')).toHaveLength(new Set(nearForms('a b c d e f g h hanh')).size);
    expect(nearForms('nguyen nguyen nguyen nguyen nguyen nguyen').length).toBeLessThanOrEqual(24);
  });
});

describe('planSearch', () => {
  it('reads nothing special from an absent or blank query', () => {
    expect(planSearch(undefined)).toEqual({ kind: 'none' });
    expect(planSearch('   ')).toEqual({ kind: 'none' });
  });

  it('takes 12 digits as a national id, other digits as a phone or card prefix', () => {
    expect(planSearch('087080001234')).toEqual({ kind: 'nationalId', nationalId: '087080001234' });
    expect(planSearch(' 0870 8000 1234 ')).toEqual({ kind: 'nationalId', nationalId: '087080001234' });
    expect(planSearch('08708000123')).toEqual({ kind: 'number', phone: '08708000123', card: '08708000123' });
    expect(planSearch('0912.345-678')).toEqual({ kind: 'number', phone: '0912345678', card: '0912345678' });
    expect(planSearch('0912 34')).toEqual({ kind: 'number', phone: '091234', card: '091234' });
  });

  it('reads +84, 0084 and a whole 84… number as the phone’s 0… form', () => {
    expect(planSearch('+84912345678')).toMatchObject({ kind: 'number', phone: '0912345678' });
    expect(planSearch('+84 912 345 678')).toMatchObject({ kind: 'number', phone: '0912345678' });
    expect(planSearch('0084912345678')).toMatchObject({ kind: 'number', phone: '0912345678' });
    expect(planSearch('84912345678')).toMatchObject({ kind: 'number', phone: '0912345678' });
    expect(planSearch('+8491')).toMatchObject({ kind: 'number', phone: '091' });
    expect(planSearch('+1555')).toMatchObject({ kind: 'number', phone: undefined });
  });

  it('reads letters and digits in one run as a card number, in capitals without separators', () => {
    expect(planSearch('hv-2024-0153')).toEqual({ kind: 'number', phone: undefined, card: 'HV20240153' });
    expect(planSearch(' DT0153 ')).toEqual({ kind: 'number', phone: undefined, card: 'DT0153' });
  });

  it('folds words, keeps their order and takes a year among them as the birth year', () => {
    expect(planSearch('Nguyễn  QUỲNH')).toEqual({
      kind: 'words',
      typed: 'nguyen quynh',
      birthYear: undefined,
    });
    expect(planSearch('Ánh 1985')).toEqual({ kind: 'words', typed: 'anh', birthYear: 1985 });
    expect(planSearch('1985 Văn An')).toEqual({ kind: 'words', typed: 'van an', birthYear: 1985 });
    expect(planSearch('an 12')).toEqual({ kind: 'words', typed: 'an 12', birthYear: undefined });
  });

  it('refuses a query with no word to search by', () => {
    for (const q of ['!!!', '...', '-+-', '@#$%', '(*)']) {
      expect(() => planSearch(q)).toThrow(DomainError);
      try {
        planSearch(q);
      } catch (error) {
        expect((error as DomainError).code).toBe('VALIDATION_FAILED');
      }
    }
  });
});
