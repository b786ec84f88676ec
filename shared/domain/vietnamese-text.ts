/**
 * Vietnamese text as people type it into a search box: without diacritics and in any case, so
 * "nguyen van an" finds "Nguyễn Văn An". Unicode decomposition strips tones and the marks of
 * ă â ê ô ơ ư, but not the bar of đ, which is a letter of its own: that one is mapped by hand.
 */

const COMBINING_MARKS = /\p{M}/gu;
const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;

/** "  Nguyễn   Văn ĐỨC " → "nguyen van duc". */
export function foldVietnamese(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replaceAll('đ', 'd')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The distinct folded words, in the order they first appear: "Lê Thị-Lê" → ["le", "thi"]. */
export function searchWords(text: string): string[] {
  return [
    ...new Set(
      foldVietnamese(text)
        .split(WORD_SEPARATORS)
        .filter((word) => word !== ''),
    ),
  ];
}
