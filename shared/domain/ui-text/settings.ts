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
} as const satisfies Record<string, Message>;
