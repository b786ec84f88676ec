/**
 * How common Vietnamese names are: family names with their known shares, middle and given names
 * by gender and birth cohort with plausible weights for the Mekong Delta. The demo data draws
 * names from these tables, and member search uses them to guess which typed word is the most
 * selective ("an" narrows a search far less than "quỳnh").
 */
import { foldVietnamese } from './vietnamese-text.ts';

export type NameGender = 'male' | 'female';

export interface WeightedName {
  readonly name: string;
  readonly weight: number;
}

/** Weights for people born before 1965, in 1965–1989, and in 1990 or later: names go in and out of fashion. */
export interface CohortWeightedName {
  readonly name: string;
  readonly weights: readonly [number, number, number];
}

export type BirthCohort = 0 | 1 | 2;

export function birthCohort(birthYear: number): BirthCohort {
  return birthYear < 1965 ? 0 : birthYear < 1990 ? 1 : 2;
}

/**
 * Percent of the population. The fourteen most common carry the figures commonly cited for the
 * whole country (e.g. the English Wikipedia article "Vietnamese name", section "Family name":
 * Nguyễn 38.4, Trần 11, Lê 9.5, Phạm 7.1, Hoàng/Huỳnh 5.1, Phan 4.5, Vũ/Võ 3.9, Đặng 2.1, Bùi 2,
 * Đỗ 1.4, Hồ 1.3, Ngô 1.3, Dương 1, Lý 0.5). Shared figures are split the southern way, Đồng
 * Tháp being in the south: Huỳnh and Võ rather than Hoàng and Vũ. The remaining 10.9% is spread
 * over less common names, Hoa and Khmer ones among them, by plausible weights.
 */
export const FAMILY_NAMES: readonly WeightedName[] = weighted(`
  Nguyễn 38.4 | Trần 11 | Lê 9.5 | Phạm 7.1 | Huỳnh 4.3 | Hoàng 0.8 | Phan 4.5 | Võ 3.3 | Vũ 0.6
  Đặng 2.1 | Bùi 2 | Đỗ 1.4 | Hồ 1.3 | Ngô 1.3 | Dương 1 | Lý 0.5
  Trương 1.1 | Lâm 0.7 | Đào 0.6 | Đinh 0.6 | Đoàn 0.6 | Mai 0.5 | Lương 0.5 | Châu 0.5 | Cao 0.5
  Tô 0.4 | Lưu 0.4 | Thái 0.4 | Hà 0.3 | Trịnh 0.3 | Quách 0.3 | La 0.3 | Tạ 0.2 | Kiều 0.2
  Văn 0.2 | Từ 0.2 | Tăng 0.2 | Thạch 0.2 | Kim 0.2 | Diệp 0.1 | Lư 0.1 | Mạc 0.1 | Triệu 0.1
  Phùng 0.1 | Bạch 0.1 | Âu 0.1 | Phó 0.1 | Ông 0.1 | Khưu 0.1 | Trang 0.1 | Lữ 0.1 | Giang 0.1
  Tống 0.1 | Lạc 0.1
`);

/** Family names of the Khmer and Hoa communities of the delta, drawn for members of those ethnicities. */
export const ETHNIC_FAMILY_NAMES: Readonly<Record<'Khmer' | 'Hoa', readonly WeightedName[]>> = {
  Khmer: weighted('Thạch 30 | Danh 20 | Sơn 15 | Kim 10 | Lâm 8 | Châu 7 | Nguyễn 10'),
  Hoa: weighted(
    'Lâm 15 | Trương 12 | Lý 12 | Quách 10 | Huỳnh 10 | Tăng 8 | Mã 6 | Diệp 6 | Lưu 6 | Trần 15',
  ),
};

/** "Văn" and "Thị" fade with the generations; an empty middle name is an older southern habit. */
export const MIDDLE_NAMES: Readonly<Record<NameGender, readonly CohortWeightedName[]>> = {
  male: byCohort(`
    Văn 70 50 22 | Hữu 5 6 5 | Thanh 5 7 7 | Minh 3 6 12 | Quốc 3 5 8 | Tấn 4 5 4 | Hoàng 1 3 7
    Công 2 3 4 | Ngọc 2 3 3 | Đức 1 2 3 | Thành 2 3 4 | Phước 1 2 2 | Trung 1 2 3 | Chí 1 2 3
    Duy 0.5 1 4 | Gia 0.2 1 5 | Anh 0.5 1 4 | Bảo 0.2 0.5 5 | Nhựt 1 1.5 1 | Hồng 1 1 0.5
    Kim 1 1 0.5 | Thái 0.5 1 1 | Tuấn 0.3 1 2 | Đăng 0.2 0.5 2 | Phúc 0.2 0.5 2 | Trọng 0.5 1 1.5
    Tiến 0.3 1 1 | Xuân 1 1 0.5 | Vĩnh 0.5 1 1 | Thế 0.5 1 1 | Khắc 0.3 0.5 0.3 | 1.5 0.5 0.1
  `),
  female: byCohort(`
    Thị 70 55 25 | Ngọc 4 6 10 | Thanh 3 4 5 | Kim 4 5 4 | Thu 2 3 3 | Mỹ 2 3 5 | Hồng 2 3 3
    Bích 1 2 2 | Thúy 1 2 2 | Phương 0.5 1 4 | Diễm 0.5 1 2 | Cẩm 1 1.5 1 | Tuyết 1 1 0.5
    Kiều 0.5 1 1.5 | Hoàng 0.2 1 3 | Bảo 0.1 0.5 4 | Khánh 0.1 0.5 3 | Minh 0.3 1 3 | Gia 0.1 0.3 3
    Yến 0.5 1 1 | Huỳnh 0.2 0.5 1 | Như 0.2 1 2 | Thị Ngọc 2 4 2 | Thị Kim 2 3 1 | Thị Thanh 2 3 1
    Thị Mỹ 1 2 1.5 | Thị Thu 1.5 2 1 | Thị Hồng 1 1.5 1 | Thị Bích 1 1.5 0.5 | Thị Cẩm 1 1.5 0.5
  `),
};

export const GIVEN_NAMES: Readonly<Record<NameGender, readonly CohortWeightedName[]>> = {
  male: byCohort(`
    An 3 3 4 | Anh 4 6 6 | Ân 1 1 1 | Bảo 1 2 7 | Bé 2 1 0.3 | Bình 5 4 2 | Bửu 1 0.5 0.2
    Cảnh 1 1 0.5 | Chánh 2 1 0.3 | Châu 1 1 1 | Chí 1 1 1 | Chiến 3 2 0.5 | Chính 2 1 0.5
    Công 2 2 1 | Cường 3 5 3 | Danh 1 1 1 | Dân 1 0.5 0.2 | Dũng 4 5 3 | Duy 1 2 5 | Dương 1 1 2
    Dự 1 0.3 0.1 | Đạo 1 0.5 0.2 | Đạt 1 3 6 | Điền 1 1 0.5 | Định 2 1 0.5 | Đời 1 0.3 0.1
    Đông 2 2 1 | Đủ 1 0.3 0.1 | Đức 3 3 3 | Được 1 0.5 0.1 | Em 2 1 0.3 | Giang 1 1 2 | Giàu 1 0.5 0.2
    Hải 3 4 4 | Hào 1 1 2 | Hậu 2 2 2 | Hên 1 0.3 0.1 | Hiền 2 2 1 | Hiển 1 1 1 | Hiếu 1 3 5
    Hiệp 1 2 2 | Hòa 4 3 1 | Hoài 1 1 1 | Hoàng 1 2 4 | Học 1 0.5 0.1 | Hùng 5 5 3 | Huy 1 3 6
    Hưng 3 3 3 | Hữu 1 1 0.5 | Kha 0.3 0.5 1 | Khải 1 1 2 | Khang 0.2 1 5 | Khanh 1 1 1
    Khánh 1 2 3 | Khiêm 0.5 1 1 | Khoa 0.3 1 4 | Khôi 0.1 0.5 4 | Khương 0.5 1 1 | Kiên 1 2 2
    Kiệt 0.2 1 4 | Lai 1 0.5 0.2 | Lâm 1 2 2 | Lân 1 1 1 | Lành 1 0.5 0.1 | Lễ 1 0.5 0.1
    Liêm 1 1 0.3 | Linh 1 1 1 | Lộc 2 3 3 | Lợi 3 2 1 | Long 3 4 4 | Luân 1 1 1 | Lực 1 1 0.5
    Lượng 1 0.5 0.3 | Mạnh 1 2 2 | Mến 1 0.5 0.1 | Minh 4 5 5 | Mười 2 0.5 0.1 | Năm 2 0.5 0.1
    Nam 3 4 4 | Nghĩa 3 3 2 | Nguyên 1 2 3 | Nhân 2 3 3 | Nhật 0.5 1 3 | Nhựt 1 2 1 | Ninh 1 1 0.3
    Phát 1 2 4 | Phi 1 1 1 | Phong 1 3 4 | Phú 3 3 2 | Phúc 1 2 4 | Phụng 1 0.5 0.2 | Phước 3 3 2
    Phương 1 1 0.5 | Quang 3 3 3 | Quân 0.5 2 5 | Quý 2 1 1 | Quốc 1 2 3 | Quyền 1 1 0.5
    Sang 1 2 3 | Sáu 2 0.5 0.1 | Sĩ 1 0.5 0.3 | Sơn 3 4 3 | Tài 2 3 4 | Tâm 2 3 2 | Tân 2 2 1
    Tấn 1 1 1 | Thái 1 2 2 | Thạnh 2 1 0.5 | Thanh 3 3 1 | Thành 4 4 3 | Thắng 3 3 2 | Thiện 1 2 3
    Thịnh 1 2 3 | Thông 2 2 1 | Thuận 2 2 2 | Thuần 1 0.5 0.3 | Thức 1 1 0.5 | Tiến 2 3 3
    Tiền 1 0.5 0.1 | Tín 1 2 3 | Tính 1 1 0.5 | Toàn 2 3 3 | Toản 1 1 0.3 | Trí 1 2 4 | Triều 1 1 1
    Trọng 1 2 2 | Trung 3 3 3 | Trực 1 0.5 0.3 | Trường 1 2 3 | Tú 1 2 3 | Tuấn 2 5 5 | Tùng 1 2 3
    Tư 3 0.5 0.1 | Tường 1 1 1 | Út 3 1 0.3 | Việt 1 2 3 | Vinh 3 3 2 | Vũ 0.5 2 4 | Vương 0.5 1 2
    Xuân 2 1 0.5 | Ý 1 0.5 0.3
  `),
  female: byCohort(`
    An 1 2 4 | Anh 2 4 6 | Ánh 2 3 3 | Ba 2 0.3 0.1 | Bảy 2 0.5 0.1 | Băng 0.3 1 2 | Bích 2 2 1
    Bông 2 0.5 0.1 | Cẩm 1 1 1 | Châu 1 2 3 | Chi 0.5 1 4 | Chín 1 0.3 0.1 | Cúc 3 1 0.2
    Diễm 1 3 3 | Diệu 0.5 1 2 | Dung 3 4 2 | Duyên 1 3 4 | Dương 0.5 1 2 | Đào 3 2 0.5 | Đẹp 1 0.3 0.1
    Điệp 1 1 0.5 | Em 3 2 0.5 | Gấm 2 1 0.2 | Giang 1 2 3 | Giàu 1 0.3 0.1 | Hà 2 3 3 | Hạ 0.2 1 3
    Hạnh 3 4 2 | Hảo 2 1 0.3 | Hằng 2 4 3 | Hân 0.3 1 5 | Hậu 2 2 1 | Hiền 3 3 2 | Hoa 5 4 2
    Hoài 1 1 1 | Hồng 5 4 1 | Huệ 3 2 0.5 | Hương 4 5 3 | Huyền 1 3 4 | Hường 2 2 0.5 | Khánh 0.2 1 3
    Khuê 0.3 0.5 2 | Kiều 2 2 1 | Kim 1 2 1 | Lài 2 0.5 0.1 | Lam 0.3 1 2 | Lan 5 4 2 | Lành 1 0.5 0.1
    Lắm 1 0.3 0.1 | Lệ 2 2 0.5 | Liên 3 3 1 | Liễu 2 1 0.3 | Linh 1 3 6 | Loan 3 3 1 | Lụa 2 0.5 0.1
    Lựu 1 0.3 0.1 | Ly 0.5 1 3 | Lý 1 1 0.5 | Mai 3 4 3 | Mận 2 0.5 0.1 | Mến 2 1 0.2 | Mơ 1 1 0.5
    Mười 2 0.5 0.1 | My 0.5 2 5 | Mỹ 2 2 2 | Nga 3 4 2 | Ngà 1 1 0.5 | Ngân 1 3 5 | Ngoan 1 0.5 0.2
    Ngọc 3 4 4 | Nguyệt 2 2 1 | Nhàn 2 2 0.5 | Nhi 0.3 2 7 | Nhiên 0.1 0.5 3 | Như 0.5 2 4
    Nhung 2 4 3 | Nương 2 0.5 0.1 | Oanh 2 3 2 | Phúc 0.5 1 2 | Phụng 1 1 0.5 | Phượng 3 3 1
    Phương 2 3 4 | Quế 1 1 0.5 | Quyên 1 2 3 | Quỳnh 1 2 4 | Sa 0.3 0.5 1 | Sen 2 1 0.3 | Sương 2 2 1
    Tám 2 0.5 0.1 | Tâm 2 3 2 | Thảo 2 4 5 | Thắm 2 2 1 | Thanh 3 2 1 | Thi 0.5 1 2 | Thoa 2 2 0.5
    Thơ 1 2 2 | Thu 3 3 1 | Thùy 1 2 2 | Thủy 3 4 2 | Thúy 3 3 1 | Thư 0.5 2 5 | Thương 2 2 2
    Tiên 1 2 4 | Trang 1 4 6 | Trâm 1 2 4 | Trân 0.3 1 3 | Trinh 1 3 3 | Trúc 1 2 3 | Tú 1 1 2
    Tuyền 1 2 2 | Tuyết 3 3 1 | Tươi 2 1 0.2 | Út 3 1 0.3 | Uyên 0.5 2 5 | Vàng 1 0.3 0.1
    Vân 3 3 2 | Vui 1 0.5 0.2 | Vy 0.2 1 7 | Xinh 1 0.5 0.2 | Xuân 3 2 1 | Yên 0.5 1 1 | Yến 3 4 3
  `),
};

/** The mix of birth cohorts among members, for word shares that do not know who is searched for. */
const COHORT_MIX = [0.3, 0.45, 0.25] as const;

/** A word no table knows: as rare as a name gets, so it is the one to search by. */
const UNKNOWN_WORD_SHARE = 0.0001;

let wordShares: ReadonlyMap<string, number> | undefined;

/**
 * The estimated share of people whose full name has a word starting with `foldedWord` (folded
 * as by foldVietnamese): "nguyen" ≈ 0.39, "ng" more, "quynh" ≈ 0.01.
 */
export function estimatedWordShare(foldedWord: string): number {
  wordShares ??= computeWordShares();
  if (foldedWord === '') return 1;
  let share = 0;
  for (const [word, wordShare] of wordShares) if (word.startsWith(foldedWord)) share += wordShare;
  return share === 0 ? UNKNOWN_WORD_SHARE : Math.min(1, share);
}

/** Whether a folded word is one of the names these tables know ("huong", "thanh"). */
export function isKnownNameWord(foldedWord: string): boolean {
  wordShares ??= computeWordShares();
  return wordShares.has(foldedWord);
}

/**
 * Summing over family, middle and given names counts a name such as "Nguyễn Nguyên" twice: a
 * small overestimate for the few words that are common in two parts.
 */
function computeWordShares(): Map<string, number> {
  const shares = new Map<string, number>();
  const add = (name: string, share: number) => {
    for (const word of new Set(foldVietnamese(name).split(' ')))
      shares.set(word, (shares.get(word) ?? 0) + share);
  };
  const familyTotal = total(FAMILY_NAMES.map((n) => n.weight));
  for (const { name, weight } of FAMILY_NAMES) add(name, weight / familyTotal);
  for (const gender of ['male', 'female'] as const) {
    for (const table of [MIDDLE_NAMES[gender], GIVEN_NAMES[gender]]) {
      for (const cohort of [0, 1, 2] as const) {
        const cohortTotal = total(table.map((n) => n.weights[cohort]));
        const scale = 0.5 * COHORT_MIX[cohort];
        for (const { name, weights } of table)
          if (name !== '') add(name, (scale * weights[cohort]) / cohortTotal);
      }
    }
  }
  return shares;
}

function total(weights: readonly number[]): number {
  return weights.reduce((sum, weight) => sum + weight, 0);
}

/** "Nguyễn 38.4 | Trần 11": tables kept dense enough to read as tables. */
function weighted(table: string): WeightedName[] {
  return entries(table).map(({ name, numbers }) => ({ name, weight: numbers[0] ?? 0 }));
}

/** "Văn 70 50 22 | 1.5 0.5 0.1": a name, possibly empty or of two words, and its cohort weights. */
function byCohort(table: string): CohortWeightedName[] {
  return entries(table).map(({ name, numbers }) => ({
    name,
    weights: [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0],
  }));
}

function entries(table: string): { name: string; numbers: number[] }[] {
  return table
    .split(/[|\n]/)
    .map((entry) => entry.trim().split(/\s+/))
    .filter((tokens) => tokens.length > 0 && tokens[0] !== '')
    .map((tokens) => ({
      name: tokens.filter((t) => !/^[\d.]+$/.test(t)).join(' '),
      numbers: tokens.filter((t) => /^[\d.]+$/.test(t)).map(Number),
    }));
}
