/**
 * How a member search is planned (national id, digits or name words) and which search entries
 * a name gets, so that a word prefix finds each person exactly once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/domain/errors.ts';
import { nameWordEntries, planSearch } from '../../shared/domain/members/search.ts';

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

describe('nameWordEntries', () => {
  it('gives a name one entry per distinct folded word', () => {
    expect(nameWordEntries('Nguyễn Ngọc Nga')).toEqual([
      { word: 'nga', shared: 0 },
      { word: 'ngoc', shared: 2 },
      { word: 'nguyen', shared: 2 },
    ]);
    expect(nameWordEntries('Lê Thị Lệ')).toEqual([
      { word: 'le', shared: 0 },
      { word: 'thi', shared: 0 },
    ]);
    expect(nameWordEntries('Đỗ Đức Đạt').map((e) => e.word)).toEqual(['dat', 'do', 'duc']);
  });

  it('lets exactly one entry answer any prefix of any word of the name', () => {
    fc.assert(
      fc.property(fullName, fc.nat(), fc.nat(), (name, wordPick, lengthPick) => {
        const words = fold(name).split(' ');
        const picked = words[wordPick % words.length] as string;
        const prefix = picked.slice(0, 1 + (lengthPick % picked.length));
        const entries = nameWordEntries(name);
        const answering = entries.filter((e) => e.word.startsWith(prefix) && e.shared < prefix.length);
        expect(answering).toHaveLength(1);
      }),
      { numRuns: 2000 },
    );
  });

  it('has an entry for every word of the name, folded', () => {
    fc.assert(
      fc.property(fullName, (name) => {
        const expected = [...new Set(fold(name).split(' '))].sort();
        expect(nameWordEntries(name).map((e) => e.word)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
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
    expect(planSearch('08708000123')).toEqual({ kind: 'digits', digits: '08708000123' });
    expect(planSearch('0912.345-678')).toEqual({ kind: 'digits', digits: '0912345678' });
    expect(planSearch('0912 34')).toEqual({ kind: 'digits', digits: '091234' });
  });

  it('folds words and lets the rarest one drive the query', () => {
    expect(planSearch('Nguyễn QUỲNH')).toEqual({ kind: 'words', drive: 'quynh', others: ['nguyen'] });
    expect(planSearch('ĐỨC')).toEqual({ kind: 'words', drive: 'duc', others: [] });
    const plan = planSearch('nguyen van an');
    expect(plan.kind).toBe('words');
    if (plan.kind === 'words') {
      expect([plan.drive, ...plan.others].sort()).toEqual(['an', 'nguyen', 'van']);
      expect(plan.drive).not.toBe('nguyen');
    }
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
