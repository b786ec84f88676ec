/**
 * The OpenAPI document at /openapi.json, assembled here from the routes' own descriptions: its
 * info, version and servers, the areas its operations are tagged by, the shared components and
 * the webhooks. docs/api-versioning.md says what its version promises.
 */
import type { RouteGroup } from '../app-env.ts';
import { problemSchema } from './openapi.ts';
import { registerWebhooks } from './openapi-webhooks.ts';
import { registerProblemResponses } from './problem-responses.ts';

/**
 * Raise the minor version for what is added, the major one only with a new /api/vN: the contract
 * test refuses a breaking change against docs/api/openapi.released.json unless the major rose.
 */
export const API_VERSION = '1.1.0';

/** Every tag an operation may carry, in the order the docs list them. */
export const API_TAGS = [
  { name: 'system', description: 'Liveness / Tình trạng hoạt động' },
  { name: 'auth', description: 'Sign-in, tokens and the caller / Đăng nhập, mã truy cập' },
  { name: 'platform', description: 'Onboarding provinces (platform operators) / Đưa tỉnh vào sử dụng' },
  { name: 'units', description: 'Administrative units and their history / Đơn vị hành chính' },
  { name: 'map', description: 'Hamlet proposals and reorganizations of the map / Bản đồ hành chính' },
  { name: 'branches', description: 'Branches and their groups / Chi hội, chi đoàn, tổ hội' },
  {
    name: 'members',
    description: 'Members, their status, transfers, reviews and ratings / Hội viên, đoàn viên',
  },
  { name: 'imports', description: 'Member lists imported from files / Nhập danh sách từ tệp' },
  { name: 'ratings', description: 'Yearly branch ratings and their criteria / Đánh giá, xếp loại chi hội' },
  { name: 'figures', description: 'Targets, statistics and month-end snapshots / Số liệu thống kê' },
  { name: 'front', description: 'The Fatherland Front’s consolidated view / Số liệu của Mặt trận' },
  { name: 'audit', description: 'Who changed what, and when / Nhật ký thay đổi' },
  { name: 'settings', description: 'An organization’s own rules / Cấu hình của tổ chức' },
  { name: 'api-keys', description: 'Keys for an organization’s integrations / Khóa API' },
  { name: 'webhooks', description: 'Signed event notifications and their endpoints / Webhook' },
  { name: 'admin', description: 'Maintenance for operators / Quản trị hệ thống' },
];

// OpenAPI 3.1's SPDX `identifier` (the generator's types know only 3.0's `url`): no public
// licence page exists to point to, and the terms are the service contract's.
const LICENSE = { name: 'Proprietary / Độc quyền', identifier: 'LicenseRef-doanthe-proprietary' };

export function describeApi(app: RouteGroup) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An access token from /api/v1/auth/token, or an API key of the organization (`dtk_…`): only what its scopes allow, 300 requests a minute (then 429 with Retry-After)',
  });
  app.openAPIRegistry.register('Problem', problemSchema);
  registerProblemResponses(app);
  registerWebhooks(app);
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'doanthe API',
      version: API_VERSION,
      description:
        'Quản lý hội viên, đoàn viên và chi hội của các đoàn thể chính trị - xã hội. / Members and branches of Vietnam’s mass organizations.',
      license: LICENSE,
    },
    // Relative: the document describes whichever deployment serves it (one per province group).
    servers: [{ url: '/', description: 'The host serving this document / Máy chủ phục vụ tài liệu này' }],
    tags: API_TAGS,
  });
}
