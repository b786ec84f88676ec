/** Words of the pages that prepare a member list as a file and hand its link. */
import type { Message } from '../messages.ts';

export const exportsText = {
  'exports.title': { vi: 'Tệp danh sách hội viên', en: 'Member list file' },
  'exports.prepare': {
    vi: 'Tải cả danh sách (tệp được chuẩn bị):',
    en: 'Download the whole list (the file is prepared):',
  },
  'exports.running': {
    vi: 'Đang chuẩn bị tệp. Danh sách lớn có thể mất vài phút; trang này tự cập nhật.',
    en: 'The file is being prepared. A large list may take a few minutes; this page updates itself.',
  },
  'exports.rows': { vi: 'Số dòng đã ghi:', en: 'Rows written:' },
  'exports.done': { vi: 'Tệp đã sẵn sàng.', en: 'The file is ready.' },
  'exports.download': { vi: 'Tải tệp', en: 'Download the file' },
  'exports.linkExpires': {
    vi: 'Đường dẫn dùng được 15 phút; mở lại trang này để có đường dẫn mới. Tệp được giữ 3 ngày.',
    en: 'The link works for 15 minutes; open this page again for a new one. The file is kept for 3 days.',
  },
  'exports.failed': {
    vi: 'Không chuẩn bị được tệp. Hãy quay lại danh sách và thử lại.',
    en: 'The file could not be prepared. Go back to the list and try again.',
  },
  'exports.stalled': {
    vi: 'Việc chuẩn bị tệp đã dừng giữa chừng. Hãy quay lại danh sách và thử lại.',
    en: 'Preparing the file stopped halfway. Go back to the list and try again.',
  },
  'exports.refresh': { vi: 'Xem lại', en: 'Refresh' },
  'exports.back': { vi: 'Về danh sách hội viên', en: 'Back to the members' },
} as const satisfies Record<string, Message>;
