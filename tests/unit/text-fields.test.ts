/**
 * The text fields of every write: whatever a client sends, what is accepted is NFC, trimmed, and
 * free of control and format characters, broken UTF-16 and towers of combining marks; Vietnamese
 * names come through unchanged apart from NFC.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordDateSchema } from '../../shared/domain/date-fields.ts';
import { multiLineText, singleLineText } from '../../shared/domain/text-fields.ts';
import { FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES } from '../../shared/domain/vietnamese-names.ts';

const single = singleLineText({ max: 200 });
const multi = multiLineText({ max: 200 });

/** The field code a refused value carries, as validation.ts reports it. */
function refusal(schema: typeof single, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) =>
    issue.code === 'custom' ? String(issue.params?.code) : issue.code,
  );
}

const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/u;
const LONE_SURROGATE = /\p{Cs}/u;

/** Any UTF-16 string, lone surrogates included, with the characters attacks use made frequent. */
const hostile = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.constantFrom(
        '\u0000',
        '\u001b[31m',
        '\r\n',
        '\t',
        '\u200b',
        '\u200d',
        '\u202e',
        '\u2028',
        '\ufeff',
        '\u00ad',
        '\ud800',
        '\udfff',
        '\u0301',
        '\u0323',
        'e\u0302\u0323',
        ' ',
      ),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const nameWord = (names: readonly { name: string }[]) => fc.constantFrom(...names.map((n) => n.name));
const vietnameseName = fc
  .tuple(
    nameWord(FAMILY_NAMES),
    nameWord([...MIDDLE_NAMES.male, ...MIDDLE_NAMES.female]),
    nameWord([...GIVEN_NAMES.male, ...GIVEN_NAMES.female]),
    fc.constantFrom<'NFC' | 'NFD'>('NFC', 'NFD'),
  )
  .map(([family, middle, given, form]) => `${family} ${middle} ${given}`.normalize(form));

describe('singleLineText and multiLineText', () => {
  it('accept only NFC text without control, format or lone surrogate characters, trimmed', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (input, multiLine) => {
        const result = (multiLine ? multi : single).safeParse(input);
        if (!result.success) return;
        const text = result.data;
        expect(text.normalize('NFC')).toBe(text);
        expect(text).toBe(text.trim());
        expect(text.length).toBeGreaterThan(0);
        expect(LONE_SURROGATE.test(text)).toBe(false);
        const allowed = multiLine ? text.replace(/[\n\r\t]/g, '') : text;
        expect(CONTROL_OR_FORMAT.test(allowed)).toBe(false);
        if (!multiLine) expect(/[\u2028\u2029]/.test(text)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('pass Vietnamese names through unchanged apart from NFC, however they were typed', () => {
    fc.assert(
      fc.property(vietnameseName, (name) => {
        expect(single.parse(` ${name} `)).toBe(name.normalize('NFC'));
      }),
    );
  });

  it('refuse the names the issue found stored, each with its field code', () => {
    expect(refusal(single, '\u200b\u200b')).toEqual(['control_character']);
    expect(refusal(single, 'An\u0000')).toEqual(['control_character']);
    expect(refusal(single, '\u001b[2JAn')).toEqual(['control_character']);
    expect(refusal(single, 'Nguyễn\r\nVăn An')).toEqual(['control_character']);
    expect(refusal(single, '\u202enA nĂV')).toEqual(['control_character']);
    expect(refusal(single, 'An\ud83d')).toEqual(['lone_surrogate']);
    expect(refusal(single, `A${'\u0301'.repeat(99)}`)).toEqual(['too_many_combining_marks']);
    expect(refusal(single, '   ')).toEqual(['too_small']);
  });

  it('keep line breaks and tabs in multi-line fields only', () => {
    expect(multi.parse('Dòng một\r\n\tDòng hai')).toBe('Dòng một\r\n\tDòng hai');
    expect(refusal(multi, 'Dòng một\u0000')).toEqual(['control_character']);
    expect(refusal(single, 'Dòng một\tDòng hai')).toEqual(['control_character']);
  });

  it('allow up to three combining marks on a letter after NFC, as scripts written with them need', () => {
    expect(single.parse('e\u0302\u0323')).toBe('ệ');
    expect(single.parse('a\u0300\u0301\u0302')).toBe('à\u0301\u0302');
    expect(refusal(single, 'a\u0300\u0301\u0302\u0303\u0304')).toEqual(['too_many_combining_marks']);
  });
});

describe('recordDateSchema', () => {
  it('refuses dates before 1900 and after 2100 as out of range, and impossible days as wrong format', () => {
    const code = (value: string) =>
      recordDateSchema
        .safeParse(value)
        .error?.issues.map((i) => (i.code === 'custom' ? i.params?.code : i.code));
    expect(code('0000-01-01')).toEqual(['out_of_range']);
    expect(code('1800-01-01')).toEqual(['out_of_range']);
    expect(code('2101-01-01')).toEqual(['out_of_range']);
    expect(code('2023-02-29')).toEqual(['invalid_format']);
    expect(code('1900-01-01')).toBeUndefined();
    expect(code('2024-02-29')).toBeUndefined();
  });
});
