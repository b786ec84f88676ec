/**
 * Page matrix cases of the platform operator's pages, as the API's /api/v1/platform/provinces:
 * the operator's alone. Each allowed onboarding is of a new province, so it changes nothing the
 * other cases read.
 */
import { PASSWORD } from '../../setup/test-app.ts';
import { uniqueSuffix } from '../authorization-matrix-scene.ts';
import type { PageCases } from './page-case.ts';

/** The onboarding form filled in for province `id` (code 83, one commune), its admins `<id>.<kind>`. */
export function onboardingForm(id: string, fields: Record<string, string> = {}): Record<string, string> {
  const form: Record<string, string> = {
    id,
    code: '83',
    name: `Tỉnh ${id}`,
    validFrom: '2025-07-01',
    communes: '29001;Xã Thử Nghiệm;xa',
  };
  for (const kind of ['farmers', 'women', 'veterans', 'youth', 'front']) {
    form[`admins.${kind}.username`] = `${id}.${kind}`;
    form[`admins.${kind}.password`] = PASSWORD;
    form[`admins.${kind}.displayName`] = `Quản trị ${kind}`;
  }
  return { ...form, ...fields };
}

const OPERATOR_ONLY = { ok: ['platform'], why: 'provinces are the operators’ records and work' } as const;

export const platformCases: PageCases = {
  'GET /platform': { ...OPERATOR_ONLY, build: () => ({ path: '/platform' }) },
  'GET /platform/provinces/new': { ...OPERATOR_ONLY, build: () => ({ path: '/platform/provinces/new' }) },
  'POST /platform/provinces/new': {
    ...OPERATOR_ONLY,
    build: () => ({ path: '/platform/provinces/new', form: onboardingForm(`gamma-${uniqueSuffix()}`) }),
  },
  'GET /platform/provinces/:id': {
    ...OPERATOR_ONLY,
    build: (ids) => ({ path: `/platform/provinces/${ids.province}` }),
  },
  'POST /platform/provinces/:id/map-editors': {
    ok: ['platform'],
    why: 'the operator grants map editing (PUT /api/v1/platform/provinces/{id}/map-editors/{username})',
    build: (ids) => ({
      path: `/platform/provinces/${ids.province}/map-editors`,
      form: { username: 'alpha.veterans', change: 'grant' },
    }),
  },
};
