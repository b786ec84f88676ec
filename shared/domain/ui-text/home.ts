/** Words of an organization's home page. */
import type { Message } from '../messages.ts';

export const homeText = {
  'home.title': { vi: 'Tổng quan', en: 'Overview' },
  'home.figuresOf': { vi: 'Số liệu đến ngày', en: 'Figures as of' },
  'home.changeSince': { vi: 'thay đổi so với cuối tháng', en: 'change since the month-end of' },
  'home.noMonthEnd': {
    vi: 'chưa có số liệu chốt cuối tháng trước để so sánh',
    en: 'no figures of last month-end to compare with',
  },
  'home.members': { vi: 'Hội viên hiện có', en: 'Current members' },
  'home.active': { vi: 'Có mặt tại địa phương', en: 'Present' },
  'home.away': { vi: 'Đi làm ăn xa', en: 'Working away' },
  'home.lapsed': { vi: 'Bỏ sinh hoạt', en: 'Stopped taking part' },
  'home.branches': { vi: 'Chi hội', en: 'Branches' },
  'home.residential': { vi: 'Chi hội khu dân cư', en: 'Residential branches' },
  'home.professional': { vi: 'Chi hội nghề nghiệp', en: 'Professional branches' },
  'home.agency': { vi: 'Chi hội cơ quan', en: 'Agency branches' },
  'home.coverage': { vi: 'Tỷ lệ tập hợp', en: 'Coverage' },
  'home.targetPopulation': { vi: 'Đối tượng cần tập hợp', en: 'Target population' },
  'home.points': { vi: 'điểm %', en: 'points' },
  'home.partyIntroduced': { vi: 'Giới thiệu cho Đảng', en: 'Introduced to the Party' },
  'home.partyAdmitted': { vi: 'Được kết nạp Đảng', en: 'Admitted to the Party' },
  'home.inYear': { vi: 'năm', en: 'in' },
  'home.rated': { vi: 'Được đánh giá, xếp loại', en: 'Members rated' },
  'home.missingTargets': {
    vi: 'Số đơn vị chưa có số đối tượng cần tập hợp:',
    en: 'Units without a target population:',
  },
} as const satisfies Record<string, Message>;
