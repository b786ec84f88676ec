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
} as const satisfies Record<string, Message>;
