/** Words of the pages of an organization's API keys. */
import type { Message } from '../messages.ts';

export const apiKeysText = {
  'apiKeys.title': { vi: 'Khóa API', en: 'API keys' },
  'apiKeys.intro': {
    vi: 'Khóa cho các hệ thống tích hợp (Zalo, cổng thông tin…): gửi kèm mỗi yêu cầu dưới dạng "Authorization: Bearer <khóa>". Mỗi khóa chỉ làm được những gì quyền của nó cho phép, và mọi thay đổi nó làm đều được ghi nhật ký.',
    en: 'Keys for integrated systems (Zalo, portals…): sent with each request as "Authorization: Bearer <key>". A key does only what its scopes allow, and every change it makes is in the audit trail.',
  },
  'apiKeys.create': { vi: 'Tạo khóa', en: 'Create a key' },
  'apiKeys.description': { vi: 'Mô tả', en: 'Description' },
  'apiKeys.descriptionHint': {
    vi: 'Khóa dùng cho việc gì, ví dụ "Zalo bot của tỉnh".',
    en: 'What the key is for, e.g. "Zalo bot of the province".',
  },
  'apiKeys.scopes': { vi: 'Quyền', en: 'Scopes' },
  'apiKeys.scope.members:read': { vi: 'Xem hội viên', en: 'Read members' },
  'apiKeys.scope.members:write': { vi: 'Kết nạp, sửa hội viên', en: 'Write members' },
  'apiKeys.scope.figures:read': { vi: 'Xem số liệu', en: 'Read figures' },
  'apiKeys.scope.webhooks:manage': { vi: 'Quản lý webhook', en: 'Manage webhooks' },
  'apiKeys.validUntil': { vi: 'Hết hạn vào ngày', en: 'Expires on' },
  'apiKeys.validUntilHint': {
    vi: 'Dùng được đến hết ngày này (giờ Việt Nam), tối đa một năm.',
    en: 'Works until the end of this day (Vietnam time), at most a year away.',
  },
  'apiKeys.created': {
    vi: 'Đã tạo khóa. Hãy sao chép ngay: khóa chỉ hiện một lần này, hệ thống không lưu lại.',
    en: 'Key created. Copy it now: it is shown this once, and not kept.',
  },
  'apiKeys.revoked': {
    vi: 'Đã thu hồi khóa. Mọi máy chủ ngừng nhận khóa này chậm nhất sau 30 giây.',
    en: 'Key revoked. Every server stops accepting it within 30 seconds.',
  },
  'apiKeys.none': { vi: 'Chưa có khóa nào.', en: 'No keys yet.' },
  'apiKeys.key': { vi: 'Khóa', en: 'Key' },
  'apiKeys.lastUsed': { vi: 'Dùng lần cuối', en: 'Last used' },
  'apiKeys.never': { vi: 'Chưa dùng', en: 'Never' },
  'apiKeys.status': { vi: 'Trạng thái', en: 'Status' },
  'apiKeys.status.active': { vi: 'Đang dùng', en: 'Active' },
  'apiKeys.status.expired': { vi: 'Hết hạn', en: 'Expired' },
  'apiKeys.status.revoked': { vi: 'Đã thu hồi', en: 'Revoked' },
  'apiKeys.revoke': { vi: 'Thu hồi', en: 'Revoke' },
  'apiKeys.revokeConfirm': {
    vi: 'Thu hồi khóa này? Hệ thống dùng nó sẽ không truy cập được nữa.',
    en: 'Revoke this key? The system using it will lose access.',
  },
} as const satisfies Record<string, Message>;
