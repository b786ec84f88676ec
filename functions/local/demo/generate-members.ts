/**
 * Plausible members of a Đồng Tháp organization, for the demo seed (a few thousand) and the
 * benchmark (the article's 531,467). Deterministic: a seeded generator, never Math.random, so a
 * run can be repeated and a failure reproduced. Streaming: members are yielded one at a time.
 *
 * The shares below are plausible rather than measured: ages fitting each organization's rule,
 * names from the frequency tables, ethnicity and religion as in the Mekong Delta, a few members
 * away, lapsed, transferred, struck off or deceased, and Youth Union members coming of age.
 */
import { ageOn } from '#shared/domain/members/eligibility.ts';
import {
  type BirthProvinceCode,
  composeNationalId,
  type NationalIdPerson,
} from '#shared/domain/national-id.ts';
import {
  type BirthCohort,
  birthCohort,
  type CohortWeightedName,
  ETHNIC_FAMILY_NAMES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  MIDDLE_NAMES,
  type NameGender,
  type WeightedName,
} from '#shared/domain/vietnamese-names.ts';

export type GeneratedStatus =
  | 'away'
  | 'lapsed'
  | 'active'
  | 'transferred_out'
  | 'removed'
  | 'deceased'
  | 'graduated';

export interface GeneratedStatusChange {
  status: GeneratedStatus;
  effectiveDate: string;
  reason: string;
  awayPlace?: string;
}

/** What an officer enters to admit the member, plus what happened to them since. */
export interface GeneratedMember {
  fullName: string;
  gender: NameGender;
  birthDate: string;
  nationalId: string;
  phone: string | null;
  ethnicity: string | null;
  religion: string | null;
  education: string | null;
  occupation: string | null;
  address: string | null;
  branchId: string;
  joinedAt: string;
  cardNumber: string | null;
  partyMember: boolean;
  notes: string | null;
  veteranService: { enlistedOn: string; dischargedOn: string; unit: string | null } | null;
  /** Status changes after admission, oldest first; the last one is the current status. */
  history: GeneratedStatusChange[];
}

export type GeneratorOrganization = 'farmers' | 'women' | 'veterans' | 'youth';
type BranchKind = 'residential' | 'professional' | 'agency';

export interface GeneratorBranch {
  readonly id: string;
  readonly unitId: string;
  readonly kind: BranchKind;
  /** Where its members live, for their addresses: "ấp Tân Hòa, xã Tân Hòa". Made up when absent. */
  readonly place?: string;
}

export interface GenerateMembersOptions {
  readonly organization: GeneratorOrganization;
  readonly branches: readonly GeneratorBranch[];
  readonly count: number;
  readonly seed: number;
  /** YYYY-MM-DD: no one is born, admitted or changes status after it. */
  readonly today: string;
  /** "Tỉnh Đồng Tháp", the end of every address. */
  readonly provinceName: string;
}

type Random = () => number;

/** sfc32 (Chris Doty-Humphrey's small fast counting generator): fast, and good enough for 2^32 draws. */
function sfc32(seed: number, stream: number): Random {
  let a = 0x9e3779b9;
  let b = seed >>> 0;
  let c = Math.imul(stream + 1, 0x85ebca6b) >>> 0;
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i += 1) next();
  return next;
}

class Picker<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (const [i, weight] of weights.entries()) {
      sum += weight;
      this.cumulative[i] = sum;
    }
    this.total = sum;
  }

  pick(random: Random): T {
    const x = random() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.cumulative[middle] as number) > x) high = middle;
      else low = middle + 1;
    }
    return this.items[low] as T;
  }
}

/** "Không 62 | Phật giáo 17": each entry's last word is its weight. */
function choices(table: string): Picker<string> {
  const entries = table
    .split(/[|\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const cut = entry.lastIndexOf(' ');
      return { value: entry.slice(0, cut), weight: Number(entry.slice(cut + 1)) };
    });
  return new Picker(
    entries.map((e) => e.value),
    entries.map((e) => e.weight),
  );
}

const DAY_MS = 86_400_000;

function dayOf(isoDate: string): number {
  return anniversary(isoDate, 0);
}

/** Formatting a Date is most of the generator's time, and a run only meets a few tens of thousands of days. */
const ISO_DATES = new Map<number, string>();

function isoOf(day: number): string {
  let iso = ISO_DATES.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    ISO_DATES.set(day, iso);
  }
  return iso;
}

/** The day someone born on `isoDate` turns `years` (29 February: 1 March in other years). */
function anniversary(isoDate: string, years: number): number {
  const year = Number(isoDate.slice(0, 4)) + years;
  return Date.UTC(year, Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / DAY_MS;
}

interface Profile {
  readonly femaleShare: number;
  readonly minAge: number;
  /** Age today in years. */
  readonly age: (random: Random) => number;
  readonly branchKinds: Readonly<Record<BranchKind, number>>;
  /** The organization did not admit anyone before this day (the Veterans' Association dates from 1989). */
  readonly admittedFrom: string;
  readonly partyShare: number;
  readonly noPhoneShare: number;
  readonly shares: Readonly<Record<'away' | 'lapsed' | 'transferred_out' | 'removed' | 'deceased', number>>;
  readonly occupations: Picker<string>;
  readonly notes: Picker<string>;
}

/** Most of a span, weighted to its middle: the sum of two uniform draws. */
const around = (random: Random, from: number, to: number) => from + ((to - from) * (random() + random())) / 2;
const between = (random: Random, from: number, to: number) => from + (to - from) * random();
/**
 * Ages in three bands: the young from `from` to `middle` (a share `cuts[0]`), most from `middle`
 * to `old`, weighted to its middle, and the rest from `old` to `to` (above the share `cuts[1]`).
 */
const ageBands =
  ([from, middle, old, to]: readonly [number, number, number, number], cuts: readonly [number, number]) =>
  (r: Random) => {
    const x = r();
    return x < cuts[0]
      ? between(r, from, middle)
      : x < cuts[1]
        ? around(r, middle, old)
        : between(r, old, to);
  };

const PROFILES: Record<GeneratorOrganization, Profile> = {
  farmers: {
    femaleShare: 0.35,
    minAge: 18,
    age: ageBands([18, 30, 70, 88], [0.07, 0.9]),
    branchKinds: { residential: 85, professional: 15, agency: 0 },
    admittedFrom: '1988-03-01',
    partyShare: 0.07,
    noPhoneShare: 0.12,
    shares: { away: 0.06, lapsed: 0.015, transferred_out: 0.01, removed: 0.006, deceased: 0.012 },
    occupations: choices(`Trồng lúa 35 | Trồng cây ăn trái 18 | Nuôi thủy sản 10 | Chăn nuôi 8 | Nuôi vịt 3
      Trồng rau màu 8 | Trồng hoa kiểng 3 | Buôn bán 6 | Làm thuê 6 | Dịch vụ nông nghiệp 3`),
    notes: choices(`Hộ nghèo 3 | Hộ cận nghèo 4 | Nông dân sản xuất, kinh doanh giỏi cấp huyện 3
      Nông dân sản xuất, kinh doanh giỏi cấp tỉnh 1 | Thành viên tổ hợp tác 4 | Thành viên Hội quán 3`),
  },
  women: {
    femaleShare: 1,
    minAge: 18,
    age: ageBands([18, 30, 65, 85], [0.15, 0.85]),
    branchKinds: { residential: 95, professional: 5, agency: 0 },
    admittedFrom: '1976-01-01',
    partyShare: 0.05,
    noPhoneShare: 0.08,
    shares: { away: 0.07, lapsed: 0.015, transferred_out: 0.012, removed: 0.006, deceased: 0.008 },
    occupations: choices(`Nội trợ 20 | Trồng lúa 18 | Làm vườn 12 | Buôn bán 18 | Công nhân 10 | Làm thuê 7
      Thợ may 4 | Giáo viên 4 | Cán bộ, công chức 3 | Hưu trí 4`),
    notes: choices(`Hộ nghèo 3 | Hộ cận nghèo 4 | Phụ nữ đơn thân 2 | Thành viên tổ tiết kiệm 5
      Thành viên tổ phụ nữ tự quản 3`),
  },
  veterans: {
    femaleShare: 0.04,
    minAge: 18,
    age: ageBands([35, 45, 80, 92], [0.1, 0.9]),
    branchKinds: { residential: 95, professional: 5, agency: 0 },
    admittedFrom: '1989-12-06',
    partyShare: 0.4,
    noPhoneShare: 0.15,
    shares: { away: 0.02, lapsed: 0.005, transferred_out: 0.005, removed: 0.003, deceased: 0.03 },
    occupations: choices(`Trồng lúa 30 | Làm vườn 15 | Hưu trí 25 | Buôn bán 10 | Làm thuê 5 | Bảo vệ 5
      Cán bộ, công chức 5 | Kinh doanh 5`),
    notes: choices(`Thương binh 3 | Bệnh binh 2 | Nhiễm chất độc da cam/dioxin 2 | Cựu chiến binh gương mẫu 4
      Hộ cận nghèo 2`),
  },
  youth: {
    femaleShare: 0.5,
    minAge: 16,
    age: (r) => (r() < 0.9 ? between(r, 16, 31) : between(r, 30, 35)),
    branchKinds: { residential: 85, professional: 5, agency: 10 },
    admittedFrom: '1931-03-26',
    partyShare: 0.02,
    noPhoneShare: 0.03,
    shares: { away: 0.15, lapsed: 0.04, transferred_out: 0.02, removed: 0.01, deceased: 0.003 },
    occupations: choices(`Công nhân 20 | Trồng lúa 12 | Làm vườn 6 | Lao động tự do 15 | Buôn bán 8
      Công chức, viên chức 5 | Giáo viên 3 | Nhân viên văn phòng 4 | Thợ hồ 4 | Thợ điện 3`),
    notes:
      choices(`Đoàn viên tiêu biểu 4 | Đội viên thanh niên tình nguyện 3 | Thành viên câu lạc bộ khởi nghiệp 2
      Thanh niên xung kích 3`),
  },
};

const ETHNICITIES = choices('Kinh 99.2 | Khmer 0.4 | Hoa 0.35 | Chăm 0.03 | Tày 0.02');
const RELIGIONS =
  choices(`Không 62 | Phật giáo 17 | Phật giáo Hòa Hảo 10 | Cao Đài 6 | Công giáo 4 | Tin Lành 0.6
  Tứ Ân Hiếu Nghĩa 0.2 | Bửu Sơn Kỳ Hương 0.2`);
const KHMER_RELIGIONS = choices('Phật giáo 90 | Không 10');
const HOA_RELIGIONS = choices('Phật giáo 50 | Không 40 | Công giáo 10');
const EDUCATION = [
  choices('5/12 45 | 9/12 30 | 12/12 18 | Trung cấp 4 | Đại học 3'),
  choices('5/12 15 | 9/12 35 | 12/12 35 | Trung cấp 6 | Cao đẳng 4 | Đại học 5'),
  choices('9/12 15 | 12/12 50 | Trung cấp 8 | Cao đẳng 10 | Đại học 16 | Thạc sĩ 1'),
] as const;

/** Numbers are issued by the province where the birth was registered: mostly the two merged ones. */
const BIRTH_PROVINCES = choices(
  '087 47 | 082 46 | 079 2 | 089 1.5 | 086 1 | 083 1 | 080 1 | 092 0.5',
) as Picker<BirthProvinceCode>;

/** Viettel, VinaPhone, MobiFone, then the small networks: 10 digits with the 2018 prefixes. */
const PHONE_PREFIXES =
  choices(`032 6 | 033 6 | 034 6 | 035 6 | 036 6 | 037 6 | 038 6 | 039 6 | 086 4 | 096 6 | 097 6
  098 6 | 081 3 | 082 3 | 083 3 | 084 3 | 085 3 | 088 3 | 091 4 | 094 4 | 070 3 | 076 2 | 077 2 | 078 2
  079 2 | 089 3 | 090 4 | 093 4 | 056 1 | 058 1 | 092 1 | 059 0.5 | 099 0.5`);

/** Bình Dương, Long An and the others merged on 1 July 2025: a place is written as it was then. */
const REORGANIZED_ON = '2025-07-01';
const AWAY_PLACES_BEFORE = choices(`TP. Hồ Chí Minh 35 | Bình Dương 25 | Đồng Nai 8 | Long An 6 | Cần Thơ 5
  Bà Rịa - Vũng Tàu 3 | An Giang 3 | Tây Ninh 2 | Kiên Giang 2 | Hà Nội 2 | Nhật Bản 3 | Hàn Quốc 2 | Đài Loan 3`);
const AWAY_PLACES_AFTER =
  choices(`TP. Hồ Chí Minh 60 | Đồng Nai 8 | Tây Ninh 8 | TP. Cần Thơ 5 | An Giang 5 | Hà Nội 2
  Vĩnh Long 2 | Nhật Bản 4 | Hàn Quốc 3 | Đài Loan 3`);

const WAR_UNITS =
  choices(`Tiểu đoàn 502 3 | Tiểu đoàn 514 3 | Trung đoàn 1 Đồng Tháp 2 | Sư đoàn 8 2 | Sư đoàn 9 2
  Sư đoàn 330 2 | Quân khu 9 2 | Bộ đội địa phương tỉnh Kiến Phong 1`);
const PEACE_UNITS =
  choices(`Sư đoàn 330, Quân khu 9 3 | Sư đoàn 4, Quân khu 9 3 | Bộ Chỉ huy Quân sự tỉnh Đồng Tháp 3
  Bộ Chỉ huy Quân sự tỉnh Tiền Giang 3 | Bộ đội Biên phòng tỉnh Đồng Tháp 2 | Quân đoàn 4 2 | Vùng 5 Hải quân 1`);

const HAMLET_WORDS = 'An Bình Hòa Phú Tân Thạnh Long Mỹ Hưng Lợi Thuận Đông'.split(' ');
const ORGANIZATION_INDEX: Record<GeneratorOrganization, number> = {
  farmers: 0,
  women: 1,
  veterans: 2,
  youth: 3,
};
/** Each organization has its own quarter of the serials: the four organizations' runs never share a number. */
const SERIALS_PER_ORGANIZATION = 250_000;

export function* generateMembers(options: GenerateMembersOptions): Generator<GeneratedMember> {
  const { organization, count, today } = options;
  if (options.branches.length === 0) throw new RangeError('Members need at least one branch');
  const profile = PROFILES[organization];
  const random = sfc32(options.seed, ORGANIZATION_INDEX[organization]);
  const todayDay = dayOf(today);
  const province = options.provinceName.replace(/^(Tỉnh|Thành phố) /, (w) => w.toLowerCase());
  const branches = branchPicker(options.branches, profile, random);
  const nationalIds = nationalIdIssuer(organization, random);
  const cardOffset = Math.floor(random() * 1e9);

  for (let index = 0; index < count; index += 1) {
    const gender: NameGender = random() < profile.femaleShare ? 'female' : 'male';
    let birthDay = todayDay - Math.floor(profile.age(random) * 365.2425);
    // Years of 365.2425 days can fall a day short of a birthday: the organization's minimum age is a rule.
    while (ageOn(isoOf(birthDay), today) < profile.minAge) birthDay -= 1;
    const birthDate = isoOf(birthDay);
    const birthYear = Number(birthDate.slice(0, 4));
    const ethnicity = random() < 0.02 ? null : ETHNICITIES.pick(random);
    const veteranService = organization === 'veterans' ? serviceOf(birthDate, todayDay, random) : null;
    const joinedDay = joinedDayOf(organization, profile, birthDate, veteranService, todayDay, random);
    const branch = branches.pick(random);
    const ageToday = ageOn(birthDate, today);
    const joinedAt = isoOf(joinedDay);
    yield {
      fullName: fullNameOf(gender, birthCohort(birthYear), ethnicity, random),
      gender,
      birthDate,
      nationalId: nationalIds({ gender, birthDate }, BIRTH_PROVINCES.pick(random)),
      phone: random() < profile.noPhoneShare * (ageToday > 65 ? 2.5 : 1) ? null : phoneOf(random),
      ethnicity,
      religion: religionOf(ethnicity, random),
      education: educationOf(organization, birthYear, ageToday, random),
      occupation: occupationOf(organization, profile, ageToday, random),
      address: random() < 0.02 ? null : addressOf(branch.place, province, random),
      branchId: branch.id,
      joinedAt,
      cardNumber:
        todayDay - joinedDay < 180 && random() < 0.7
          ? null
          : String((index * 7919 + cardOffset) % 1e9).padStart(9, '0'),
      partyMember: ageToday >= 18 && random() < profile.partyShare,
      notes: random() < 0.05 ? profile.notes.pick(random) : null,
      veteranService: veteranService && {
        enlistedOn: isoOf(veteranService.enlistedDay),
        dischargedOn: isoOf(veteranService.dischargedDay),
        unit: veteranService.unit,
      },
      history: historyOf(organization, profile, birthDate, joinedDay, todayDay, ageToday, random),
    };
  }
}

interface Service {
  readonly enlistedDay: number;
  readonly dischargedDay: number;
  readonly unit: string | null;
}

const WAR_ENDED = dayOf('1975-04-30');
const BORDER_WAR_ENDED = dayOf('1989-09-26');
const BORDER_WAR_UNITS = choices(`Sư đoàn 330 3 | Sư đoàn 8 2 | Sư đoàn 4 2 | Mặt trận 479 3
  Quân tình nguyện Việt Nam tại Campuchia 3 | Bộ Chỉ huy Quân sự tỉnh Đồng Tháp 2`);

/** Enlisted at 18 to 22; long service in the wars, two to five years since, save career soldiers. */
function serviceOf(birthDate: string, todayDay: number, random: Random): Service {
  const enlistedDay = anniversary(birthDate, 18) + Math.floor(random() * 4 * 365);
  const years =
    enlistedDay < BORDER_WAR_ENDED
      ? between(random, 3, 12)
      : random() < 0.15
        ? between(random, 10, 25)
        : between(random, 2, 5);
  const dischargedDay = Math.max(
    enlistedDay + 365,
    Math.min(enlistedDay + Math.floor(years * 365.25), todayDay - 365),
  );
  const units =
    enlistedDay < WAR_ENDED ? WAR_UNITS : enlistedDay < BORDER_WAR_ENDED ? BORDER_WAR_UNITS : PEACE_UNITS;
  return { enlistedDay, dischargedDay, unit: random() < 0.1 ? null : units.pick(random) };
}

/**
 * Youth: admitted at 16 to 30, most while at school, often on 26 March (the Union's birthday).
 * Others: from 18, or after military service, and not before the organization admitted anyone.
 */
function joinedDayOf(
  organization: GeneratorOrganization,
  profile: Profile,
  birthDate: string,
  service: Service | null,
  todayDay: number,
  random: Random,
): number {
  if (organization === 'youth') {
    const earliest = anniversary(birthDate, 16);
    const latest = Math.min(anniversary(birthDate, 31) - 1, todayDay);
    const day = earliest + Math.floor((latest - earliest + 1) * random() ** 2.5);
    const unionBirthday = dayOf(`${isoOf(day).slice(0, 4)}-03-26`);
    return random() < 0.4 && unionBirthday >= earliest && unionBirthday <= latest ? unionBirthday : day;
  }
  const eligibleFrom = service ? service.dischargedDay + 30 : anniversary(birthDate, 18);
  const earliest = Math.min(Math.max(eligibleFrom, dayOf(profile.admittedFrom)), todayDay);
  return earliest + Math.floor((todayDay - earliest + 1) * random());
}

const cohortPickers = (table: readonly CohortWeightedName[]) =>
  ([0, 1, 2] as const).map(
    (cohort) =>
      new Picker(
        table.map((n) => n.name),
        table.map((n) => n.weights[cohort]),
      ),
  );
const weightedPicker = (table: readonly WeightedName[]) =>
  new Picker(
    table.map((n) => n.name),
    table.map((n) => n.weight),
  );

const FAMILY = weightedPicker(FAMILY_NAMES);
const ETHNIC_FAMILY = {
  Khmer: weightedPicker(ETHNIC_FAMILY_NAMES.Khmer),
  Hoa: weightedPicker(ETHNIC_FAMILY_NAMES.Hoa),
};
const MIDDLE = { male: cohortPickers(MIDDLE_NAMES.male), female: cohortPickers(MIDDLE_NAMES.female) };
const GIVEN = { male: cohortPickers(GIVEN_NAMES.male), female: cohortPickers(GIVEN_NAMES.female) };

function fullNameOf(
  gender: NameGender,
  cohort: BirthCohort,
  ethnicity: string | null,
  random: Random,
): string {
  const family = (ethnicity === 'Khmer' || ethnicity === 'Hoa' ? ETHNIC_FAMILY[ethnicity] : FAMILY).pick(
    random,
  );
  const middle = (MIDDLE[gender][cohort] as Picker<string>).pick(random);
  const givens = GIVEN[gender][cohort] as Picker<string>;
  let given = givens.pick(random);
  // "Trần Hoàng Hoàng" and "Lâm Văn Lâm" are not names parents give.
  const lastMiddle = middle.slice(middle.lastIndexOf(' ') + 1);
  for (let tries = 0; tries < 5 && (given === lastMiddle || given === family); tries += 1)
    given = givens.pick(random);
  return [family, middle, given].filter((part) => part !== '').join(' ');
}

function religionOf(ethnicity: string | null, random: Random): string | null {
  if (random() < 0.02) return null;
  const religions = ethnicity === 'Khmer' ? KHMER_RELIGIONS : ethnicity === 'Hoa' ? HOA_RELIGIONS : RELIGIONS;
  return religions.pick(random);
}

function educationOf(
  organization: GeneratorOrganization,
  birthYear: number,
  ageToday: number,
  random: Random,
): string | null {
  if (random() < 0.05) return null;
  if (organization === 'youth' && ageToday < 18) return `${ageToday - 6}/12`;
  return (EDUCATION[birthCohort(birthYear)] as Picker<string>).pick(random);
}

function occupationOf(
  organization: GeneratorOrganization,
  profile: Profile,
  ageToday: number,
  random: Random,
): string | null {
  if (random() < 0.05) return null;
  if (organization === 'youth' && ageToday < 18) return 'Học sinh';
  if (organization === 'youth' && ageToday <= 22 && random() < 0.45) return 'Sinh viên';
  if (ageToday >= 62 && random() < 0.4) return 'Hưu trí';
  return profile.occupations.pick(random);
}

function phoneOf(random: Random): string {
  return PHONE_PREFIXES.pick(random) + String(Math.floor(random() * 1e7)).padStart(7, '0');
}

function addressOf(place: string, province: string, random: Random): string {
  const first =
    random() < 0.85 ? `Số ${1 + Math.floor(random() * 300)}` : `Tổ ${1 + Math.floor(random() * 12)}`;
  return `${first}, ${place}, ${province}`;
}

function branchPicker(
  branches: readonly GeneratorBranch[],
  profile: Profile,
  random: Random,
): Picker<{ id: string; place: string }> {
  const perKind = new Map<BranchKind, number>();
  for (const branch of branches) perKind.set(branch.kind, (perKind.get(branch.kind) ?? 0) + 1);
  const hasWeight = branches.some((branch) => profile.branchKinds[branch.kind] > 0);
  // Hamlets differ in size: each branch gets a size factor, so counts per branch are uneven.
  const weights = branches.map(
    (branch) =>
      (hasWeight ? profile.branchKinds[branch.kind] / (perKind.get(branch.kind) ?? 1) : 1) *
      between(random, 0.5, 1.5),
  );
  const items = branches.map((branch) => ({ id: branch.id, place: branch.place ?? madeUpPlace(random) }));
  return new Picker(items, weights);
}

function madeUpPlace(random: Random): string {
  const first = Math.floor(random() * HAMLET_WORDS.length);
  const second = (first + 1 + Math.floor(random() * (HAMLET_WORDS.length - 1))) % HAMLET_WORDS.length;
  return `ấp ${HAMLET_WORDS[first]} ${HAMLET_WORDS[second]}`;
}

function nationalIdIssuer(organization: GeneratorOrganization, random: Random) {
  const buckets = new Map<string, { issued: number; start: number }>();
  const base = ORGANIZATION_INDEX[organization] * SERIALS_PER_ORGANIZATION;
  return (person: NationalIdPerson, province: BirthProvinceCode): string => {
    const key = `${province}${person.gender}${person.birthDate.slice(0, 4)}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { issued: 0, start: Math.floor(random() * SERIALS_PER_ORGANIZATION) };
      buckets.set(key, bucket);
    }
    if (bucket.issued >= SERIALS_PER_ORGANIZATION) throw new RangeError(`No serial left for ${key}`);
    // A multiplier prime to the range permutes it: serials look scattered yet never repeat.
    const serial = base + ((bucket.issued * 7919 + bucket.start) % SERIALS_PER_ORGANIZATION);
    bucket.issued += 1;
    return composeNationalId(person, province, String(serial).padStart(6, '0'));
  };
}

const FINAL_STATUSES = ['away', 'lapsed', 'transferred_out', 'removed', 'deceased'] as const;
const ENDS_MEMBERSHIP = new Set<GeneratedStatus>(['transferred_out', 'removed', 'deceased', 'graduated']);
const REORGANIZED_DAY = dayOf(REORGANIZED_ON);

/**
 * The current status, then what may have led to it (away then back, lapsed then struck off),
 * dated in order between admission and today. Youth members past 30 mostly come of age.
 */
function historyOf(
  organization: GeneratorOrganization,
  profile: Profile,
  birthDate: string,
  joinedDay: number,
  todayDay: number,
  ageToday: number,
  random: Random,
): GeneratedStatusChange[] {
  let current: GeneratedStatus = 'active';
  let lastDay = todayDay;
  let fixedLast = false;
  if (organization === 'youth' && ageToday >= 30 && random() < 0.85) {
    const comingOfAge = Math.max(anniversary(birthDate, 30) + Math.floor(random() * 90), joinedDay + 1);
    if (comingOfAge <= todayDay) [current, lastDay, fixedLast] = ['graduated', comingOfAge, true];
  }
  if (current === 'active') current = drawStatus(profile, ageToday, random);
  let statuses = [...leadUpTo(current, random), current];
  if (statuses.length === 1 && current === 'active') return [];
  const free = (fixedLast ? lastDay - 1 : lastDay) - joinedDay;
  const undated = () => statuses.length - (fixedLast ? 1 : 0);
  // Admitted too recently for what led to the status, or for any change at all.
  if (free < undated()) statuses = current === 'active' ? [] : [current];
  if (free < undated()) return [];
  const days = distinctDays(joinedDay, free, undated(), random);
  if (fixedLast) days.push(lastDay);
  return statuses.map((status, i) => statusChange(organization, status, days[i] as number, random));
}

function drawStatus(profile: Profile, ageToday: number, random: Random): GeneratedStatus {
  const mortality = ageToday > 70 ? 3 : ageToday > 55 ? 1 : 0.3;
  let x = random();
  for (const status of FINAL_STATUSES) {
    x -= profile.shares[status] * (status === 'deceased' ? mortality : 1);
    if (x < 0) return status;
  }
  return 'active';
}

function leadUpTo(status: GeneratedStatus, random: Random): GeneratedStatus[] {
  const x = random();
  if (status === 'active') return x < 0.06 ? ['away'] : x < 0.075 ? ['lapsed'] : [];
  if (status === 'away') return x < 0.15 ? ['away', 'active'] : [];
  if (status === 'lapsed') return x < 0.3 ? ['away'] : [];
  if (status === 'removed') return x < 0.6 ? ['lapsed'] : [];
  return ENDS_MEMBERSHIP.has(status) && x < 0.05 ? ['away', 'active'] : [];
}

/** `count` distinct days after `from`, at most `room` days later, in order. */
function distinctDays(from: number, room: number, count: number, random: Random): number[] {
  const days = new Set<number>();
  while (days.size < count) days.add(from + 1 + Math.floor(random() * room));
  return [...days].sort((a, b) => a - b);
}

const AWAY_REASONS = ['Đi làm ăn xa', 'Đi làm công nhân', 'Đi làm thuê'];
const ABROAD = new Set(['Nhật Bản', 'Hàn Quốc', 'Đài Loan']);

function statusChange(
  organization: GeneratorOrganization,
  status: GeneratedStatus,
  day: number,
  random: Random,
): GeneratedStatusChange {
  const effectiveDate = isoOf(day);
  const youth = organization === 'youth';
  switch (status) {
    case 'away': {
      const awayPlace = (day >= REORGANIZED_DAY ? AWAY_PLACES_AFTER : AWAY_PLACES_BEFORE).pick(random);
      const reason = ABROAD.has(awayPlace)
        ? 'Đi xuất khẩu lao động'
        : youth && random() < 0.3
          ? 'Đi học'
          : (AWAY_REASONS[Math.floor(random() * AWAY_REASONS.length)] as string);
      return { status, effectiveDate, reason, awayPlace };
    }
    case 'lapsed':
      return {
        status,
        effectiveDate,
        reason: youth
          ? 'Không sinh hoạt, không đóng đoàn phí 3 tháng không có lý do'
          : 'Bỏ sinh hoạt, không đóng hội phí',
      };
    case 'active':
      return { status, effectiveDate, reason: random() < 0.7 ? 'Trở về địa phương' : 'Sinh hoạt trở lại' };
    case 'transferred_out':
      return {
        status,
        effectiveDate,
        reason: random() < 0.6 ? 'Chuyển nơi cư trú' : 'Chuyển sinh hoạt theo nơi làm việc',
      };
    case 'removed':
      return {
        status,
        effectiveDate,
        reason:
          random() < 0.7
            ? youth
              ? 'Xóa tên khỏi danh sách đoàn viên'
              : 'Xóa tên do bỏ sinh hoạt'
            : `Tự nguyện xin ra khỏi ${youth ? 'Đoàn' : 'Hội'}`,
      };
    case 'deceased':
      return { status, effectiveDate, reason: 'Từ trần' };
    case 'graduated':
      return { status, effectiveDate, reason: 'Trưởng thành Đoàn' };
  }
}
