/**
 * How a member search is understood: a 12-digit national id, a phone or card number prefix, or
 * words matching the starts of name words in any order. For words, the rarest word drives the
 * query (its index entries are read) and the others filter what it finds.
 */
import { DomainError } from '../errors.ts';
import { estimatedWordShare } from '../vietnamese-names.ts';
import { searchWords } from '../vietnamese-text.ts';
import type { MemberStatus } from './member.ts';

export type MemberSearch =
  | { readonly kind: 'none' }
  | { readonly kind: 'nationalId'; readonly nationalId: string }
  | { readonly kind: 'digits'; readonly digits: string }
  | { readonly kind: 'words'; readonly drive: string; readonly others: readonly string[] };

export function planSearch(q: string | undefined): MemberSearch {
  if (q === undefined || q.trim() === '') return { kind: 'none' };
  const compact = q.replace(/[\s.\-+]/g, '');
  if (/^\d{12}$/.test(compact)) return { kind: 'nationalId', nationalId: compact };
  if (/^\d+$/.test(compact)) return { kind: 'digits', digits: compact };
  const words = searchWords(q);
  if (words.length === 0)
    throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'query.q', code: 'no_searchable_word' }]);
  const drive = words.reduce((best, word) => (rarer(word, best) ? word : best));
  return { kind: 'words', drive, others: words.filter((word) => word !== drive) };
}

function rarer(a: string, b: string): boolean {
  const shareA = estimatedWordShare(a);
  const shareB = estimatedWordShare(b);
  return shareA < shareB || (shareA === shareB && a.length > b.length);
}

/**
 * The commonest words of Vietnamese names, commonest first: Nguyễn (~38 % of people), Thị (most
 * women born before 1990), Văn (most men). A name's first of these is found through the member's
 * own entry in a name-word index, not a search entry of its own: about one search entry less to
 * write per person. Stored members follow this list: changing it means rewriting their entries.
 */
const COMMON_NAME_WORDS = ['nguyen', 'thi', 'van'] as const;

export interface NameWords {
  /** Every folded word, as " word word": what a search's other words are matched in. */
  readonly text: string;
  /** The first common word of the name, found through the member's own index entry. */
  readonly common: string | undefined;
  /**
   * The search entries: the other words, each with the longest start it shares with an earlier
   * one (in sorted order). A search for a prefix reads the entry of every word that starts with
   * it; keeping only entries whose shared start is shorter than the prefix lists each person
   * once ("Trần Ngọc Nga" is found by "ng" through "nga" alone).
   */
  readonly entries: readonly { word: string; shared: number }[];
  /** The entries' words as " word word": who an entry finds by a prefix, the common word's index leaves out. */
  readonly entryText: string;
}

export function nameWords(fullName: string): NameWords {
  const all = [...new Set(searchWords(fullName))].sort();
  const common = COMMON_NAME_WORDS.find((word) => all.includes(word));
  const words = all.filter((word) => word !== common);
  return {
    text: spaced(all),
    common,
    entries: words.map((word, i) => ({
      word,
      shared: Math.max(0, ...words.slice(0, i).map((earlier) => commonPrefixLength(word, earlier))),
    })),
    entryText: spaced(words),
  };
}

/** The common words a typed word's start can stand for: their index entries are searched too. */
export function commonWordsStartingWith(start: string): string[] {
  return COMMON_NAME_WORDS.filter((word) => word.startsWith(start));
}

const spaced = (words: readonly string[]) => words.map((word) => ` ${word}`).join('');

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n;
}

/**
 * About the share of an organization's members one commune holds (Đồng Tháp: 102 communes,
 * provinces after the 2025 merger 60–170).
 */
const COMMUNE_SHARE = 0.01;

/**
 * Whether a word search reads the place's own members in name order, filtered on their words,
 * rather than the organization's entries of the rarest word filtered on the place: so when the
 * place holds fewer people than have that word (a branch always; a commune unless the word is
 * rare), each item read is likelier kept.
 */
export function readsPlaceForWords(place: MemberPlace, drive: string): boolean {
  if (place.kind === 'branch') return true;
  return place.kind === 'commune' && estimatedWordShare(drive) >= COMMUNE_SHARE;
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
