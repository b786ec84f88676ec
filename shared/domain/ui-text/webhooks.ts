/** Words of the pages of an organization's webhook endpoints and their deliveries. */
import type { Message } from '../messages.ts';

export const webhooksText = {
  'webhooks.title': { vi: 'Webhook', en: 'Webhooks' },
  'webhooks.intro': {
    vi: 'Địa chỉ của các hệ thống khác nhận tin khi dữ liệu thay đổi, ký theo chuẩn Standard Webhooks. Khóa bí mật chỉ hiện một lần, khi tạo.',
    en: 'Addresses of other systems told when data changes, signed per the Standard Webhooks specification. The secret is shown once, at creation.',
  },
  'webhooks.none': { vi: 'Chưa có webhook nào.', en: 'No webhooks yet.' },
  'webhooks.create': { vi: 'Thêm webhook', en: 'Add a webhook' },
  'webhooks.url': { vi: 'Địa chỉ nhận (https://…)', en: 'Receiving address (https://…)' },
  'webhooks.description': { vi: 'Mô tả', en: 'Description' },
  'webhooks.eventTypes': { vi: 'Sự kiện', en: 'Events' },
  'webhooks.status': { vi: 'Trạng thái', en: 'Status' },
  'webhooks.enabled': { vi: 'Đang gửi', en: 'Enabled' },
  'webhooks.disabled.manual': { vi: 'Đã tắt', en: 'Disabled' },
  'webhooks.disabled.gone': { vi: 'Đã tắt: bên nhận báo 410', en: 'Disabled: the receiver answered 410' },
  'webhooks.disabled.failing': { vi: 'Đã tắt: lỗi liên tục 5 ngày', en: 'Disabled: failing for 5 days' },
  'webhooks.created': {
    vi: 'Đã tạo webhook. Khóa bí mật (chỉ hiện lần này, hãy lưu lại):',
    en: 'Webhook created. Its secret (shown this once, keep it):',
  },
  'webhooks.deliveries': { vi: 'Nhật ký gửi', en: 'Deliveries' },
  'webhooks.noDeliveries': { vi: 'Chưa gửi lần nào.', en: 'Nothing sent yet.' },
  'webhooks.sendTest': { vi: 'Gửi sự kiện thử', en: 'Send a test event' },
  'webhooks.testQueued': { vi: 'Đã xếp sự kiện thử để gửi.', en: 'The test event is queued.' },
  'webhooks.replay': { vi: 'Gửi lại', en: 'Send again' },
  'webhooks.replayQueued': { vi: 'Đã xếp để gửi lại.', en: 'Queued to be sent again.' },
  'webhooks.event': { vi: 'Sự kiện', en: 'Event' },
  'webhooks.createdAt': { vi: 'Lúc', en: 'When' },
  'webhooks.attempts': {
    vi: 'Các lần gửi (mã trả lời, thời gian, nội dung)',
    en: 'Attempts (status, duration, answer)',
  },
  'webhooks.delivery.pending': { vi: 'Đang chờ gửi', en: 'Pending' },
  'webhooks.delivery.delivered': { vi: 'Đã nhận', en: 'Delivered' },
  'webhooks.delivery.failed': { vi: 'Không gửi được', en: 'Failed' },
  'webhooks.delivery.skipped': { vi: 'Bỏ qua (webhook đã tắt)', en: 'Skipped (webhook disabled)' },
  'webhooks.back': { vi: 'Danh sách webhook', en: 'All webhooks' },
  'webhooks.edit': { vi: 'Sửa webhook', en: 'Edit the webhook' },
  'webhooks.enabledBox': {
    vi: 'Đang gửi (bỏ chọn để tắt webhook)',
    en: 'Enabled (untick to disable the webhook)',
  },
  'webhooks.rotate': { vi: 'Đổi khóa bí mật', en: 'Rotate the secret' },
  'webhooks.rotateHint': {
    vi: 'Khóa mới chỉ hiện một lần. Khóa cũ vẫn ký kèm thêm 24 giờ, để bên nhận kịp chuyển sang khóa mới.',
    en: 'The new secret is shown once. The old one keeps signing beside it for 24 hours, so the receiver has time to switch.',
  },
  'webhooks.rotated': {
    vi: 'Đã đổi khóa bí mật. Khóa mới (chỉ hiện lần này, hãy lưu lại):',
    en: 'Secret rotated. The new secret (shown this once, keep it):',
  },
  'webhooks.previousValidUntil': {
    vi: 'Khóa cũ vẫn hợp lệ 24 giờ, đến',
    en: 'The old secret stays valid for 24 hours, until',
  },
  'webhooks.delete': { vi: 'Xóa webhook', en: 'Delete the webhook' },
  'webhooks.deleteAgree': {
    vi: 'Tôi hiểu: webhook bị xóa không nhận thêm sự kiện nào, và nhật ký gửi của nó không xem lại được.',
    en: 'I understand: a deleted webhook receives no more events, and its deliveries can no longer be read.',
  },
  'webhooks.deleteAgreeMissing': {
    vi: 'Hãy đánh dấu ô xác nhận để xóa webhook',
    en: 'Tick the box to delete the webhook',
  },
  'webhooks.deleted': { vi: 'Đã xóa webhook.', en: 'Webhook deleted.' },
} as const satisfies Record<string, Message>;
