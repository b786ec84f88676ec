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
 * The words a name is found by, each with the longest start it shares with an earlier word (in
 * sorted order). A search for a prefix reads the entry of every word that starts with it; keeping
 * only entries whose shared start is shorter than the prefix lists each person once
 * ("Nguyễn Ngọc Nga" is found by "ng" through "nga" alone).
 */
export function nameWordEntries(fullName: string): { word: string; shared: number }[] {
  const words = [...new Set(searchWords(fullName))].sort();
  return words.map((word, i) => ({
    word,
    shared: Math.max(0, ...words.slice(0, i).map((earlier) => commonPrefixLength(word, earlier))),
  }));
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
