/**
 * The Front's overview and comparison as .xlsx, laid out as a report to the level above:
 * organizations as columns, units as rows (the unit itself last, as the total), Vietnamese
 * headers. Numbers stay numbers so the level above can add them up in Excel; their formats
 * (`#,##0`, `0.00%`) are shown with the reader's regional separators, which on a Vietnamese
 * computer read 531.467 and 58,64%. Shares that make a whole (members by status; gathered and
 * not yet gathered) are rounded so each row adds up to exactly 100 %.
 *
 * A count hidden to protect individuals shows as "*" (footnoted), and so does a share or a
 * coverage that would give one back; a day without figures as "–". Introductions to the Party and
 * admissions, members' ratings, branches' ratings and the review of members of the year have a
 * sheet each in each workbook, the same rows under the same groups.
 */

import { BRANCH_KINDS, type BranchKind } from '../../domain/branches.ts';
import { vietnamToday } from '../../domain/dates.ts';
import { MEMBER_RATING_LEVELS, type MemberRatingLevel } from '../../domain/members/member.ts';
import type { Organization } from '../../domain/organizations.ts';
import { RATING_LEVELS as BRANCH_RATING_LEVELS, type RatingLevel } from '../../domain/ratings/criteria.ts';
import { branchRatingShare } from './branch-ratings.ts';
import { percentagesAddingTo100 } from './format.ts';
import { ratingShare } from './member-ratings.ts';
import type {
  Change,
  CompareRow,
  Comparison,
  FiguresSourceInfo,
  FrontRow,
  OrganizationFigures,
  Overview,
  TotalFigures,
} from './schemas.ts';

const ORGANIZATION_NAMES: Record<Organization, string> = {
  farmers: 'Hội Nông dân',
  women: 'Hội Liên hiệp Phụ nữ',
  veterans: 'Hội Cựu chiến binh',
  youth: 'Đoàn Thanh niên',
};
const TOTAL_NAME = 'Tổng cộng';
const COUNT = '#,##0';
const SIGNED_COUNT = '+#,##0;-#,##0;0';
const PERCENT = '0.00%';
const POINTS = '+0.00;-0.00;0.00';
const SUPPRESSED_NOTE =
  '* Dưới 5 người ở cấp ấp, khóm, hoặc số liệu có thể dùng để suy ra số đó: không hiển thị để bảo vệ dữ liệu cá nhân (Luật 91/2025/QH15).';

const PARTY_SHEET = 'Giới thiệu, kết nạp Đảng';
const PARTY_INTRODUCED = 'Giới thiệu cho Đảng';
const PARTY_ADMITTED = 'Được kết nạp Đảng';
const PARTY_NOTE =
  'Giới thiệu cho Đảng: số lượt giới thiệu đoàn viên, hội viên ưu tú cho Đảng xem xét, kết nạp trong năm, không tính lượt đã rút; được kết nạp Đảng: số được kết nạp trong năm. Mỗi ngày tính từ đầu năm của ngày đó đến ngày đó.';

const RATINGS_SHEET = 'Xếp loại hội viên';
const RATING_LEVELS: Record<MemberRatingLevel, string> = {
  excellent: 'Hoàn thành xuất sắc nhiệm vụ',
  good: 'Hoàn thành tốt nhiệm vụ',
  fulfilled: 'Hoàn thành nhiệm vụ',
  not_fulfilled: 'Không hoàn thành nhiệm vụ',
};
const RATINGS_NOTE =
  'Đánh giá, xếp loại hội viên, đoàn viên của năm, tính cả người đã ra khỏi tổ chức sau khi được xếp loại. Tỷ lệ tính trên số được đánh giá, xếp loại; bốn tỷ lệ cộng lại đúng 100%.';

const BRANCH_RATINGS_SHEET = 'Xếp loại chi hội';
const BRANCH_LEVELS: Record<RatingLevel, string> = {
  strong: 'Vững mạnh',
  good: 'Khá',
  average: 'Trung bình',
  weak: 'Yếu kém',
};
const BRANCH_KIND_NAMES: Record<BranchKind, string> = {
  residential: 'chi hội khu dân cư',
  professional: 'chi hội nghề nghiệp',
  agency: 'chi hội cơ quan, đơn vị',
};
const BRANCH_RATINGS_NOTE =
  'Đánh giá, xếp loại chi hội, chi đoàn của năm: chỉ tính kết quả đã được cấp trên phê duyệt. Tỷ lệ tính trên số chi hội được xếp loại; bốn tỷ lệ cộng lại đúng 100%. Đạt chuẩn: số chi hội đạt tất cả tiêu chí bắt buộc của chuẩn, trên số chi hội được đánh giá theo bộ tiêu chí có chuẩn.';

const REVIEW_SHEET = 'Rà soát đoàn viên, hội viên';
const REVIEW_NOTE =
  'Rà soát, phân loại đoàn viên, hội viên của năm: cộng theo kết quả rà soát của từng chi hội, chi đoàn tại lần cập nhật cuối. Đã rà soát = có mặt + đi làm ăn xa + bỏ sinh hoạt; ra khỏi tổ chức: số được rà soát đưa ra khỏi danh sách.';

const viDate = (date: string) => date.split('-').reverse().join('/');

type Cell = number | string | null;
interface Column {
  readonly header: string;
  readonly format: string;
  readonly width?: number;
}

type Group<R> = {
  readonly name: string;
  readonly columns: readonly Column[];
  readonly cells: (row: R) => Cell[];
};

/** A value for a cell: hidden counts and missing days get their marks, absent targets stay blank. */
const shown = (value: number | null, hidden: boolean, missing: boolean): Cell =>
  missing ? '–' : value === null ? (hidden ? '*' : null) : value;

type Figures = OrganizationFigures | TotalFigures;
const isMissing = (f: Figures) => f.members.total === null && !f.suppressed;

async function newWorkbook() {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'doanthe';
  return workbook;
}
type Workbook = Awaited<ReturnType<typeof newWorkbook>>;
type Worksheet = ReturnType<Workbook['addWorksheet']>;

/** Title lines, a two-row header (groups over columns), the rows, the total row in bold, a footnote. */
function writeTable<R extends { name: string }>(
  sheet: Worksheet,
  titles: string[],
  groups: readonly Group<R>[],
  rows: readonly R[],
  total: R,
  notes: string[],
): void {
  const width = 2 + groups.reduce((n, g) => n + g.columns.length, 0);
  for (const title of titles) {
    const row = sheet.addRow([title]);
    sheet.mergeCells(row.number, 1, row.number, width);
    row.font = { bold: row.number === 1, size: row.number === 1 ? 13 : 11 };
    row.alignment = { horizontal: 'center' };
  }
  sheet.addRow([]);
  const groupRow = sheet.addRow(['STT', 'Đơn vị']);
  const headerRow = sheet.addRow(['', '']);
  sheet.mergeCells(groupRow.number, 1, headerRow.number, 1);
  sheet.mergeCells(groupRow.number, 2, headerRow.number, 2);
  let column = 3;
  for (const group of groups) {
    groupRow.getCell(column).value = group.name;
    group.columns.forEach((c, i) => {
      headerRow.getCell(column + i).value = c.header;
      sheet.getColumn(column + i).width = c.width ?? 14;
    });
    if (group.columns.length > 1)
      sheet.mergeCells(groupRow.number, column, groupRow.number, column + group.columns.length - 1);
    column += group.columns.length;
  }
  for (const header of [groupRow, headerRow]) {
    header.font = { bold: true };
    header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = 30;
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: headerRow.number }];

  const formats = groups.flatMap((g) => g.columns.map((c) => c.format));
  const add = (label: Cell, row: R, bold: boolean) => {
    const added = sheet.addRow([label, row.name, ...groups.flatMap((g) => g.cells(row))]);
    formats.forEach((format, i) => {
      added.getCell(3 + i).numFmt = format;
    });
    if (bold) added.font = { bold: true };
  };
  for (const [i, row] of rows.entries()) add(i + 1, row, false);
  add(null, total, true);
  sheet.addRow([]);
  for (const note of notes) sheet.addRow([note]);
}

const shareColumns = (headers: string[]): Column[] => headers.map((header) => ({ header, format: PERCENT }));

/** Shares of members present, away and lapsed, adding to 100 % (fractions, so 0.00% shows them). */
function statusShares(f: Figures): Cell[] {
  if (isMissing(f) || f.suppressed) return [null, null, null].map(() => (isMissing(f) ? '–' : '*'));
  const { active, away, lapsed } = f.members;
  return percentagesAddingTo100([active ?? 0, away ?? 0, lapsed ?? 0]).map((p) => p / 100);
}

/** Gathered and not yet gathered, of the target population, adding to 100 %. */
function gatheredShares(f: Figures): Cell[] {
  if (isMissing(f)) return ['–', '–'];
  if (f.targetPopulation === null || f.targetPopulation === 0) return [null, null];
  if (f.notYetGathered === null) return ['*', '*'];
  const gathered = Math.max(0, f.targetPopulation - f.notYetGathered);
  return percentagesAddingTo100([gathered, f.notYetGathered]).map((p) => p / 100);
}

/**
 * A column of a yearly sheet (the Party's, the ratings'): what it shows of figures, and the change
 * of it a comparison shows beside the two days — columns without one (shares) are left out there.
 */
interface YearlyColumn extends Column {
  readonly value: (f: Figures) => number | null;
  readonly change?: (c: Change) => number | null;
}

const PARTY_COLUMNS: readonly YearlyColumn[] = [
  {
    header: PARTY_INTRODUCED,
    format: COUNT,
    value: (f) => f.party.introduced,
    change: (c) => c.party.introduced,
  },
  { header: PARTY_ADMITTED, format: COUNT, value: (f) => f.party.admitted, change: (c) => c.party.admitted },
];

/**
 * The columns of a sheet of ratings: the count of each level, those rated, then each level's
 * share of them (fractions, as the other shares, so that 0.00% shows them).
 */
function ratingColumns<L extends string>(
  levels: readonly L[],
  names: Readonly<Record<L, string>>,
  ratedHeader: string,
  read: {
    readonly count: (f: Figures, level: L) => number | null;
    readonly countChange: (c: Change, level: L) => number | null;
    readonly rated: (f: Figures) => number | null;
    readonly ratedChange: (c: Change) => number | null;
    readonly share: (f: Figures, level: L) => number | null;
  },
): YearlyColumn[] {
  return [
    ...levels.map(
      (level): YearlyColumn => ({
        header: names[level],
        format: COUNT,
        value: (f) => read.count(f, level),
        change: (c) => read.countChange(c, level),
      }),
    ),
    { header: ratedHeader, format: COUNT, value: read.rated, change: read.ratedChange },
    ...levels.map(
      (level): YearlyColumn => ({
        header: `Tỷ lệ ${names[level].toLowerCase()}`,
        format: PERCENT,
        value: (f) => read.share(f, level),
      }),
    ),
  ];
}

const RATING_COLUMNS = ratingColumns(MEMBER_RATING_LEVELS, RATING_LEVELS, 'Số được xếp loại', {
  count: (f, level) => f.memberRatings.counts[level],
  countChange: (c, level) => c.memberRatings.counts[level],
  rated: (f) => f.memberRatings.rated,
  ratedChange: (c) => c.memberRatings.rated,
  share: (f, level) => ratingShare(f.memberRatings, level),
});

const BRANCH_RATING_COLUMNS: readonly YearlyColumn[] = [
  ...ratingColumns(BRANCH_RATING_LEVELS, BRANCH_LEVELS, 'Số chi hội được xếp loại', {
    count: (f, level) => f.branchRatings.byLevel[level].count,
    countChange: (c, level) => c.branchRatings.byLevel[level],
    rated: (f) => f.branchRatings.rated,
    ratedChange: (c) => c.branchRatings.rated,
    share: (f, level) => branchRatingShare(f.branchRatings, level),
  }),
  ...BRANCH_KINDS.flatMap((kind, n): YearlyColumn[] => {
    const standard = (f: Figures) => f.branchRatings.standards[n];
    return [
      {
        header: `Đạt chuẩn (${BRANCH_KIND_NAMES[kind]})`,
        format: COUNT,
        value: (f) => standard(f)?.met ?? null,
        change: (c) => c.branchRatings.standards[n]?.met ?? null,
      },
      {
        header: `Được đánh giá theo chuẩn (${BRANCH_KIND_NAMES[kind]})`,
        format: COUNT,
        value: (f) => standard(f)?.rated ?? null,
        change: (c) => c.branchRatings.standards[n]?.rated ?? null,
      },
      {
        header: `Tỷ lệ đạt chuẩn (${BRANCH_KIND_NAMES[kind]})`,
        format: PERCENT,
        value: (f) => {
          const percent = standard(f)?.percent ?? null;
          return percent === null ? null : percent / 100;
        },
      },
    ];
  }),
];

const REVIEW_COLUMNS: readonly YearlyColumn[] = [
  {
    header: 'Chi hội đã rà soát',
    format: COUNT,
    value: (f) => f.review.branches,
    change: (c) => c.review.branches,
  },
  { header: 'Chi hội hoàn thành', format: COUNT, value: (f) => f.review.done, change: (c) => c.review.done },
  {
    header: 'Hội viên của các chi hội',
    format: COUNT,
    value: (f) => f.review.members,
    change: (c) => c.review.members,
  },
  {
    header: 'Đã rà soát',
    format: COUNT,
    value: (f) => f.review.reviewed,
    change: (c) => c.review.reviewed,
  },
  { header: 'Có mặt', format: COUNT, value: (f) => f.review.active, change: (c) => c.review.active },
  { header: 'Đi làm ăn xa', format: COUNT, value: (f) => f.review.away, change: (c) => c.review.away },
  { header: 'Bỏ sinh hoạt', format: COUNT, value: (f) => f.review.lapsed, change: (c) => c.review.lapsed },
  { header: 'Ra khỏi tổ chức', format: COUNT, value: (f) => f.review.left, change: (c) => c.review.left },
  {
    header: 'Đã rà soát năm trước',
    format: COUNT,
    // The previous year's review stands beside the year's; no review that year reads 0.
    value: (f) => (f.review.reviewed === null ? null : (f.review.previousYear?.reviewed ?? 0)),
  },
];

/** A sheet of the year's figures, in each workbook: its name, what its title says it holds, its columns and note. */
interface YearlySheet {
  readonly name: string;
  readonly subject: string;
  readonly columns: readonly YearlyColumn[];
  readonly note: string;
}

const YEARLY_SHEETS: readonly YearlySheet[] = [
  {
    name: PARTY_SHEET,
    subject: 'giới thiệu cho Đảng, kết nạp Đảng',
    columns: PARTY_COLUMNS,
    note: PARTY_NOTE,
  },
  {
    name: RATINGS_SHEET,
    subject: 'đánh giá, xếp loại hội viên, đoàn viên',
    columns: RATING_COLUMNS,
    note: RATINGS_NOTE,
  },
  {
    name: BRANCH_RATINGS_SHEET,
    subject: 'đánh giá, xếp loại chi hội, chi đoàn',
    columns: BRANCH_RATING_COLUMNS,
    note: BRANCH_RATINGS_NOTE,
  },
  {
    name: REVIEW_SHEET,
    subject: 'rà soát, phân loại đoàn viên, hội viên',
    columns: REVIEW_COLUMNS,
    note: REVIEW_NOTE,
  },
];

/** The groups of a yearly sheet of the overview: each column for every organization and the total. */
function yearlyGroups(columns: readonly YearlyColumn[]): Group<FrontRow>[] {
  return GROUP_KEYS.map((key) => ({
    name: groupName(key),
    columns,
    cells: (row) => {
      const f = figuresOf(row, key);
      return columns.map((column) => shown(column.value(f), f.suppressed, isMissing(f)));
    },
  }));
}

function figuresOf(row: FrontRow, organization: Organization | 'total'): Figures {
  return organization === 'total'
    ? row.total
    : (row.organizations.find((o) => o.organization === organization) as OrganizationFigures);
}

/**
 * A line per revised snapshot read ("số liệu điều chỉnh"): which revision, when and why, so a
 * printed report says its figures are not the ones first taken.
 */
function revisionNotes(sources: readonly FiguresSourceInfo[]): string[] {
  const notes = new Set<string>();
  for (const s of sources) {
    const latest = s.revisions.at(-1);
    // Only organizations revise their snapshots; the Front's own counts are taken, never revised.
    if (!latest || !s.snapshot || s.tenant === 'front') continue;
    notes.add(
      `${ORGANIZATION_NAMES[s.tenant]}: số liệu điều chỉnh — số liệu chốt ngày ${viDate(s.snapshot)} điều chỉnh lần ${latest.revision} ngày ${viDate(vietnamToday(new Date(latest.revisedAt)))}, lý do: ${latest.reason}`,
    );
  }
  return [...notes];
}

const GROUP_KEYS = ['farmers', 'women', 'veterans', 'youth', 'total'] as const;
const groupName = (key: (typeof GROUP_KEYS)[number]) =>
  key === 'total' ? TOTAL_NAME : ORGANIZATION_NAMES[key];

export async function overviewWorkbook(overview: Overview): Promise<Buffer> {
  const workbook = await newWorkbook();
  const titles = [
    'BÁO CÁO SỐ LIỆU TỔNG HỢP CÁC ĐOÀN THỂ CHÍNH TRỊ - XÃ HỘI',
    `${overview.name} — số liệu đến ngày ${viDate(overview.asOf)}`,
  ];
  const notes = [
    SUPPRESSED_NOTE,
    'Tỷ lệ tập hợp = số hội viên có mặt tại địa phương ÷ số đối tượng trong độ tuổi cần tập hợp, chỉ tính các đơn vị đã có chỉ tiêu.',
    ...overview.sources
      .filter((s) => s.tenant !== 'front')
      .map(
        (s) =>
          `${ORGANIZATION_NAMES[s.tenant as Organization]}: ${s.available ? `số liệu ngày ${viDate(s.figuresDate)}${s.snapshot ? ' (số liệu chốt)' : ''}` : 'chưa có số liệu'}.`,
      ),
    ...revisionNotes(overview.sources),
  ];

  const figureGroups: Group<FrontRow>[] = GROUP_KEYS.map((key) => ({
    name: groupName(key),
    columns: [
      { header: 'Hội viên, đoàn viên', format: COUNT },
      { header: 'Có mặt tại địa phương', format: COUNT },
      { header: 'Đối tượng cần tập hợp', format: COUNT },
      { header: 'Tỷ lệ tập hợp', format: PERCENT },
      { header: 'Chi hội, chi đoàn', format: COUNT },
      ...(key === 'total' ? [{ header: 'Số người (không trùng)', format: COUNT }] : []),
    ],
    cells: (row) => {
      const f = figuresOf(row, key);
      const missing = isMissing(f);
      return [
        shown(f.members.total, f.suppressed, missing),
        shown(f.members.active, f.suppressed, missing),
        shown(f.targetPopulation, false, missing),
        shown(f.coverage, f.suppressed && f.targetPopulation !== null, missing),
        shown(f.branches.total, false, missing),
        ...('uniquePersons' in f ? [shown(f.uniquePersons, f.suppressed, missing)] : []),
      ];
    },
  }));
  writeTable(workbook.addWorksheet('Tổng hợp'), titles, figureGroups, overview.children, overview, notes);

  const shareGroups: Group<FrontRow>[] = GROUP_KEYS.map((key) => ({
    name: groupName(key),
    columns: shareColumns(['Có mặt', 'Đi làm ăn xa', 'Bỏ sinh hoạt', 'Đã tập hợp', 'Chưa tập hợp']),
    cells: (row) => [...statusShares(figuresOf(row, key)), ...gatheredShares(figuresOf(row, key))],
  }));
  writeTable(
    workbook.addWorksheet('Cơ cấu'),
    [
      titles[0] ?? '',
      `${overview.name} — cơ cấu hội viên và tỷ lệ tập hợp (%), ngày ${viDate(overview.asOf)}`,
    ],
    shareGroups,
    overview.children,
    overview,
    [SUPPRESSED_NOTE, 'Mỗi nhóm tỷ lệ cộng lại đúng 100%.'],
  );

  const yearlySheet = ({ name, subject, columns, note }: YearlySheet) =>
    writeTable(
      workbook.addWorksheet(name),
      [
        titles[0] ?? '',
        `${overview.name} — ${subject} năm ${overview.total.party.year}, số liệu đến ngày ${viDate(overview.asOf)}`,
      ],
      yearlyGroups(columns),
      overview.children,
      overview,
      [SUPPRESSED_NOTE, note],
    );
  for (const sheet of YEARLY_SHEETS) yearlySheet(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function changeOf(row: CompareRow, key: (typeof GROUP_KEYS)[number]) {
  if (key === 'total') return row.total;
  return row.organizations.find((o) => o.organization === key) as {
    fromFigures: Figures;
    toFigures: Figures;
    change: Change;
  };
}

/**
 * A row that sums units closed since (a merger) names them beside its own name, so a reader of
 * the sheet knows what the first day's figure is made of: "Phường Đạo Thạnh (gồm: Phường 5,
 * Phường 4 (cũ))".
 */
function withIncludes<T extends CompareRow>(row: T): T {
  if (!row.includes?.length) return row;
  const names = row.includes.map((u) => (u.partial ? `${u.name} (một phần)` : u.name));
  return { ...row, name: `${row.name} (gồm: ${names.join(', ')} (cũ))` };
}

/** The groups of a yearly sheet of a comparison: each count on both days, and its change. */
function yearlyComparisonGroups(
  columns: readonly YearlyColumn[],
  from: string,
  to: string,
): Group<CompareRow>[] {
  const counted = columns.flatMap(({ header, value, change }) => (change ? [{ header, value, change }] : []));
  return GROUP_KEYS.map((key) => ({
    name: groupName(key),
    columns: counted.flatMap(({ header }) => [
      { header: `${header} ${from}`, format: COUNT },
      { header: `${header} ${to}`, format: COUNT },
      { header: 'Tăng, giảm', format: SIGNED_COUNT },
    ]),
    cells: (row) => {
      const { fromFigures: a, toFigures: b, change } = changeOf(row, key);
      const hidden = a.suppressed || b.suppressed;
      const missing = isMissing(a) || isMissing(b);
      return counted.flatMap((column) => [
        shown(column.value(a), a.suppressed, isMissing(a)),
        shown(column.value(b), b.suppressed, isMissing(b)),
        shown(column.change(change), hidden, missing),
      ]);
    },
  }));
}

export async function comparisonWorkbook(comparison: Comparison): Promise<Buffer> {
  const workbook = await newWorkbook();
  const from = viDate(comparison.from);
  const to = viDate(comparison.to);
  const groups: Group<CompareRow>[] = GROUP_KEYS.map((key) => ({
    name: groupName(key),
    columns: [
      { header: `Hội viên, đoàn viên ${from}`, format: COUNT },
      { header: `Hội viên, đoàn viên ${to}`, format: COUNT },
      { header: 'Tăng, giảm', format: SIGNED_COUNT },
      { header: `Tỷ lệ tập hợp ${from}`, format: PERCENT },
      { header: `Tỷ lệ tập hợp ${to}`, format: PERCENT },
      { header: 'Tăng, giảm (điểm %)', format: POINTS },
    ],
    cells: (row) => {
      const { fromFigures: a, toFigures: b, change } = changeOf(row, key);
      const hidden = a.suppressed || b.suppressed;
      const missing = isMissing(a) || isMissing(b);
      return [
        shown(a.members.total, a.suppressed, isMissing(a)),
        shown(b.members.total, b.suppressed, isMissing(b)),
        shown(change.members.total, hidden, missing),
        shown(a.coverage, a.suppressed, isMissing(a)),
        shown(b.coverage, b.suppressed, isMissing(b)),
        shown(change.coveragePoints, hidden, missing),
      ];
    },
  }));
  writeTable(
    workbook.addWorksheet('So sánh'),
    [
      'BÁO CÁO SO SÁNH SỐ LIỆU CÁC ĐOÀN THỂ CHÍNH TRỊ - XÃ HỘI',
      `${withIncludes(comparison).name} — từ ngày ${from} đến ngày ${to}`,
      comparison.summary.vi,
    ],
    groups,
    comparison.children.map(withIncludes),
    withIncludes(comparison),
    [SUPPRESSED_NOTE, ...revisionNotes([...comparison.sources.from, ...comparison.sources.to])],
  );

  const yearlySheet = ({ name, subject, columns, note }: YearlySheet) =>
    writeTable(
      workbook.addWorksheet(name),
      [
        'BÁO CÁO SO SÁNH SỐ LIỆU CÁC ĐOÀN THỂ CHÍNH TRỊ - XÃ HỘI',
        `${withIncludes(comparison).name} — ${subject}, ngày ${from} và ngày ${to}`,
      ],
      yearlyComparisonGroups(columns, from, to),
      comparison.children.map(withIncludes),
      withIncludes(comparison),
      [SUPPRESSED_NOTE, note],
    );
  for (const sheet of YEARLY_SHEETS) yearlySheet(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
