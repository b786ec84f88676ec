/** Words of the pages of the admission rules. */
import type { Message } from '../messages.ts';

export const settingsText = {
  'settings.title': { vi: 'Điều kiện kết nạp', en: 'Admission rules' },
  'settings.intro': {
    vi: 'Ai được kết nạp vào tổ chức. Các điều kiện được kiểm tra vào ngày kết nạp mỗi hội viên mới.',
    en: 'Who may join the organization. The rules are checked on the day each new member is admitted.',
  },
  'settings.minAge': { vi: 'Tuổi tối thiểu', en: 'Minimum age' },
  'settings.maxAge': { vi: 'Tuổi tối đa', en: 'Maximum age' },
  'settings.ageHint': { vi: 'Số tuổi tròn vào ngày kết nạp.', en: 'Full years on the day of admission.' },
  'settings.maxAgeHint': {
    vi: 'Số tuổi tròn vào ngày kết nạp; để trống nếu không giới hạn.',
    en: 'Full years on the day of admission; leave empty for no limit.',
  },
  'settings.genders': { vi: 'Giới tính được kết nạp', en: 'Who may join, by gender' },
  'settings.genders.any': { vi: 'Mọi giới tính', en: 'Anyone' },
  'settings.genders.female': { vi: 'Chỉ nữ', en: 'Women only' },
  'settings.genders.male': { vi: 'Chỉ nam', en: 'Men only' },
  'settings.military': {
    vi: 'Phải từng phục vụ trong quân đội',
    en: 'Military service required',
  },
  'settings.yes': { vi: 'Có', en: 'Yes' },
  'settings.no': { vi: 'Không', en: 'No' },
  'settings.noLimit': { vi: 'Không giới hạn', en: 'No limit' },
  'settings.readOnly': {
    vi: 'Chỉ quản trị viên của tổ chức được sửa điều kiện kết nạp.',
    en: 'Only the organization’s admins change the admission rules.',
  },
  'settings.saved': { vi: 'Đã lưu điều kiện kết nạp.', en: 'The admission rules are saved.' },
  'figuresAdmin.title': { vi: 'Chốt và đếm lại số liệu', en: 'Snapshots and recount' },
  'figuresAdmin.snapshot': { vi: 'Chốt số liệu một ngày', en: 'Snapshot a day' },
  'figuresAdmin.snapshotIntro': {
    vi: 'Số liệu cuối tháng được chốt tự động. Ngày đã chốt không ghi đè được: nếu cần sửa, hãy tạo bản điều chỉnh.',
    en: 'Month ends are snapshotted automatically. A day already snapshotted cannot be overwritten: correct it with a revision.',
  },
  'figuresAdmin.date': { vi: 'Ngày chốt', en: 'Day' },
  'figuresAdmin.dateHint': { vi: 'Để trống: hôm nay.', en: 'Empty: today.' },
  'figuresAdmin.province': { vi: 'Mã định danh tỉnh', en: 'Province id' },
  'figuresAdmin.takeSnapshot': { vi: 'Chốt số liệu', en: 'Take the snapshot' },
  'figuresAdmin.snapshotTaken': { vi: 'Đã chốt số liệu ngày', en: 'Figures snapshotted for' },
  'figuresAdmin.recount': {
    vi: 'Đếm lại số liệu từ hồ sơ hội viên',
    en: 'Recount the figures from the members',
  },
  'figuresAdmin.recountIntro': {
    vi: 'Đếm lại toàn bộ số liệu của tổ chức và so với số liệu đang lưu. Việc này đọc toàn bộ hồ sơ nên có thể mất vài phút.',
    en: "Counts all the organization's figures again and compares them with those stored. It reads every record, so it may take minutes.",
  },
  'figuresAdmin.apply': { vi: 'Khi có chênh lệch', en: 'When figures differ' },
  'figuresAdmin.apply.no': { vi: 'Chỉ liệt kê', en: 'Only list them' },
  'figuresAdmin.apply.yes': { vi: 'Sửa số liệu đang lưu', en: 'Correct the stored figures' },
  'figuresAdmin.runRecount': { vi: 'Đếm lại', en: 'Recount' },
  'figuresAdmin.result': { vi: 'Kết quả đếm lại', en: 'The recount' },
  'figuresAdmin.members': { vi: 'Hồ sơ hội viên đã đọc', en: 'Member records read' },
  'figuresAdmin.branches': { vi: 'Chi hội', en: 'Branches' },
  'figuresAdmin.units': { vi: 'Đơn vị hành chính', en: 'Units' },
  'figuresAdmin.noDifference': {
    vi: 'Số liệu đang lưu khớp với số đếm lại.',
    en: 'The stored figures match the recount.',
  },
  'figuresAdmin.applied': {
    vi: 'Đã sửa các chênh lệch dưới đây.',
    en: 'The differences below were corrected.',
  },
  'figuresAdmin.notApplied': {
    vi: 'Có chênh lệch; số liệu đang lưu chưa được sửa.',
    en: 'The figures differ; the stored ones were not corrected.',
  },
  'figuresAdmin.differences': { vi: 'Các chênh lệch', en: 'Differences' },
  'figuresAdmin.unit': { vi: 'Đơn vị', en: 'Unit' },
  'figuresAdmin.counter': { vi: 'Chỉ tiêu', en: 'Counter' },
  'figuresAdmin.stored': { vi: 'Đang lưu', en: 'Stored' },
  'figuresAdmin.recounted': { vi: 'Đếm lại', en: 'Recounted' },
} as const satisfies Record<string, Message>;
