/** Page matrix cases of the settings pages. */
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
};
