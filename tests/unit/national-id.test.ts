/**
 * The structure of national ID numbers, checked against the person they belong to.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BIRTH_PROVINCE_CODES,
  type BirthProvinceCode,
  checkNationalId,
  composeNationalId,
  isBirthProvinceCode,
  maskNationalId,
  NATIONAL_ID_PROBLEMS,
  type NationalIdPerson,
  normalizeNationalId,
} from '../../shared/domain/national-id.ts';
import { PLATFORM_TENANT, provinceOf, toTenantId } from '../../shared/domain/tenant-id.ts';

const man1985: NationalIdPerson = { gender: 'male', birthDate: '1985-04-30' };
const woman2003: NationalIdPerson = { gender: 'female', birthDate: '2003-12-01' };

const provinceCodes = Object.keys(BIRTH_PROVINCE_CODES) as BirthProvinceCode[];

const person = fc.record({
  gender: fc.constantFrom('male' as const, 'female' as const),
  birthDate: fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2399-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10)),
});
const province = fc.constantFrom(...provinceCodes);
const serial = fc.stringMatching(/^\d{6}$/);
/** What a number is composed of, and a digit of it, at one of `positions`, to shift by 1 to 9. */
const composedWithDigitShifted = (positions: { min: number; max: number }) =>
  fc.tuple(person, province, serial, fc.integer(positions), fc.integer({ min: 1, max: 9 }));

describe('the province codes of birth registration', () => {
  it('are the 63 codes of Circular 07/2016/TT-BCA, between 001 and 096', () => {
    // Assess
    expect(provinceCodes).toHaveLength(63);
    expect(provinceCodes.every((code) => /^0\d\d$/.test(code) && code >= '001' && code <= '096')).toBe(true);
    expect(BIRTH_PROVINCE_CODES['087']).toBe('Đồng Tháp');
    expect(BIRTH_PROVINCE_CODES['082']).toBe('Tiền Giang');
    expect(isBirthProvinceCode('003')).toBe(false);
    expect(isBirthProvinceCode('toString')).toBe(false);
  });
});

describe('checkNationalId', () => {
  it.each([
    ['087085001234', man1985],
    ['001185999999', { gender: 'female', birthDate: '1985-01-01' }],
    ['082303000001', woman2003],
    ['079200123456', { gender: 'male', birthDate: '2000-01-01' }],
    ['096199123456', { gender: 'female', birthDate: '1999-12-31' }],
    ['001400000000', { gender: 'male', birthDate: '2100-06-15' }],
    ['001999000000', { gender: 'female', birthDate: '2399-06-15' }],
  ] as const)('accepts %s for %j', (id, who) => {
    // Act & Assess
    expect(checkNationalId(id, who)).toBeNull();
  });

  it.each([
    ['', 'format'],
    ['08708500123', 'format'],
    ['0870850012345', 'format'],
    ['087 085001234', 'format'],
    ['08708500123a', 'format'],
    ['087０85001234', 'format'],
    ['003085001234', 'province'],
    ['000085001234', 'province'],
    ['097085001234', 'province'],
    ['999085001234', 'province'],
    ['087185001234', 'gender_century'],
    ['087285001234', 'gender_century'],
    ['087984001234', 'gender_century'],
    ['087084001234', 'birth_year'],
    ['087058001234', 'birth_year'],
  ] as const)('finds the problem in %j for a man born in 1985: %s', (id, problem) => {
    // Act & Assess
    expect(checkNationalId(id, man1985)).toBe(problem);
  });

  it('reports the first problem reading left to right', () => {
    // Act & Assess
    expect(checkNationalId('003199001234', man1985)).toBe('province');
    expect(checkNationalId('087199001234', man1985)).toBe('gender_century');
  });

  it('finds no gender and century digit for a year no number can encode', () => {
    // Act & Assess
    expect(checkNationalId('087099001234', { gender: 'male', birthDate: '1899-05-05' })).toBe(
      'gender_century',
    );
    expect(checkNationalId('087000001234', { gender: 'male', birthDate: '2400-05-05' })).toBe(
      'gender_century',
    );
  });

  it('names every problem it can report in NATIONAL_ID_PROBLEMS', () => {
    // Act
    const found = new Set([
      checkNationalId('1', man1985),
      checkNationalId('003085001234', man1985),
      checkNationalId('087185001234', man1985),
      checkNationalId('087084001234', man1985),
    ]);

    // Assess
    expect([...found].sort()).toEqual([...NATIONAL_ID_PROBLEMS].sort());
  });

  it('accepts every number composeNationalId makes', () => {
    fc.assert(
      fc.property(person, province, serial, (who, code, digits) => {
        // Act
        const id = composeNationalId(who, code, digits);

        // Assess
        expect(id).toMatch(/^\d{12}$/);
        expect(checkNationalId(id, who)).toBeNull();
      }),
    );
  });

  it.each([
    [
      'once its gender, century or year digits change',
      { min: 3, max: 5 },
      (_: string, position: number) => (position === 3 ? 'gender_century' : 'birth_year'),
    ],
    [
      'whose province digits change, unless they spell another listed province',
      { min: 0, max: 2 },
      (changed: string) => (isBirthProvinceCode(changed.slice(0, 3)) ? null : 'province'),
    ],
  ])('refuses a composed number %s', (_, positions, problem) => {
    fc.assert(
      fc.property(composedWithDigitShifted(positions), ([who, code, digits, position, shift]) => {
        // Prepare
        const id = composeNationalId(who, code, digits);

        // Act
        const changed = replaceDigit(id, position, shift);

        // Assess
        expect(checkNationalId(changed, who)).toBe(problem(changed, position));
      }),
    );
  });

  it('accepts any serial: the last six digits carry no structure', () => {
    fc.assert(
      fc.property(person, province, serial, serial, (who, code, digits, other) => {
        // Act
        const id = composeNationalId(who, code, digits).slice(0, 6) + other;

        // Assess
        expect(checkNationalId(id, who)).toBeNull();
      }),
    );
  });
});

describe('composeNationalId', () => {
  it('puts province, gender and century, birth year and serial in that order', () => {
    // Act & Assess
    expect(composeNationalId(man1985, '087', '001234')).toBe('087085001234');
    expect(composeNationalId(woman2003, '082', '000001')).toBe('082303000001');
  });

  it('refuses what no valid number can hold', () => {
    // Act & Assess
    expect(() => composeNationalId(man1985, '003' as BirthProvinceCode, '001234')).toThrow(RangeError);
    expect(() => composeNationalId(man1985, '087', '1234')).toThrow(RangeError);
    expect(() => composeNationalId({ gender: 'male', birthDate: '1899-01-01' }, '087', '001234')).toThrow(
      RangeError,
    );
  });
});

describe('maskNationalId', () => {
  it('shows only the last three digits', () => {
    // Act & Assess
    expect(maskNationalId('087085001234')).toBe('*********234');
    expect(maskNationalId('123456789')).toBe('******789');
    expect(maskNationalId('12')).toBe('12');
  });
});

describe('normalizeNationalId', () => {
  it('drops the spaces people put between digit groups, and nothing else', () => {
    // Act & Assess
    expect(normalizeNationalId(' 087 085\t001 234 ')).toBe('087085001234');
    expect(normalizeNationalId('087-085-001234')).toBe('087-085-001234');
  });
});

describe('provinceOf', () => {
  it('is the part of the tenant id before the colon', () => {
    // Act & Assess
    expect(provinceOf(toTenantId('dong-thap:farmers'))).toBe('dong-thap');
    expect(provinceOf(toTenantId('ba-ria-vung-tau:front'))).toBe('ba-ria-vung-tau');
  });

  it('refuses the platform, which belongs to no province', () => {
    // Act & Assess
    expect(() => provinceOf(PLATFORM_TENANT)).toThrow(/no province/);
  });
});

/** The id with the digit at `position` moved on by `shift` (1–9), so always a different digit. */
function replaceDigit(id: string, position: number, shift: number): string {
  const digit = (Number(id[position]) + shift) % 10;
  return id.slice(0, position) + String(digit) + id.slice(position + 1);
}
