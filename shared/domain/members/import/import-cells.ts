/**
 * Cells of an officer's member list read as the fields they mean: dates as dd/mm/yyyy, "Nam"/"Nữ",
 * phone numbers however spaced or prefixed (+84…), the old 9-digit CMND told apart from the 12-digit
 * CCCD, statuses in words, and text typed in a legacy Vietnamese encoding (TCVN3/ABC, VNI) caught
 * before it is stored as gibberish. Each reader answers a value, or the code of what is wrong.
 */
import { foldVietnamese } from '../../vietnamese-text.ts';
import type { Gender, MemberStatus } from '../member.ts';

export type Cell<T> = { readonly value: T } | { readonly problem: string };

const ok = <T>(value: T): Cell<T> => ({ value });
const wrong = (problem: string): Cell<never> => ({ problem });

/**
 * Latin-1 characters Vietnamese text never holds, but TCVN3 (ABC) and VNI fonts put where
 * Vietnamese letters should be: "NguyÔn" (TCVN3), "Ñoaøn" (VNI's đ and huyền).
 */
const LEGACY_CHARACTERS =
  /[\u00A1-\u00BF\u00C4-\u00C7\u00CB\u00CE-\u00D1\u00D6-\u00D8\u00DB\u00DC\u00DE\u00DF\u00E4-\u00E7\u00EB\u00EE\u00EF\u00F0\u00F1\u00F6-\u00F8\u00FB\u00FC\u00FE\u00FF]/;
/**
 * VNI writes â, ă, ê and their tones as a plain a or e followed by a marked letter: "Nguyeãn
 * Vaên". In Vietnamese the vowel after an a or e (ai, ao, au, ay, eo) never carries the mark.
 */
const VNI_VOWELS = /[aeAE][âêáàåãäéèúüëùøûõïÂÊÁÀÅÃÄÉÈÚÜËÙØÛÕÏ]/;

export function text(raw: string): Cell<string | null> {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value === '') return ok(null);
  return LEGACY_CHARACTERS.test(value) || VNI_VOWELS.test(value) ? wrong('legacy_encoding') : ok(value);
}

/** 07/03/1985, 7/3/1985, 07-03-1985 or 1985-03-07 → 1985-03-07; a real day only. */
export function date(raw: string): Cell<string | null> {
  const value = raw.trim();
  if (value === '') return ok(null);
  const dmy = value.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  const ymd = value.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  const [year, month, day] = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : [];
  if (!year || !month || !day) return wrong('date_format');
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso
    ? wrong('date_format')
    : ok(iso);
}

const GENDER_WORDS: Record<string, Gender> = { nam: 'male', nu: 'female', male: 'male', female: 'female' };

export function gender(raw: string): Cell<Gender | null> {
  const folded = foldVietnamese(raw);
  if (folded === '') return ok(null);
  return GENDER_WORDS[folded] ? ok(GENDER_WORDS[folded]) : wrong('gender_word');
}

/** A CCCD, or nothing with a warning for an old CMND (9 digits, which no longer identifies anyone). */
export function nationalId(raw: string): Cell<string | null> & { readonly warning?: string } {
  const digits = raw.replace(/[\s.-]/g, '');
  if (digits === '') return ok(null);
  if (/^\d{12}$/.test(digits)) return ok(digits);
  if (/^\d{9}$/.test(digits)) return { value: null, warning: 'national_id_cmnd' };
  return wrong('national_id_format');
}

/** +84 912 345 678, 0912.345.678, 84912345678, 912345678 (a spreadsheet dropped the 0) → 0912345678. */
export function phone(raw: string): Cell<string | null> {
  const digits = raw.replace(/[\s.()-]/g, '');
  if (digits === '') return ok(null);
  const national = digits.replace(/^\+?84(?=\d{9,10}$)/, '0').replace(/^(?=[1-9]\d{8,9}$)/, '0');
  return /^0\d{9,10}$/.test(national) ? ok(national) : wrong('phone_format');
}

/** A member's status as officers write it; a list brings in current members only. */
const STATUS_WORDS: Record<string, MemberStatus> = {
  'co mat': 'active',
  'co mat tai dia phuong': 'active',
  'dang sinh hoat': 'active',
  'sinh hoat': 'active',
  'di lam an xa': 'away',
  'di lam xa': 'away',
  'vang mat': 'away',
  'bo sinh hoat': 'lapsed',
  'khong sinh hoat': 'lapsed',
  active: 'active',
  away: 'away',
  lapsed: 'lapsed',
};

export function status(raw: string): Cell<MemberStatus | null> {
  const folded = foldVietnamese(raw);
  if (folded === '') return ok(null);
  return STATUS_WORDS[folded] ? ok(STATUS_WORDS[folded]) : wrong('status_word');
}
