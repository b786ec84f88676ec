/** Words of the pages of the platform operator's provinces. */
import type { Message } from '../messages.ts';

export const platformText = {
  'platform.title': { vi: 'Các tỉnh, thành trên hệ thống', en: 'Provinces on the platform' },
  'platform.onboard': { vi: 'Khởi tạo tỉnh mới', en: 'Onboard a province' },
  'platform.onboarded': { vi: 'Đã khởi tạo tỉnh:', en: 'Province onboarded:' },
  'platform.none': { vi: 'Chưa có tỉnh nào.', en: 'No province yet.' },
  'platform.caption': { vi: 'Các tỉnh và tổ chức (tenant) của từng tỉnh', en: 'Provinces and their tenants' },
  'platform.province': { vi: 'Tỉnh', en: 'Province' },
  'platform.id': { vi: 'Mã định danh', en: 'Id' },
  'platform.code': { vi: 'Mã tỉnh', en: 'Code' },
  'platform.tenants': { vi: 'Tổ chức (tenant)', en: 'Tenants' },
  'platform.createdAt': { vi: 'Ngày khởi tạo', en: 'Onboarded on' },
  'platform.kind.front': { vi: 'Ủy ban MTTQ', en: 'Fatherland Front' },
  'platform.form.province': { vi: 'Tỉnh', en: 'Province' },
  'platform.form.id': { vi: 'Mã định danh', en: 'Id' },
  'platform.form.idHint': {
    vi: 'Chữ thường không dấu, số và dấu gạch ngang, ví dụ dong-thap; không đổi được về sau.',
    en: 'Lower-case letters, digits and dashes, e.g. dong-thap; it cannot change later.',
  },
  'platform.form.code': { vi: 'Mã tỉnh', en: 'Province code' },
  'platform.form.codeHint': { vi: 'Hai chữ số, ví dụ 82.', en: 'Two digits, e.g. 82.' },
  'platform.form.name': { vi: 'Tên tỉnh', en: 'Name' },
  'platform.form.validFrom': { vi: 'Bản đồ hành chính có hiệu lực từ', en: 'The map is in force from' },
  'platform.form.communes': { vi: 'Xã, phường, thị trấn', en: 'Communes' },
  'platform.form.communesHint': {
    vi: 'Mỗi dòng một đơn vị: mã;tên;loại — loại là xa, phuong hoặc thi_tran. Ví dụ: 28261;Phường Mỹ Tho;phuong',
    en: 'One a line: code;name;type — type is xa, phuong or thi_tran. E.g. 28261;Phường Mỹ Tho;phuong',
  },
  'platform.form.line': { vi: 'Dòng', en: 'Line' },
  'platform.form.adminOf': { vi: 'Quản trị viên đầu tiên:', en: 'First administrator:' },
  'platform.form.frontViewer': {
    vi: 'Tài khoản xem số liệu của Ủy ban MTTQ',
    en: "The Fatherland Front's viewer account",
  },
  'platform.form.frontAdmin': {
    vi: 'Cán bộ Ủy ban MTTQ tỉnh, sửa bản đồ hành chính (không bắt buộc)',
    en: "The Front's provincial staff, who edit the map (optional)",
  },
  'platform.form.username': { vi: 'Tên đăng nhập', en: 'Username' },
  'platform.form.password': { vi: 'Mật khẩu (ít nhất 12 ký tự)', en: 'Password (at least 12 characters)' },
  'platform.form.displayName': { vi: 'Họ và tên', en: 'Full name' },
  'platform.form.passwordsAgain': {
    vi: 'Vì an toàn, mật khẩu không được giữ lại: vui lòng nhập lại.',
    en: 'For safety, passwords are not kept: please type them again.',
  },
  'platform.form.submit': { vi: 'Khởi tạo tỉnh', en: 'Onboard the province' },
  'platform.mapEditors': { vi: 'Quyền sửa bản đồ hành chính', en: 'Map editing' },
  'platform.mapEditors.link': { vi: 'Quyền sửa bản đồ của', en: 'Map editing of' },
  'platform.mapEditors.intro': {
    vi: 'Cấp cho quản trị viên một tổ chức của tỉnh quyền sửa bản đồ hành chính, hoặc thu hồi. Có hiệu lực từ lần đăng nhập hoặc làm mới phiên tiếp theo của tài khoản.',
    en: "Let an admin of one of the province's organizations edit its map, or take it back. It takes effect at the account's next sign-in or session refresh.",
  },
  'platform.mapEditors.username': { vi: 'Tên đăng nhập của quản trị viên', en: "The admin's username" },
  'platform.mapEditors.grant': { vi: 'Cấp quyền', en: 'Grant' },
  'platform.mapEditors.revoke': { vi: 'Thu hồi quyền', en: 'Revoke' },
  'platform.mapEditors.done.grant': { vi: 'Đã cấp quyền sửa bản đồ cho', en: 'Map editing granted to' },
  'platform.mapEditors.done.revoke': {
    vi: 'Đã thu hồi quyền sửa bản đồ của',
    en: 'Map editing taken back from',
  },
} as const satisfies Record<string, Message>;
