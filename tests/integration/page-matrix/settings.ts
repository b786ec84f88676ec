/** Page matrix cases of the settings pages. */
import { REQUESTS } from '../authorization-matrix-requests.ts';
import type { PageCases } from './page-case.ts';

const OTHER_ADMINS = ['otherProvince', 'otherOrganization', 'mapEditor'] as const;

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
};
