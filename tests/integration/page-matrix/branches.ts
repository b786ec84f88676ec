/**
 * Page matrix cases of the branches pages: each page or form is for whom the API's operation it
 * wraps is for (authorization-expectations.ts); a form's page, for who may send the form.
 */
import { type MatrixScene, type Persona, uniqueSuffix } from '../authorization-matrix-scene.ts';
import type { PageCases } from './page-case.ts';

/** Personas of the victim tenant whose scope covers the victim's records (a branch officer's own branch). */
const READERS: readonly Persona[] = ['owner', 'viewer', 'branchOfficer'];
/** Admins of the victim province's other organizations: the victim's hamlet is on their map too. */
const NEIGHBOURS: readonly Persona[] = ['otherOrganization', 'mapEditor'];

/** A throwaway branch for a call that changes or closes it, so the victim's stays as it was. */
const freshBranch = async (scene: MatrixScene) => ({ branch: await scene.freshBranch() });

const freshMember = async (scene: MatrixScene) => ({ member: await scene.freshMember() });

export const branchesCases: PageCases = {
  'GET /branches/:id/member-ratings': {
    ok: READERS,
    why: 'GET /api/v1/branches/{id}/member-ratings/{year}: the members of a branch in the reader’s scope',
    build: (ids, scene) => ({
      path: `/branches/${ids.branch}/member-ratings?year=${scene.today.slice(0, 4)}`,
    }),
  },
  'POST /branches/:id/member-ratings': {
    ok: ['owner', 'branchOfficer'],
    why: 'PUT /api/v1/branches/{id}/member-ratings/{year}: the members of a branch in the writer’s scope',
    build: (ids, scene) => ({
      path: `/branches/${ids.branch}/member-ratings`,
      form: { year: scene.today.slice(0, 4), [`level.${ids.member}`]: 'good' },
    }),
    fresh: freshMember,
  },
  'GET /branches': {
    ok: READERS,
    own: [...NEIGHBOURS, 'front', 'frontAdmin'],
    why: 'GET /api/v1/branches: branches of a unit in the reader’s scope; in the province, one’s own branches of a hamlet of the map',
    build: (ids) => ({ path: `/branches?unitId=${ids.unit}` }),
  },
  'GET /branches/new': {
    ok: ['owner'],
    own: NEIGHBOURS,
    why: 'the form of POST /api/v1/branches: for who sets branches up in the unit',
    build: (ids) => ({ path: `/branches/new?unitId=${ids.unit}` }),
  },
  'POST /branches/new': {
    ok: ['owner'],
    own: NEIGHBOURS,
    why: 'POST /api/v1/branches: branches are set up within one’s scope; every organization has its own in a hamlet of the map',
    build: (ids) => ({
      path: '/branches/new',
      form: { name: `Chi hội Mới ${uniqueSuffix()}`, kind: 'residential', unitId: ids.unit },
    }),
  },
  'GET /branches/:id': {
    ok: READERS,
    why: 'GET /api/v1/branches/{id}, its groups and members: a branch in the reader’s scope',
    build: (ids) => ({ path: `/branches/${ids.branch}` }),
  },
  'POST /branches/:id/groups': {
    ok: ['owner', 'branchOfficer'],
    why: 'POST /api/v1/branches/{id}/groups: groups are the branch’s own organization, its officer adds them',
    build: (ids) => ({ path: `/branches/${ids.branch}/groups`, form: { name: `Tổ ${uniqueSuffix()}` } }),
  },
  'GET /branches/:id/edit': {
    ok: ['owner'],
    why: 'the form of PATCH /api/v1/branches/{id}: branches are changed within one’s scope',
    build: (ids) => ({ path: `/branches/${ids.branch}/edit` }),
  },
  'POST /branches/:id/edit': {
    ok: ['owner'],
    why: 'PATCH /api/v1/branches/{id}: branches are changed within one’s scope',
    build: (ids) => ({
      path: `/branches/${ids.branch}/edit`,
      form: { name: 'Chi hội Đổi Tên', version: '1' },
    }),
    fresh: freshBranch,
  },
  'GET /branches/:id/dissolve': {
    ok: ['owner'],
    why: 'the plan of POST /api/v1/branches/{id}/dissolve: dissolving a branch is a tree change',
    build: (ids) => ({ path: `/branches/${ids.branch}/dissolve` }),
  },
  'POST /branches/:id/dissolve': {
    ok: ['owner'],
    why: 'POST /api/v1/branches/{id}/dissolve: dissolving a branch is a tree change',
    build: (ids) => ({
      path: `/branches/${ids.branch}/dissolve`,
      form: { toBranchId: ids.toBranch, reason: 'Sáp nhập' },
    }),
    fresh: freshBranch,
  },
};
