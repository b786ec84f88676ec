/**
 * Page matrix cases of the member review pages: each page or form is for whom the API operation
 * it wraps is for (authorization-expectations.ts), and starts from the same records as that
 * operation in the API matrix (a campaign open, a member to confirm, a branch ready to be done).
 */

import { REQUESTS } from '../authorization-matrix-requests.ts';
import type { Ids, MatrixScene, Persona } from '../authorization-matrix-scene.ts';
import type { PageCases } from './page-case.ts';

const READERS: readonly Persona[] = ['owner', 'viewer', 'branchOfficer'];
const MEMBER_WRITERS: readonly Persona[] = ['owner', 'branchOfficer'];
const OTHER_ADMINS: readonly Persona[] = ['otherProvince', 'otherOrganization', 'mapEditor'];
/** Other organizations of the province: the same map, their own reviews. */
const NEIGHBOURS: readonly Persona[] = ['otherOrganization', 'mapEditor'];

/** The API matrix's records for the operation a page wraps. */
const freshOf = (operation: string) => REQUESTS[operation]?.fresh;

const yearOf = (scene: MatrixScene, offset = 0) => Number(scene.today.slice(0, 4)) + offset;
const sheet = (ids: Ids, scene: MatrixScene, tail = '') =>
  `/branches/${ids.branch}/review/${yearOf(scene)}${tail}`;

export const reviewsCases: PageCases = {
  'GET /reviews': {
    ok: READERS,
    own: NEIGHBOURS,
    why: 'GET /api/v1/reviews/{year} and …/progress: the campaign for whoever reads members, its progress under a unit in the reader’s scope (a branch officer sees their own branch); other organizations read their own',
    build: (ids, scene) => ({ path: `/reviews?year=${yearOf(scene)}&unitId=${ids.unit}` }),
    fresh: freshOf('GET /api/v1/reviews/{year}/progress'),
  },
  'POST /reviews': {
    ok: ['owner'],
    own: OTHER_ADMINS,
    why: 'POST /api/v1/reviews: the organization admin opens a year’s review; other admins open their own',
    build: (_ids, scene) => ({
      path: '/reviews',
      form: { year: String(yearOf(scene, 1)), deadline: scene.today },
    }),
  },
  'POST /reviews/:year/close': {
    ok: ['owner'],
    why: 'POST /api/v1/reviews/{year}/close: the organization admin’s; other organizations have none to close',
    build: (_ids, scene) => ({ path: `/reviews/${yearOf(scene, -1)}/close`, form: { agree: 'yes' } }),
    fresh: freshOf('POST /api/v1/reviews/{year}/close'),
  },
  'GET /branches/:id/review/:year': {
    ok: READERS,
    why: 'GET /api/v1/branches/{id}/review/{year}: the members of a branch in the reader’s scope',
    build: (ids, scene) => ({ path: sheet(ids, scene) }),
    fresh: freshOf('GET /api/v1/branches/{id}/review/{year}'),
  },
  'POST /branches/:id/review/:year': {
    ok: MEMBER_WRITERS,
    why: 'POST /api/v1/branches/{id}/review/{year}: the members of a branch in the writer’s scope',
    build: (ids, scene) => ({
      path: sheet(ids, scene),
      form: { [`pick.${ids.member}`]: 'yes', action: 'selected' },
    }),
    fresh: freshOf('POST /api/v1/branches/{id}/review/{year}'),
  },
  'POST /branches/:id/review/:year/done': {
    ok: MEMBER_WRITERS,
    why: 'POST /api/v1/branches/{id}/review/{year}/done: a branch in the writer’s scope declares its review done',
    build: (ids, scene) => ({ path: sheet(ids, scene, '/done'), form: {} }),
    fresh: freshOf('POST /api/v1/branches/{id}/review/{year}/done'),
  },
};
