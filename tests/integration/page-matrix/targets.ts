/** Page matrix cases of the targets pages. */
import type { PageCases } from './page-case.ts';

export const targetsCases: PageCases = {
  'GET /targets': {
    ok: ['owner', 'viewer'],
    own: ['otherOrganization', 'mapEditor'],
    why: 'targets of a unit in the reader’s scope (GET /api/v1/units/{id}/targets/{year}); the hamlet is on the neighbours’ map too, so they see their own (empty) targets for it',
    build: (ids) => ({ path: `/targets?unitId=${ids.unit}&year=2026` }),
  },
  'POST /targets': {
    ok: ['owner'],
    own: ['otherOrganization', 'mapEditor'],
    why: 'targets are set within one’s scope (PUT /api/v1/units/{id}/targets/{year}); each organization has its own for a hamlet of the map',
    // No version in the form: like the API's PUT, the grid then saves without the staleness check.
    build: (ids) => ({
      path: '/targets',
      form: { unitId: ids.unit, year: '2026', [`${ids.unit}.targetPopulation`]: '321' },
    }),
  },
};
