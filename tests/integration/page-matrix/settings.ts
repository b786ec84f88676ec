/** Page matrix cases of the settings pages. */
import { REQUESTS } from '../authorization-matrix-requests.ts';
import type { PageCases } from './page-case.ts';

const OTHER_ADMINS = ['otherProvince', 'otherOrganization', 'mapEditor'] as const;
/** Who manages webhooks in their own tenant: other organizations’ admins, the Front’s staff. */
const WEBHOOK_MANAGERS = [...OTHER_ADMINS, 'frontAdmin'] as const;

export const settingsCases: PageCases = {
  'GET /settings': {
    ok: ['owner', 'viewer', 'branchOfficer', 'outOfScopeOfficer'],
    own: OTHER_ADMINS,
    why: 'every officer admits by the organization’s rules (GET /api/v1/settings/eligibility)',
    build: () => ({ path: '/settings' }),
  },
  'POST /settings': {
    ok: ['owner'],
    own: OTHER_ADMINS,
    why: 'the rules are the admin’s (PUT /api/v1/settings/eligibility)',
    build: () => ({
      path: '/settings',
      form: { minAge: '18', maxAge: '', genders: 'any', requiresMilitaryService: 'no' },
    }),
  },
  'GET /settings/figures': {
    ok: ['owner', 'platform'],
    own: OTHER_ADMINS,
    why: 'offered to whom may snapshot (POST /api/v1/admin/snapshots); it reads nothing',
    build: () => ({ path: '/settings/figures' }),
  },
  'POST /settings/figures/snapshot': {
    ok: ['owner', 'platform'],
    own: OTHER_ADMINS,
    why: 'admins snapshot their own organization, operators a whole province (POST /api/v1/admin/snapshots)',
    // As in the API matrix: today, the onboarding day; an operator's allowed call on a throwaway province.
    build: (ids, scene, persona) => ({
      path: '/settings/figures/snapshot',
      form: { date: scene.today, ...(persona === 'platform' && { provinceId: ids.province }) },
    }),
    fresh: REQUESTS['POST /api/v1/admin/snapshots']?.fresh,
  },
  'POST /settings/figures/revision': {
    ok: ['owner'],
    own: OTHER_ADMINS,
    why: 'an admin corrects their own organization’s snapshot (POST /api/v1/admin/snapshots/{date}/revisions)',
    // Today's snapshot exists by then: the allowed snapshot call above took it.
    build: (_ids, scene) => ({
      path: '/settings/figures/revision',
      form: { date: scene.today, reason: 'Nhập bổ sung hội viên bị sót' },
    }),
  },
  'POST /settings/figures/recount': {
    ok: ['owner'],
    own: OTHER_ADMINS,
    why: 'an admin recounts their own figures (POST /api/v1/admin/recount)',
    build: () => ({ path: '/settings/figures/recount', form: { apply: 'yes' } }),
  },
  'GET /settings/api-keys': {
    ok: ['owner'],
    own: OTHER_ADMINS,
    why: 'an organization’s admin lists its keys (GET /api/v1/api-keys)',
    build: () => ({ path: '/settings/api-keys' }),
  },
  'POST /settings/api-keys': {
    ok: ['owner'],
    own: OTHER_ADMINS,
    why: 'an organization’s admin creates its keys (POST /api/v1/api-keys)',
    build: (_ids, scene) => ({
      path: '/settings/api-keys',
      form: { description: 'Khóa của ma trận', 'scope.members:read': 'yes', validUntil: scene.today },
    }),
  },
  'POST /settings/api-keys/:id/revoke': {
    ok: ['owner'],
    why: 'an organization’s admin revokes its keys (DELETE /api/v1/api-keys/{id})',
    build: (ids) => ({ path: `/settings/api-keys/${ids.apiKey}/revoke`, form: {} }),
    fresh: REQUESTS['DELETE /api/v1/api-keys/{id}']?.fresh,
  },
  'GET /settings/webhooks': {
    ok: ['owner'],
    own: WEBHOOK_MANAGERS,
    why: 'an admin lists their endpoints (GET /api/v1/webhooks); the Front’s staff its own',
    build: () => ({ path: '/settings/webhooks' }),
  },
  'POST /settings/webhooks': {
    ok: ['owner'],
    own: WEBHOOK_MANAGERS,
    why: 'an admin registers an endpoint (POST /api/v1/webhooks); the Front’s staff, for figures',
    build: () => ({
      path: '/settings/webhooks',
      form: { url: 'https://hook.example.org/page-matrix', 'event.snapshot.taken': 'yes' },
    }),
  },
  'GET /settings/webhooks/:id': {
    ok: ['owner'],
    why: 'an endpoint and its deliveries are its admin’s (GET /api/v1/webhooks/{id}/deliveries)',
    build: (ids) => ({ path: `/settings/webhooks/${ids.webhook}` }),
  },
  // Each allowed change gets an endpoint of its own at version 1, as in the API matrix.
  'POST /settings/webhooks/:id/edit': {
    ok: ['owner'],
    why: 'its admin changes it (PATCH /api/v1/webhooks/{id})',
    build: (ids) => ({
      path: `/settings/webhooks/${ids.webhook}/edit`,
      form: {
        url: 'https://hook.example.org/page-matrix-edit',
        description: 'Đổi mô tả',
        'event.member.created': 'yes',
        enabled: 'yes',
        version: '1',
      },
    }),
    fresh: REQUESTS['PATCH /api/v1/webhooks/{id}']?.fresh,
  },
  'POST /settings/webhooks/:id/rotate-secret': {
    ok: ['owner'],
    why: 'its admin rotates its secret (POST /api/v1/webhooks/{id}/rotate-secret)',
    build: (ids) => ({ path: `/settings/webhooks/${ids.webhook}/rotate-secret`, form: { version: '1' } }),
    fresh: REQUESTS['POST /api/v1/webhooks/{id}/rotate-secret']?.fresh,
  },
  'POST /settings/webhooks/:id/delete': {
    ok: ['owner'],
    why: 'its admin deletes it (DELETE /api/v1/webhooks/{id})',
    build: (ids) => ({
      path: `/settings/webhooks/${ids.webhook}/delete`,
      form: { agree: 'yes', version: '1' },
    }),
    fresh: REQUESTS['DELETE /api/v1/webhooks/{id}']?.fresh,
  },
  'POST /settings/webhooks/:id/test': {
    ok: ['owner'],
    why: 'its admin sends a test event (POST /api/v1/webhooks/{id}/test)',
    build: (ids) => ({ path: `/settings/webhooks/${ids.webhook}/test`, form: {} }),
  },
  'POST /settings/webhooks/:id/deliveries/:deliveryId/replay': {
    ok: ['owner'],
    why: 'its admin sends a delivery again (POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/replay)',
    build: (ids) => ({
      path: `/settings/webhooks/${ids.webhook}/deliveries/${ids.delivery}/replay`,
      form: {},
    }),
  },
};
