/** Words of the page that checks a member list before it is imported. */
import type { Message } from '../messages.ts';

export const importsText = {
  'imports.title': { vi: 'Nhập danh sách hội viên từ tệp', en: 'Import a member list from a file' },
  'imports.intro': {
    vi: 'Gửi tệp Excel (.xlsx) hoặc CSV danh sách hội viên với các cột như thường ghi: Họ và tên, Giới tính, Ngày sinh, Số CCCD, Số điện thoại, Chi hội, Ấp/Khóm, Tình trạng, Ngày vào hội. "Kiểm tra tệp" chỉ xem từng dòng, không ghi gì; "Nhập danh sách" chỉ nhập khi không còn dòng lỗi. Người đã có (cùng số CCCD, hoặc cùng họ tên và ngày sinh trong chi hội) được cập nhật, không thêm lần hai.',
    en: 'Send an Excel (.xlsx) or CSV member list with the usual columns: full name, gender, date of birth, CCCD, phone, branch, hamlet, status, joined on. "Check the file" only reads each row and writes nothing; "Import the list" imports only when no row is in error. Someone already here (the same CCCD, or the same name and birth date in the branch) is updated, never added twice.',
  },
  'imports.file': { vi: 'Tệp danh sách', en: 'List file' },
  'imports.fileHint': {
    vi: '.xlsx hoặc .csv (UTF-8), tối đa 10 MB',
    en: '.xlsx or .csv (UTF-8), at most 10 MB',
  },
  'imports.unit': { vi: 'Danh sách của đơn vị', en: 'The list is for' },
  'imports.unitHint': {
    vi: 'Chi hội được tìm theo tên trong đơn vị này',
    en: 'Branches are found by name within this unit',
  },
  'imports.unitAll': { vi: 'Cả phạm vi của tôi', en: 'All of my scope' },
  'imports.submit': { vi: 'Kiểm tra tệp', en: 'Check the file' },
  'imports.import': { vi: 'Nhập danh sách', en: 'Import the list' },
  'imports.refused': { vi: 'Chưa nhập: tệp còn dòng lỗi.', en: 'Not imported: the file has rows in error.' },
  'imports.done': { vi: 'Đã nhập danh sách', en: 'The list was imported' },
  'imports.created': { vi: 'Kết nạp mới:', en: 'Admitted:' },
  'imports.updated': { vi: 'Cập nhật:', en: 'Updated:' },
  'imports.unchanged': { vi: 'Không đổi:', en: 'Unchanged:' },
  'imports.result': { vi: 'Kết quả kiểm tra', en: 'What the check found' },
  'imports.rows': { vi: 'Số dòng:', en: 'Rows:' },
  'imports.ready': { vi: 'Sẵn sàng nhập:', en: 'Ready to import:' },
  'imports.notWritten': { vi: 'Chưa ghi dữ liệu nào.', en: 'Nothing has been written.' },
  'imports.noProblem': { vi: 'Không có dòng nào gặp vấn đề.', en: 'No row has a problem.' },
  'imports.problems': { vi: 'Các vấn đề theo dòng và cột', en: 'Problems by row and column' },
  'imports.row': { vi: 'Dòng', en: 'Row' },
  'imports.column': { vi: 'Cột', en: 'Column' },
  'imports.problem': { vi: 'Vấn đề', en: 'Problem' },
  'imports.warning': { vi: 'Lưu ý:', en: 'Note:' },
} as const satisfies Record<string, Message>;
