/**
 * Page matrix cases of the Front's dashboard and its downloads: the province's Front only, as the
 * API's GET /api/v1/front/overview, /compare and their .xlsx. The victim's hamlet is on its
 * province's map only: another province's Front does not find it.
 */
import type { PageCases } from './page-case.ts';

const FRONT_ONLY = {
  ok: ['front', 'frontAdmin'],
  why: 'the Front of the province, aggregates only (GET /api/v1/front/overview and /compare)',
} as const;

export const frontCases: PageCases = {
  'GET /front': { ...FRONT_ONLY, build: (ids) => ({ path: `/front?unitId=${ids.unit}` }) },
  'GET /front/overview.xlsx': {
    ...FRONT_ONLY,
    build: (ids) => ({ path: `/front/overview.xlsx?unitId=${ids.unit}` }),
  },
  'GET /front/compare.xlsx': {
    ...FRONT_ONLY,
    build: (ids, scene) => ({
      path: `/front/compare.xlsx?unitId=${ids.unit}&from=2025-07-01&to=${scene.today}`,
    }),
  },
};
