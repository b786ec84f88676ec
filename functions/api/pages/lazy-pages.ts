/**
 * The web admin, loaded on its first request (issue 13): its code is a large part of what a cold
 * start would parse, and an API call never needs it. Every page route is registered at start
 * (page-route-table.ts), so the app's 404s and 405s and `app.routes` see them as before; each
 * hands its request to the pages app (page-routes.ts), loaded once and kept.
 */
import { type Context, Hono } from 'hono';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { PAGE_ROUTES } from './page-route-table.ts';
import type { pageRoutes } from './page-routes.ts';

/** What the pages app is handed beside the runtime's bindings: the app's context of the request. */
export interface PageBindings {
  readonly app: Context<AppEnv>;
}

export function lazyPageRoutes(deps: AppDependencies) {
  let pages: Promise<ReturnType<typeof pageRoutes>> | undefined;
  const serve = async (c: Context<AppEnv>) => {
    // A failed load is not kept: the next page tries again rather than every page failing until restart.
    pages ??= import('./page-routes.ts')
      .then((module) => module.pageRoutes(deps))
      .catch((error: unknown) => {
        pages = undefined;
        throw error;
      });
    // The runtime's bindings go on with the request: getConnInfo reads the caller's address there.
    const bindings: PageBindings = { ...(c.env as object | undefined), app: c };
    const page = await (await pages).fetch(c.req.raw, bindings);
    // Through the app's context, so the headers its middleware set before (the request id) go too.
    return c.newResponse(page.body, page);
  };
  const routes = new Hono<AppEnv>();
  for (const route of PAGE_ROUTES) {
    const [method, path] = route.split(' ') as [string, string];
    routes.on(method, path, serve);
  }
  return routes;
}
