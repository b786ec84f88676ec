/**
 * Names sorted the Vietnamese way by a plain string comparison, as DynamoDB sort keys compare:
 * tones are ignored, and ă â đ ê ô ơ ư come right after their base letter (a < ă < â < b),
 * where byte order would put every "Đ…" after "Z".
 */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** "~" sorts after every letter and digit, so "a~" comes after any "a…" word and before "b". */
const LETTER_KEYS: Record<string, string> = {
  ă: 'a~',
  â: 'a~~',
  đ: 'd~',
  ê: 'e~',
  ô: 'o~',
  ơ: 'o~~',
  ư: 'u~',
};

export function nameSortKey(name: string): string {
  const toneless = name.toLowerCase().normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
  return [...toneless].map((letter) => LETTER_KEYS[letter] ?? letter).join('');
}
