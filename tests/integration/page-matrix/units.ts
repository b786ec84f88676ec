/**
 * Page matrix cases of the unit tree's pages: the map is the whole province's (GET
 * /api/v1/units/{id}), so a unit's page is for every member of the province; its figures, which
 * the page leaves out for who may not read them, are the stats operation's to refuse.
 */
import type { Persona } from '../authorization-matrix-scene.ts';
import type { PageCases } from './page-case.ts';

/** Everyone of the victim province, whatever their organization: the map is theirs to read. */
const MAP_READERS: readonly Persona[] = [
  'owner',
  'viewer',
  'branchOfficer',
  'outOfScopeOfficer',
  'otherOrganization',
  'front',
  'frontAdmin',
  'mapEditor',
];

export const unitsCases: PageCases = {
  'GET /units': {
    ok: MAP_READERS,
    own: ['otherProvince', 'otherFront'],
    why: 'GET /api/v1/units: the map is the whole province’s; another province opens at its own; the platform has none',
    build: () => ({ path: '/units' }),
  },
  'GET /units/:id': {
    ok: MAP_READERS,
    why: 'GET /api/v1/units/{id}: the map is the whole province’s (its figures only for readers of the unit)',
    build: (ids) => ({ path: `/units/${ids.unit}` }),
  },
};
