/**
 * How a member search is planned (national id, digits or name words) and which search entries
 * a name gets, so that a word prefix finds each person exactly once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/domain/errors.ts';
import { nameWords, planSearch, readsPlaceForWords } from '../../shared/domain/members/search.ts';

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

const entriesOf = (name: string) => nameWords(name).entries;

describe('nameWords', () => {
  it('gives a name one entry per distinct folded word but its first common one', () => {
    expect(nameWords('Trần Ngọc Nga')).toEqual({
      text: ' nga ngoc tran',
      common: undefined,
      entries: [
        { word: 'nga', shared: 0 },
        { word: 'ngoc', shared: 2 },
        { word: 'tran', shared: 0 },
      ],
      entryText: ' nga ngoc tran',
    });
    expect(nameWords('Nguyễn Thị Lệ')).toEqual({
      text: ' le nguyen thi',
      common: 'nguyen',
      entries: [
        { word: 'le', shared: 0 },
        { word: 'thi', shared: 0 },
      ],
      entryText: ' le thi',
    });
    expect(nameWords('Lê Văn Vĩnh').common).toBe('van');
    expect(entriesOf('Đỗ Đức Đạt').map((e) => e.word)).toEqual(['dat', 'do', 'duc']);
  });

  it('lets exactly one entry, or else the common word, answer any prefix of any word of the name', () => {
    const nameWithCommon = fc
      .tuple(fullName, fc.constantFrom('', 'Nguyễn ', 'Thị ', 'văn ', 'NGUYỄN THỊ '))
      .map(([name, common]) => common + name);
    fc.assert(
      fc.property(nameWithCommon, fc.nat(), fc.nat(), (name, wordPick, lengthPick) => {
        const words = fold(name).split(' ');
        const picked = words[wordPick % words.length] as string;
        const prefix = picked.slice(0, 1 + (lengthPick % picked.length));
        const { common, entries, entryText } = nameWords(name);
        const answering = entries.filter((e) => e.word.startsWith(prefix) && e.shared < prefix.length);
        // The common word's index answers what no entry does: the store's filter on entryText.
        const byCommon = common?.startsWith(prefix) && !entryText.includes(` ${prefix}`) ? 1 : 0;
        expect(answering.length + byCommon).toBe(1);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds every word of the name, folded, through an entry or the common word', () => {
    fc.assert(
      fc.property(fullName, (name) => {
        const expected = [...new Set(fold(name).split(' '))].sort();
        const { common, entries, text } = nameWords(name);
        expect([...entries.map((e) => e.word), ...(common ? [common] : [])].sort()).toEqual(expected);
        expect(text).toBe(expected.map((word) => ` ${word}`).join(''));
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

describe('readsPlaceForWords', () => {
  it('reads a branch’s members, a commune’s unless the word is rare, never the whole organization’s', () => {
    expect(readsPlaceForWords({ kind: 'branch', branchId: 'b-1' }, 'xinh')).toBe(true);
    expect(readsPlaceForWords({ kind: 'commune', communeId: '28261' }, 'an')).toBe(true);
    expect(readsPlaceForWords({ kind: 'commune', communeId: '28261' }, 'nguy')).toBe(true);
    expect(readsPlaceForWords({ kind: 'commune', communeId: '28261' }, 'xinh')).toBe(false);
    expect(readsPlaceForWords({ kind: 'tenant' }, 'nguy')).toBe(false);
    expect(readsPlaceForWords({ kind: 'tenant', withinUnitId: '870' }, 'an')).toBe(false);
  });
});
