/**
 * What a text field of a write accepts: text a person typed, not bytes that merely parse as a
 * JSON string. Every text field of every write schema is built here, so names made of
 * zero-width spaces, NUL, terminal escapes, right-to-left overrides, broken UTF-16 or a tower
 * of accents are refused the same way everywhere (field codes in messages.ts `fieldMessages`).
 *
 * - NFC first, so "Nguyễn" typed decomposed (NFD, as macOS and some keyboards send it) is stored,
 *   searched, sorted and compared as the precomposed "Nguyễn" everyone else typed; then trimmed;
 *   empty after that is `too_small`.
 * - No control (Cc) or format (Cf) characters: NUL, ESC, zero-width spaces and joiners, bidi
 *   overrides, soft hyphens. A multi-line field keeps line feed, carriage return and tab; a
 *   single-line one also refuses the line and paragraph separators (U+2028, U+2029).
 * - No lone surrogate halves: they are not characters and break every consumer downstream.
 * - At most MAX_COMBINING_MARKS combining marks on one character, counted after NFC. Vietnamese needs none
 *   (every letter with its tone is precomposed) and at most two before it (ệ = e + ̂ + ̣);
 *   scripts of ethnic minorities written in their own letters (Khmer vowel signs) stay below three.
 */
import { z } from 'zod';

export const MAX_COMBINING_MARKS = 3;

/** Field codes a refused text carries (the issue's `params.code`). */
export const TEXT_FIELD_CODES = ['control_character', 'lone_surrogate', 'too_many_combining_marks'] as const;
export type TextFieldCode = (typeof TEXT_FIELD_CODES)[number];

// In a /u pattern a surrogate half matches \p{Cs} only when it is not part of a pair.
const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/u;
const CONTROL_OR_FORMAT_BUT_LINES = /[^\n\r\t\P{Cc}]|\p{Cf}/u;
const LINE_OR_PARAGRAPH_SEPARATOR = /[\u2028\u2029]/;
const MARK_RUN = new RegExp(`\\p{M}{${MAX_COMBINING_MARKS + 1}}`, 'u');

/** Why a text is refused, or null when it is acceptable (as NFC-normalized and trimmed). */
export function textProblem(text: string, multiLine: boolean): TextFieldCode | null {
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  if (multiLine ? CONTROL_OR_FORMAT_BUT_LINES.test(text) : CONTROL_OR_FORMAT.test(text))
    return 'control_character';
  if (!multiLine && LINE_OR_PARAGRAPH_SEPARATOR.test(text)) return 'control_character';
  if (MARK_RUN.test(text)) return 'too_many_combining_marks';
  return null;
}

interface Bounds {
  readonly min?: number;
  readonly max: number;
}

function textField({ min = 1, max }: Bounds, multiLine: boolean) {
  return (
    z
      .string()
      // A lone surrogate would make normalize() a no-op on it, not an error: it is refused below.
      .normalize('NFC')
      .trim()
      .min(min)
      .max(max)
      .check((ctx) => {
        const code = textProblem(ctx.value, multiLine);
        if (code) ctx.issues.push({ code: 'custom', input: ctx.value, params: { code }, message: code });
      })
  );
}

/** A name, an address, a place: one line of text. */
export const singleLineText = (bounds: Bounds) => textField(bounds, false);

/** Free notes: lines (LF, CR, tab) allowed. */
export const multiLineText = (bounds: Bounds) => textField(bounds, true);
