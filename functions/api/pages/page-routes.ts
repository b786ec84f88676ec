/**
 * The web admin: pages drawn on the server over the same use cases as the API. This file reads
 * as the pages' table of contents; each area lives in its own file beside it.
 *
 * Page middleware is registered on every path of the app (Hono mounts a sub-app's `*` on all of
 * them), so it steps aside unless a page route will answer: the API, its documents and assets
 * answer before it, and a path nobody serves stays the app's 404.
 */
import { type Context, Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
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

const forPagesOnly = (middleware: ReturnType<typeof createMiddleware<AppEnv>>) =>
  createMiddleware<AppEnv>(async (c, next) => (isPageRequest(c) ? middleware(c, next) : next()));

/** Whether a route of the app, not only middleware (method ALL), matched this request. */
const isPageRequest = (c: Context) => matchedRoutes(c).some((route) => route.method !== 'ALL');

/** Pages show personal data: no cache on the way, nor the browser's, keeps a copy. */
const noStorePages = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
});

export function pageRoutes(deps: AppDependencies) {
  const signedIn = new Hono<AppEnv>();
  signedIn.use(forPagesOnly(pageSession(deps)));
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
  pages.route('/', assetRoutes());
  pages.use(forPagesOnly(language), forPagesOnly(noStorePages), forPagesOnly(csrfProtection));
  pages.route('/', signInPages(deps));
  pages.route('/', signedIn);
  pages.onError(pageError);
  return pages;
}
