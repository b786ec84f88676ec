/**
 * Member lists as officers send them, for the import's tests: distinct generated people (every
 * third without a CCCD, so found again by name and birth date) as the lines of a CSV.
 */
import { nationalIdFor } from './members.ts';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Võ'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Khoa'];
export const HEADER = 'Họ và tên,Giới tính,Ngày sinh,Số CCCD,Số điện thoại,Chi hội,Ngày vào hội';

export function people(count: number, offset = 0) {
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset;
    const gender = i % 2 ? 'female' : 'male';
    const birthDate = `19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`;
    return {
      fullName: `${FAMILY[i % 5]} ${gender === 'male' ? 'Văn' : 'Thị'} ${GIVEN[i % 7]} ${i}`,
      gender,
      birthDate,
      // Every third person without a CCCD: found again by name and birth date in the branch.
      nationalId: i % 3 ? nationalIdFor({ gender, birthDate }) : '',
      phone: `09${String(20_000_000 + i).padStart(8, '0')}`,
      branch: i % 2 ? 'Chi hội Khóm 1' : 'Chi hội Khóm 2',
    };
  });
}

export const csvOf = (rows: ReturnType<typeof people>) =>
  [
    HEADER,
    ...rows.map((p) =>
      [
        p.fullName,
        p.gender === 'male' ? 'Nam' : 'Nữ',
        p.birthDate.split('-').reverse().join('/'),
        p.nationalId,
        p.phone,
        p.branch,
        '01/06/2020',
      ].join(','),
    ),
  ].join('\r\n');
