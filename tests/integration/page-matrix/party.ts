/** Page matrix cases of the Party introductions list. */
import type { PageCases } from './page-case.ts';

export const partyCases: PageCases = {
  'GET /party': {
    ok: ['owner'],
    own: ['otherOrganization', 'mapEditor'],
    why: 'GET /api/v1/party-introductions: who was introduced is sensitive (admins and unit officers in scope); other organizations of the province list their own',
    build: (ids, scene) => ({ path: `/party?year=${scene.today.slice(0, 4)}&unitId=${ids.unit}` }),
  },
};
