/**
 * Names sorted the Vietnamese way by a plain string comparison, as DynamoDB compares sort keys.
 * A key is printable ASCII whose code-unit order (for ASCII, UTF-8 byte order) agrees with
 * `new Intl.Collator('vi')` with case ignored: first the letters, ă â đ ê ô ơ ư each right after
 * its base letter (where byte order would put "Đ…" after "Z"); then, only between names that are
 * equal but for their tones, the tones (none < huyền < hỏi < ngã < sắc < nặng) of the first letter
 * where they differ, which is what ICU's secondary level compares.
 *
 * A key is therefore two parts: one code per letter, digit, space or punctuation mark; " !"; then
 * "0" per such element, each with the digit of its tone after it, trailing zeros dropped. " !"
 * sorts below a space followed by any code, so a name comes before its own continuations
 * ("An" < "An Bình" < "Anh"), and it ends every key, so callers may append a suffix starting
 * below "0" ("#id") without disturbing the order.
 */

const END_OF_LETTERS = ' !';

/** After the base letter's code, "~" sorts above any code that can follow, so "a…" < "ă" < "â" < "b". */
const VIETNAMESE_LETTERS: Record<string, Record<string, string>> = {
  a: { '\u0306': 'a~', '\u0302': 'a~~' },
  e: { '\u0302': 'e~' },
  o: { '\u0302': 'o~', '\u031b': 'o~~' },
  u: { '\u031b': 'u~' },
};

/**
 * Canonical combining classes of the marks above: ICU still joins a breve or circumflex to its
 * letter across a dot below (ặ decomposes as a, dot below, breve), but not across a tone.
 */
const COMBINING_CLASS: Record<string, number> = {
  '\u0300': 230,
  '\u0301': 230,
  '\u0302': 230,
  '\u0303': 230,
  '\u0306': 230,
  '\u0309': 230,
  '\u031b': 216,
  '\u0323': 220,
};

/**
 * Secondary weights in ICU's order: the five tones as the Vietnamese tailoring ranks them, then
 * the marks of other Latin alphabets; a mark not listed goes just before circumflex and horn
 * (left on letters they do not form a Vietnamese letter with), which ICU ranks last.
 */
const MARK_CODES: Record<string, string> = {
  '\u0300': '1',
  '\u0309': '2',
  '\u0303': '3',
  '\u0301': '4',
  '\u0323': '5',
  '\u0306': 'a',
  '\u030c': 'b',
  '\u030a': 'c',
  '\u0308': 'd',
  '\u030b': 'e',
  '\u0307': 'f',
  '\u0327': 'g',
  '\u0328': 'h',
  '\u0304': 'i',
  '\u0302': 'y',
  '\u031b': 'z',
};
const OTHER_MARK_CODE = 'x';
const COMMON_WEIGHT = '0';

/**
 * Spaces, punctuation and symbols in ICU's order (all below digits, and digits below letters),
 * each coded as "'" and its rank: "'" sorts above a space and below "0".
 */
const SYMBOLS = `_-–—,;:!?.…·'‘’"“”«»()[]{}@*/\\&#%•\`^+<=>|~$`;
const RANKS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SYMBOL_CODES = new Map([...SYMBOLS].map((symbol, rank) => [symbol, `'${RANKS[rank]}`]));

/** Controls, format characters and the grapheme joiner, which ICU ignores; whitespace aside. */
const IGNORABLE = /(?!\s)(?:[\p{Cc}\p{Cf}]|\u034f)/gu;
const MARK = /^\p{M}$/u;
const BASE_LETTER_OR_DIGIT = /^[a-z0-9]$/;

/**
 * "Phường Đạo Thạnh" → "phu~o~~ng d~ao thanh !00001000005000005": the sort key of a unit or
 * branch name. Names that ICU finds equal but for case get equal keys: append an id.
 */
export function nameSortKey(name: string): string {
  let letters = '';
  let tones = '';
  const characters = [...normalizeForKey(name)];
  for (let i = 0; i < characters.length; ) {
    const character = characters[i] as string;
    let end = i + 1;
    while (end < characters.length && MARK.test(characters[end] as string)) end += 1;
    const marks = characters.slice(i + 1, end);
    if (MARK.test(character)) {
      // A mark with no letter to sit on still weighs at the secondary level.
      tones += MARK_CODES[character] ?? OTHER_MARK_CODE;
    } else {
      letters += primaryCode(character, marks);
      tones += COMMON_WEIGHT;
    }
    for (const mark of marks) tones += MARK_CODES[mark] ?? OTHER_MARK_CODE;
    i = end;
  }
  return letters + END_OF_LETTERS + tones.replace(/0+$/, '');
}

export interface NameParts {
  readonly family: string;
  readonly middle: string;
  readonly given: string;
}

/** "Nguyễn Thị Ngọc Ánh" → Nguyễn / Thị Ngọc / Ánh; a single word is a given name. */
export function splitFullName(fullName: string): NameParts {
  const words = fullName
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length <= 1) return { family: '', middle: '', given: words[0] ?? '' };
  return {
    family: words[0] as string,
    middle: words.slice(1, -1).join(' '),
    given: words[words.length - 1] as string,
  };
}

/**
 * The sort key of a person: by given name, then middle, then family name, each compared in full
 * (tones included) before the next, as lists of members are read. Every part's key ends in
 * " !" and its tones, and a space below "0" joins them, so a part that sorts first decides.
 */
export function personOrderKey(fullName: string): string {
  const { family, middle, given } = splitFullName(fullName);
  return `${nameSortKey(given)} ${nameSortKey(middle)} ${nameSortKey(family)}`;
}

function normalizeForKey(name: string): string {
  return name.toLowerCase().replace(IGNORABLE, '').replace(/\s+/g, ' ').trim().normalize('NFD');
}

/**
 * Removes from `marks` the one that makes a Vietnamese letter of `character`, if it is not
 * blocked by a mark of the same or a higher combining class in between.
 */
function primaryCode(character: string, marks: string[]): string {
  if (character === ' ') return ' ';
  if (character === 'đ') return 'd~';
  const letters = VIETNAMESE_LETTERS[character];
  if (letters) {
    let highestClass = 0;
    for (const [index, mark] of marks.entries()) {
      const markClass = COMBINING_CLASS[mark] ?? 255;
      const letter = letters[mark];
      if (letter && markClass > highestClass) {
        marks.splice(index, 1);
        return letter;
      }
      highestClass = Math.max(highestClass, markClass);
    }
  }
  if (BASE_LETTER_OR_DIGIT.test(character)) return character;
  const symbol = SYMBOL_CODES.get(character);
  if (symbol) return symbol;
  // Other scripts and letters: after the Latin alphabet, as in ICU, in code point order.
  return `{${(character.codePointAt(0) ?? 0).toString(16).padStart(6, '0')}`;
}
