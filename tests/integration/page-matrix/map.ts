/**
 * Page matrix cases of the province's map: proposals are read and made as GET/POST
 * /api/v1/map/proposals allow, decided and the map changed by its editors only (the Front's
 * staff, an org admin granted map_editor), as POST /api/v1/map/proposals/{id}/accept|reject,
 * POST /api/v1/units and PATCH /api/v1/units/{id}.
 */
import type { Persona } from '../authorization-matrix-scene.ts';
import type { PageCases } from './page-case.ts';

const MAP_EDITORS: readonly Persona[] = ['frontAdmin', 'mapEditor'];
const freshProposal = async (scene: { freshProposal(): Promise<string> }) => ({
  proposal: await scene.freshProposal(),
});
let serial = 0;

export const mapCases: PageCases = {
  'GET /map': {
    ok: ['owner', 'viewer', 'outOfScopeOfficer', ...MAP_EDITORS],
    own: ['otherProvince', 'otherOrganization'],
    why: 'GET /api/v1/map/proposals: an organization sees its own proposals, map editors the province’s',
    build: () => ({ path: '/map' }),
  },
  'GET /map/reorganizations': {
    ok: [
      'owner',
      'viewer',
      'branchOfficer',
      'outOfScopeOfficer',
      'otherOrganization',
      'front',
      ...MAP_EDITORS,
    ],
    own: ['otherProvince', 'otherFront'],
    why: 'GET /api/v1/map/reorganizations: the map’s reorganizations are the whole province’s',
    build: () => ({ path: '/map/reorganizations' }),
  },
  'GET /map/reorganizations/new': {
    ok: MAP_EDITORS,
    why: 'the form of POST /api/v1/map/reorganizations: map editors only',
    build: () => ({ path: '/map/reorganizations/new' }),
  },
  'POST /map/reorganizations': {
    ok: MAP_EDITORS,
    why: 'POST /api/v1/map/reorganizations: map editors only',
    build: () => ({
      path: '/map/reorganizations',
      form: {
        kind: 'rename',
        effectiveDate: '2025-07-01',
        'resolution.number': `${++serial}/NQ-HĐND-trang`,
        unitId: '28261',
        // The name it has: the resolution is recorded, the victim's unit left as it is.
        name: 'Phường Mỹ Tho',
      },
    }),
  },
  'GET /map/reorganizations/:id': {
    ok: [],
    why: 'GET /api/v1/map/reorganizations/{id}/branches: an organization admin’s follow-up; the scene has none',
    build: () => ({ path: '/map/reorganizations/00000000-0000-4000-8000-000000000003' }),
  },
  'POST /map/reorganizations/:id/apply': {
    ok: [],
    why: 'POST /api/v1/map/reorganizations/{id}/apply: an organization admin’s follow-up; the scene has none',
    build: () => ({ path: '/map/reorganizations/00000000-0000-4000-8000-000000000003/apply', form: {} }),
  },
  'POST /map/proposals': {
    ok: ['owner'],
    own: ['otherProvince', 'otherOrganization', 'mapEditor'],
    why: 'POST /api/v1/map/proposals: admins and commune officers propose hamlets of their communes',
    build: () => ({
      path: '/map/proposals',
      form: { communeId: '28261', name: `Ấp Trang Mới ${++serial}`, type: 'ap' },
    }),
  },
  'POST /map/proposals/:id/accept': {
    ok: MAP_EDITORS,
    why: 'POST /api/v1/map/proposals/{id}/accept: map editors decide proposals',
    build: (ids) => ({ path: `/map/proposals/${ids.proposal}/accept`, form: {} }),
    fresh: freshProposal,
  },
  'POST /map/proposals/:id/reject': {
    ok: MAP_EDITORS,
    why: 'POST /api/v1/map/proposals/{id}/reject: map editors decide proposals',
    build: (ids) => ({ path: `/map/proposals/${ids.proposal}/reject`, form: { reason: 'Không có ấp này' } }),
    fresh: freshProposal,
  },
  'POST /map/units': {
    ok: MAP_EDITORS,
    why: 'POST /api/v1/units: map editors only',
    build: () => ({
      path: '/map/units',
      form: { parentId: '28261', type: 'khom', name: `Khóm Trang Mới ${++serial}` },
    }),
  },
  'POST /map/units/:id': {
    ok: MAP_EDITORS,
    why: 'PATCH /api/v1/units/{id}: map editors only',
    // The name it has: allowed, and the victim's hamlet keeps the name other cases look for.
    build: (ids) => ({ path: `/map/units/${ids.unit}`, form: { name: 'Khóm Bảy Riêng' } }),
  },
};
