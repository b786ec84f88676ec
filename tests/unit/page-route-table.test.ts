/**
 * The page routes the app registers at start (page-route-table.ts) are the ones the pages app
 * answers: a page without its line would be the app's 404, a line without its page would load
 * the pages for nothing.
 */
import { expect, it } from 'vitest';
import type { AppDependencies } from '../../functions/api/app-env.ts';
import { PAGE_ROUTES } from '../../functions/api/pages/page-route-table.ts';
import { pageRoutes } from '../../functions/api/pages/page-routes.ts';

it('lists every route of the pages app, in its order', () => {
  // Routes are built without touching a dependency: they are used only once a request comes.
  const answered = pageRoutes({} as AppDependencies)
    .routes.filter((route) => !(route.method === 'ALL' && route.path.endsWith('*')))
    .map((route) => `${route.method} ${route.path}`);
  const table = answered.map((route) => `  '${route}',`).join('\n');
  expect(PAGE_ROUTES, `page-route-table.ts should list:\n${table}`).toEqual(answered);
});
