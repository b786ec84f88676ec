/**
 * How a member search is understood, the way officers type it: a 12-digit national id; a phone
 * in any of its written forms (0912 345 678, +84912345678); a card number, letters and all; or
 * name words, optionally with a birth year ("Ánh 1985").
 *
 * Name words are looked up as the start of one of the name's tails — the name from one of its
 * words to its end ("Nguyễn Văn An": "nguyen van an", "van an", "an") — so the full name typed
 * family-first, the middle and given names, or the given name alone are each one key range. The
 * tiers of a result, best first: the whole name exactly, a tail exactly (the typed words end the
 * name), a tail continuing with whole words, a tail whose last typed word is a prefix, then near
 * forms (one letter missing or two swapped in a word).
 */
import { z } from 'zod';
import type { Page } from '../../store/table.ts';
import { DomainError } from '../errors.ts';
import { estimatedWordShare, isKnownNameWord } from '../vietnamese-names.ts';
import { isSyllable } from '../vietnamese-syllables.ts';
import { foldVietnamese } from '../vietnamese-text.ts';
import type { MemberStatus, MemberSummary } from './member.ts';

export type MemberSearch =
  | { readonly kind: 'none' }
  | { readonly kind: 'nationalId'; readonly nationalId: string }
  /** A phone (normalized to its 0… form) or a card number starting with these characters. */
  | { readonly kind: 'number'; readonly phone: string | undefined; readonly card: string }
  | {
      readonly kind: 'words';
      /** The folded words as typed, joined by one space. */
      readonly typed: string;
      readonly birthYear: number | undefined;
    };

const YEAR = /^(19|20)\d\d$/;

export function planSearch(q: string | undefined): MemberSearch {
  if (q === undefined || q.trim() === '') return { kind: 'none' };
  const compact = q.replace(/[\s.()-]/g, '');
  if (/^\d{12}$/.test(compact)) return { kind: 'nationalId', nationalId: compact };
  if (/^\+?\d+$/.test(compact))
    return { kind: 'number', phone: localPhone(compact), card: compact.replace('+', '') };
  const card = q.trim();
  if (/^[0-9A-Za-z-]+$/.test(card) && /\d/.test(card) && /[A-Za-z]/.test(card))
    return { kind: 'number', phone: undefined, card: cardKey(card) };
  const tokens = foldVietnamese(q)
    .split(/[^a-z0-9]+/)
    .filter((token) => token !== '');
  const year = tokens.find((token) => YEAR.test(token));
  const words = tokens.filter((token) => token !== year);
  if (words.length === 0)
    throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'query.q', code: 'no_searchable_word' }]);
  return { kind: 'words', typed: words.join(' '), birthYear: year === undefined ? undefined : Number(year) };
}

/** "+84912…", "0084912…" (any length typed so far), "84912…" (a whole number) → "0912…"; a local one stays. */
function localPhone(digits: string): string | undefined {
  const international = /^(?:\+|00)84(\d+)$/.exec(digits) ?? /^84(\d{9,10})$/.exec(digits);
  if (international) return `0${international[1]}`;
  return digits.startsWith('+') ? undefined : digits;
}

/** How a card number is keyed and searched: capitals, no separators ("hv-0153" → "HV0153"). */
export function cardKey(cardNumber: string): string {
  return cardNumber.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

export interface NameTail {
  /** Folded words from one of the name's words to its end, joined by one space. */
  readonly tail: string;
  /** The tail is the whole name. */
  readonly whole: boolean;
  /**
   * The longest start this tail shares with a tail of the same name sorting before it. A search
   * for a start of length L keeps only tails with `shared` < L: each person's first matching
   * tail, so everyone is listed once ("Nguyễn Thị Thu Thủy" by "thu" through "thu thuy" alone).
   */
  readonly shared: number;
}

export interface NameKeys {
  /** Every folded word between spaces, " nguyen van an ": what a branch's search filters on. */
  readonly text: string;
  readonly given: string;
  readonly tails: readonly NameTail[];
}

export function nameKeys(fullName: string): NameKeys {
  const words = foldVietnamese(fullName)
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  const tails = words.map((_, i) => words.slice(i).join(' '));
  const sorted = [...tails].sort();
  return {
    text: ` ${words.join(' ')} `,
    given: words.at(-1) ?? '',
    tails: tails.map((tail, i) => ({
      tail,
      whole: i === 0,
      shared: Math.max(
        0,
        ...sorted.filter((other) => other < tail).map((other) => commonPrefixLength(tail, other)),
      ),
    })),
  };
}

/**
 * Forms of the typed words with one word corrected by a letter put back or two letters swapped
 * back, where the corrected word (4+ letters) can be a Vietnamese syllable — and, when the typed
 * word is a name already, is a known name too, so a name typed right costs few lookups: commonest
 * first. The last word is a start already: a correction that only goes on from it finds nobody new.
 */
export function nearForms(typed: string): string[] {
  const words = typed.split(' ');
  const forms: { form: string; share: number }[] = [];
  words.forEach((word, i) => {
    const last = i === words.length - 1;
    for (const corrected of corrections(word)) {
      if (last && corrected.startsWith(word)) continue;
      const form = [...words.slice(0, i), corrected, ...words.slice(i + 1)].join(' ');
      forms.push({ form, share: estimatedWordShare(corrected) });
    }
  });
  return [...new Set(forms.sort((a, b) => b.share - a.share).map(({ form }) => form))].slice(
    0,
    MAX_NEAR_FORMS,
  );
}

/** Near forms looked up at most: a query reads one key range per form. */
const MAX_NEAR_FORMS = 24;

/**
 * A first page of a name search, with the near forms (as someone's name spells them) whose people
 * did not fit on it: a letter dropped from "Lương" leaves "uong", which "Hương" fills a page with
 * first, and the officer who meant Lương is offered it.
 */
export type SearchPage = Page<MemberSummary> & {
  readonly similarNames?: z.infer<typeof similarNamesField>;
};

export const similarNamesField = z
  .array(z.string())
  .readonly()
  .optional()
  .meta({
    description:
      'On the first page of a name search that more people match than it shows: up to five names one letter away from what was typed (a letter put back, two swapped back) that people in the place bear and the page did not reach, the commonest first — each a q to search for',
    example: ['Nguyễn Thị Lương', 'Nguyễn Thị Dương'],
  });

/** Similar names offered at most. */
export const SIMILAR_NAMES = 5;

/** "Nguyễn Thị Lương" found for the form "thi luong": the words of the name the form stands for, "Thị Lương". */
export function similarName(fullName: string, form: string): string | undefined {
  const words = fullName.trim().split(/\s+/);
  const count = form.split(' ').length;
  for (let i = 0; i + count <= words.length; i++)
    if (foldVietnamese(words.slice(i).join(' ')).startsWith(form)) return words.slice(i, i + count).join(' ');
  return undefined;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function corrections(word: string): string[] {
  const plausible = isKnownNameWord(word) ? isKnownNameWord : isSyllable;
  const found = new Set<string>();
  for (let i = 0; i + 1 < word.length; i++)
    if (word[i] !== word[i + 1]) found.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  for (let i = 0; i <= word.length; i++)
    for (const letter of LETTERS) found.add(word.slice(0, i) + letter + word.slice(i));
  return [...found].filter(
    (candidate) => candidate.length >= 4 && candidate !== word && plausible(candidate),
  );
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n;
}

/** Where to look: a branch, a commune (optionally one hamlet of it), or the whole tenant (optionally one district). */
export type MemberPlace =
  | { readonly kind: 'branch'; readonly branchId: string }
  | { readonly kind: 'commune'; readonly communeId: string; readonly withinUnitId?: string }
  | { readonly kind: 'tenant'; readonly withinUnitId?: string };

export interface MemberFilter {
  readonly place: MemberPlace;
  /** Absent: current members (active, away, lapsed). */
  readonly status?: MemberStatus;
}
