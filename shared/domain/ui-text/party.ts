/** Words of the introductions to the Party: the member page's section and the year's list. */
import type { Message } from '../messages.ts';

export const partyText = {
  'nav.party': { vi: 'Giới thiệu cho Đảng', en: 'Party introductions' },
  'party.title': {
    vi: 'Giới thiệu đoàn viên, hội viên ưu tú cho Đảng',
    en: 'Members introduced to the Party',
  },
  'party.intro': {
    vi: 'Danh sách người được giới thiệu là thông tin nhạy cảm (Nghị định 356/2025): chỉ quản trị viên và cán bộ đơn vị được xem. Các số đếm có trong số liệu.',
    en: 'Who was introduced is sensitive (Decree 356/2025): only admins and unit officers see it. The counts are in the figures.',
  },
  'party.section': { vi: 'Giới thiệu cho Đảng', en: 'Introductions to the Party' },
  'party.none': { vi: 'Chưa được giới thiệu cho Đảng.', en: 'Never introduced to the Party.' },
  'party.noneInYear': {
    vi: 'Không có ai được giới thiệu trong năm.',
    en: 'Nobody was introduced that year.',
  },
  'party.caption': { vi: 'Các lần giới thiệu cho Đảng', en: 'Introductions to the Party' },
  'party.listCaption': { vi: 'Người được giới thiệu trong năm', en: 'Introduced in the year' },
  'party.year': { vi: 'Năm giới thiệu', en: 'Year introduced' },
  'party.show': { vi: 'Xem', en: 'Show' },
  'party.member': { vi: 'Họ và tên', en: 'Name' },
  'party.introducedOn': { vi: 'Ngày giới thiệu', en: 'Introduced on' },
  'party.decisionNumber': { vi: 'Số quyết định, văn bản giới thiệu', en: 'Decision number' },
  'party.note': { vi: 'Ghi chú', en: 'Note' },
  'party.state': { vi: 'Kết quả', en: 'Outcome' },
  'party.decidedOn': { vi: 'Ngày có kết quả', en: 'Decided on' },
  'party.state.pending': { vi: 'Đang chờ xem xét', en: 'Pending' },
  'party.state.admitted': { vi: 'Được kết nạp', en: 'Admitted' },
  'party.state.not_admitted': { vi: 'Chưa được kết nạp', en: 'Not admitted' },
  'party.state.withdrawn': { vi: 'Rút đề nghị', en: 'Withdrawn' },
  'party.introduce': { vi: 'Giới thiệu cho Đảng xem xét, kết nạp', en: 'Introduce to the Party' },
  'party.introduceSubmit': { vi: 'Ghi nhận giới thiệu', en: 'Record the introduction' },
  'party.outcome': { vi: 'Ghi kết quả', en: 'Record the outcome' },
  'party.outcomeSubmit': { vi: 'Lưu kết quả', en: 'Save the outcome' },
  'party.outcomeConfirm': {
    vi: 'Kết quả không sửa được sau khi lưu. Tiếp tục?',
    en: 'The outcome cannot be changed once saved. Go on?',
  },
} as const satisfies Record<string, Message>;
