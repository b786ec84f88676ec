/**
 * Page matrix cases of the branch-rating pages: each page or form is for whom the API operation it
 * wraps is for (authorization-expectations.ts). A change of state happens once, so each allowed
 * one gets a branch whose rating is in the state it starts from, as in the API matrix.
 */
import type { Ids, MatrixScene, Persona } from '../authorization-matrix-scene.ts';
import type { PageCases } from './page-case.ts';

const READERS: readonly Persona[] = ['owner', 'viewer', 'branchOfficer'];
const NEIGHBOURS: readonly Persona[] = ['otherOrganization', 'mapEditor'];
/** Admins of other organizations: each sets up criteria of their own. */
const OTHER_ADMINS: readonly Persona[] = ['otherProvince', 'otherOrganization', 'mapEditor'];

const page = (ids: Ids, scene: MatrixScene, tail = '') =>
  `/branches/${ids.branch}/ratings/${scene.ratingYear}${tail}`;
const freshRating = (state: 'draft' | 'submitted' | 'approved') => async (scene: MatrixScene) => ({
  branch: await scene.freshRating(state),
});

export const ratingsCases: PageCases = {
  'GET /ratings/criteria/:year/:kind': {
    ok: [...READERS, 'outOfScopeOfficer'],
    own: OTHER_ADMINS,
    why: 'GET /api/v1/rating-criteria/{year}/{branchKind}: every officer of the organization rates by its criteria; another organization’s admin gets the form to set up their own',
    build: (_ids, scene) => ({ path: `/ratings/criteria/${scene.ratingYear}/residential` }),
  },
  'POST /ratings/criteria/:year/:kind': {
    ok: ['owner'],
    own: OTHER_ADMINS,
    why: 'PUT /api/v1/rating-criteria/{year}/{branchKind}: the organization admin’s; other admins configure their own',
    // Another year than the scene's: its set is locked once the allowed calls submit ratings.
    build: () => ({
      path: '/ratings/criteria/2024/residential',
      form: {
        'criteria.0.id': 'sinh-hoat',
        'criteria.0.label': 'Sinh hoạt định kỳ hằng tháng',
        'criteria.0.kind': 'yes_no',
        'criteria.0.weight': '3',
        'criteria.0.required': 'yes',
        'thresholds.strong': '90',
        'thresholds.good': '70',
        'thresholds.average': '50',
      },
    }),
  },
  'GET /ratings': {
    ok: ['owner', 'viewer'],
    own: NEIGHBOURS,
    why: 'GET /api/v1/branch-ratings and …/progress: ratings under a unit in the reader’s scope; other organizations list their own',
    build: (ids, scene) => ({ path: `/ratings?year=${scene.ratingYear}&unitId=${ids.unit}` }),
  },
  'GET /branches/:id/ratings/:year': {
    ok: READERS,
    why: 'GET /api/v1/branches/{id}/ratings/{year}: a branch’s rating, for whoever reads the branch',
    build: (ids, scene) => ({ path: page(ids, scene) }),
  },
  'POST /branches/:id/ratings/:year': {
    ok: ['owner'],
    why: 'PUT /api/v1/branches/{id}/ratings/{year}: the self-assessment is the commune officer’s or the admin’s',
    build: (ids, scene) => ({
      path: page(ids, scene),
      form: {
        'answers.sinh-hoat.met': 'yes',
        'answers.phat-trien.score': '9',
        'answers.hoi-phi.met': 'yes',
        'answers.mo-hinh.met': 'yes',
      },
    }),
    fresh: freshRating('draft'),
  },
  'POST /branches/:id/ratings/:year/submit': {
    ok: ['owner'],
    why: 'POST /api/v1/branches/{id}/ratings/{year}/submit: the commune officer’s or the admin’s',
    build: (ids, scene) => ({ path: page(ids, scene, '/submit'), form: {} }),
    fresh: freshRating('draft'),
  },
  'POST /branches/:id/ratings/:year/approve': {
    ok: ['owner'],
    why: 'POST /api/v1/branches/{id}/ratings/{year}/approve: the level above the commune',
    build: (ids, scene) => ({ path: page(ids, scene, '/approve'), form: {} }),
    fresh: freshRating('submitted'),
  },
  'POST /branches/:id/ratings/:year/return': {
    ok: ['owner'],
    why: 'POST /api/v1/branches/{id}/ratings/{year}/return: the level above the commune',
    build: (ids, scene) => ({ path: page(ids, scene, '/return'), form: { reason: 'Thiếu biên bản' } }),
    fresh: freshRating('submitted'),
  },
  'POST /branches/:id/ratings/:year/unlock': {
    ok: ['owner'],
    why: 'POST /api/v1/branches/{id}/ratings/{year}/unlock: the organization admin’s',
    build: (ids, scene) => ({ path: page(ids, scene, '/unlock'), form: { reason: 'Nhập nhầm điểm' } }),
    fresh: freshRating('approved'),
  },
};
