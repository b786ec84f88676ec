/**
 * The web admin: pages drawn on the server over the same use cases as the API. This file reads
 * as the pages' table of contents; each area lives in its own file beside it.
 *
 * The pages are an app of their own, loaded on first use: the API's app hands it only the
 * requests one of its routes answers (lazy-pages.ts), with what the API's middleware set for them.
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { assetRoutes } from './assets/asset-routes.ts';
import { auditPages } from './audit/audit-pages.tsx';
import { branchPages } from './branches/branches-pages.tsx';
import { frontPages } from './front/front-pages.tsx';
import { homePages } from './home.tsx';
import { csrfProtection } from './http/csrf.ts';
import { language } from './http/language.ts';
import { pageError } from './http/page-errors.tsx';
import { pageSession } from './http/page-session.ts';
import type { PageBindings } from './lazy-pages.ts';
import { mapPages } from './map/map-pages.tsx';
import { memberPages } from './members/members-pages.tsx';
import { partyListPages } from './party/party-list.tsx';
import { platformPages } from './platform/platform-pages.tsx';
import { ratingPages } from './ratings/ratings-pages.tsx';
import { reviewPages } from './reviews/reviews-pages.tsx';
import { settingsPages } from './settings/settings-pages.tsx';
import { signInPages } from './sign-in.tsx';
import { targetPages } from './targets/targets-pages.tsx';
import { unitPages } from './units/units-pages.tsx';

/** The request's id and moment are the API app's, which set them before handing the request over. */
const fromApp = createMiddleware<{ Bindings: PageBindings; Variables: AppEnv['Variables'] }>(
  async (c, next) => {
    c.set('requestId', c.env.app.get('requestId'));
    c.set('now', c.env.app.get('now'));
    await next();
  },
);

/** Pages show personal data: no cache on the way, nor the browser's, keeps a copy. */
const noStorePages = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
});

export function pageRoutes(deps: AppDependencies) {
  const signedIn = new Hono<AppEnv>();
  signedIn.use(pageSession(deps));
  signedIn.route('/', homePages(deps));
  signedIn.route('/', memberPages(deps));
  signedIn.route('/', partyListPages(deps));
  signedIn.route('/', unitPages(deps));
  signedIn.route('/', branchPages(deps));
  signedIn.route('/', targetPages(deps));
  signedIn.route('/', settingsPages(deps));
  signedIn.route('/', auditPages(deps));
  signedIn.route('/', frontPages(deps));
  signedIn.route('/', platformPages(deps));
  signedIn.route('/', mapPages(deps));
  signedIn.route('/', ratingPages());
  signedIn.route('/', reviewPages(deps));

  const pages = new Hono<AppEnv>();
  pages.use(fromApp);
  pages.route('/', assetRoutes());
  pages.use(language, noStorePages, csrfProtection);
  pages.route('/', signInPages(deps));
  pages.route('/', signedIn);
  pages.onError(pageError);
  return pages;
}
