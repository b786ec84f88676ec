/** Page matrix cases of the home pages. */
import type { PageCases } from './page-case.ts';

export const homeCases: PageCases = {
  'GET /home': {
    ok: ['owner', 'viewer', 'outOfScopeOfficer'],
    own: ['otherProvince', 'otherOrganization', 'mapEditor'],
    why: 'an organization’s readers of figures see those of their own scope (GET /api/v1/stats of it); a branch officer reads no figures, as in the API, and lands on the tree; the Front and the operator have no organization',
    build: () => ({ path: '/home' }),
  },
};
