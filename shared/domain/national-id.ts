/**
 * The structure of a national ID number (số định danh cá nhân / CCCD): 12 digits, of which the
 * first six are not random — province of birth registration, gender and century, and the birth
 * year — so a typo or a record mix-up can be caught against the member's gender and birth date.
 * Pure rules only: encrypting and hashing the number is shared/privacy's job.
 */

/** Why a number does not fit the person, in the order they are checked. */
export const NATIONAL_ID_PROBLEMS = ['format', 'province', 'gender_century', 'birth_year'] as const;
export type NationalIdProblem = (typeof NATIONAL_ID_PROBLEMS)[number];

/**
 * Codes of the province of birth registration, the first three digits: Appendix of Circular
 * 07/2016/TT-BCA, kept unchanged by Circular 59/2021/TT-BCA. They are the GSO codes of the 63
 * provinces before the 2025 mergers; numbers already issued keep them, and the 34 merged
 * provinces reuse codes from this list (today's Đồng Tháp is 082, old Tiền Giang's).
 */
export const BIRTH_PROVINCE_CODES = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
} as const;
export type BirthProvinceCode = keyof typeof BIRTH_PROVINCE_CODES;

export interface NationalIdPerson {
  readonly gender: 'male' | 'female';
  /** YYYY-MM-DD */
  readonly birthDate: string;
}

const TWELVE_DIGITS = /^\d{12}$/;

export function isBirthProvinceCode(code: string): code is BirthProvinceCode {
  return Object.hasOwn(BIRTH_PROVINCE_CODES, code);
}

/**
 * Spaces people type or paste between digit groups ("079 203 001 234") are not part of the
 * number; anything else is left for the format check to refuse.
 */
export function normalizeNationalId(input: string): string {
  return input.replace(/\s+/g, '');
}

/** The first problem found, reading the number left to right; null when it fits the person. */
export function checkNationalId(nationalId: string, person: NationalIdPerson): NationalIdProblem | null {
  if (!TWELVE_DIGITS.test(nationalId)) return 'format';
  if (!isBirthProvinceCode(nationalId.slice(0, 3))) return 'province';
  if (nationalId[3] !== genderCenturyDigit(person)) return 'gender_century';
  if (nationalId.slice(4, 6) !== person.birthDate.slice(2, 4)) return 'birth_year';
  return null;
}

/** What may be shown to someone who has not been granted the number: its last three digits. */
export function maskNationalId(nationalId: string): string {
  return '*'.repeat(Math.max(0, nationalId.length - 3)) + nationalId.slice(-3);
}

/** A number that passes checkNationalId for this person: for the demo data and tests. */
export function composeNationalId(
  person: NationalIdPerson,
  provinceCode: BirthProvinceCode,
  serial: string,
): string {
  if (!isBirthProvinceCode(provinceCode)) throw new RangeError(`Not a province code: ${provinceCode}`);
  if (!/^\d{6}$/.test(serial)) throw new RangeError(`The serial must be 6 digits: ${serial}`);
  const digit = genderCenturyDigit(person);
  if (digit === undefined) throw new RangeError(`No national ID encodes the year of ${person.birthDate}`);
  return `${provinceCode}${digit}${person.birthDate.slice(2, 4)}${serial}`;
}

/**
 * 1900–1999: male 0, female 1; each later century adds 2, up to 2300–2399 (8 and 9). Undefined
 * for a year outside 1900–2399, which no number can encode.
 */
function genderCenturyDigit(person: NationalIdPerson): string | undefined {
  if (!/^\d{4}-/.test(person.birthDate)) return undefined;
  const century = Number(person.birthDate.slice(0, 2)) - 19;
  if (century < 0 || century > 4) return undefined;
  return String(century * 2 + (person.gender === 'female' ? 1 : 0));
}
