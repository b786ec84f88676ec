/**
 * Headers every response carries, error documents included (they run through this middleware
 * like any other response), and the caching rule for the API.
 *
 * The one CSP fits both the JSON API and the /docs page: Swagger UI loads its script, style and
 * init file from our own origin (no inline script), fetches /openapi.json and "Try it out"
 * calls from it, and draws its icons from data: URIs in its stylesheet. Nothing may frame us.
 * The web admin's script sends an uploaded list straight to the file store: on AWS the bucket's
 * origin is the one place beside our own it may connect to.
 */
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';

export const securityHeaders = securityHeadersFor(undefined);

export function securityHeadersFor(fileStoreOrigin: string | undefined) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", ...(fileStoreOrigin ? [fileStoreOrigin] : [])],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    // Nothing to other sites; our own forms keep their Origin (under no-referrer Chromium sends
    // `Origin: null`, and the pages' CSRF check could not tell their forms from a forged one).
    referrerPolicy: 'same-origin',
  });
}

/**
 * Everything under /api/v1 is personal or tenant data, or tokens (the auth endpoints): no cache
 * on the way, nor the browser's, may keep a copy. Set after the route, so no route can forget
 * it or loosen it. Public files (the docs' assets, the JWKS, the OpenAPI document) live outside
 * /api/v1 and keep their own caching.
 */
export const noStore = createMiddleware(async (c, next) => {
  await next();
  c.res.headers.set('cache-control', 'no-store');
});
