/**
 * The API: its middleware and route groups, in the order a request meets them. This file reads
 * as the table of contents; each group lives in routes/.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { logger } from '#shared/config/logger.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { AppDependencies, AppEnv } from './app-env.ts';
import { authenticate } from './http/authenticate.ts';
import { limitBody, parseJsonBody } from './http/json-body.ts';
import { allowedMethods, isMethodAllowed } from './http/method-not-allowed.ts';
import { describeApi } from './http/openapi-document.ts';
import { problemResponse, toDomainError } from './http/problem.ts';
import { noStore, securityHeadersFor } from './http/security-headers.ts';
import { validationHook } from './http/validation.ts';
import { lazyPageRoutes } from './pages/lazy-pages.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { dissolutionRoutes } from './routes/branch-dissolution.ts';
import { branchRatingRoutes } from './routes/branch-ratings.ts';
import { branchRoutes } from './routes/branches.ts';
import { docsRoutes } from './routes/docs.ts';
import { figuresRoutes } from './routes/figures.ts';
import { healthRoutes } from './routes/health.ts';
import { importRoutes } from './routes/imports.ts';
import { mapProposalRoutes } from './routes/map-proposals.ts';
import { meRoutes } from './routes/me.ts';
import { memberExportRoutes } from './routes/member-exports.ts';
import { memberRatingRoutes } from './routes/member-ratings.ts';
import { memberRoutes } from './routes/members.ts';
import { platformRoutes } from './routes/platform.ts';
import { recountRoutes } from './routes/recount.ts';
import { reorganizationRoutes } from './routes/reorganizations.ts';
import { reviewCampaignRoutes } from './routes/review-campaigns.ts';
import { settingsRoutes } from './routes/settings.ts';
import { unitRoutes } from './routes/units.ts';
import { webhookRoutes } from './routes/webhooks.ts';

export function createApp(deps: AppDependencies) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const methodsOf = allowedMethods(app);

  app.use(securityHeadersFor(deps.fileStoreOrigin));
  app.use('/api/v1/*', noStore);
  app.use(requestId());
  app.use(async (c, next) => {
    c.set('now', deps.clock());
    await next();
  });
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      // Who asked, reads included: an API key's every request is told in the log as `key:<id>`.
      actor: c.get('principal')?.userId,
      durationMs: Math.round(performance.now() - started),
    });
  });
  // A wrong method is told before the body is looked at: a PUT to a POST-only path is a 405, not a 415.
  app.use('/api/*', async (c, next) => {
    const allow = methodsOf(c.req.path);
    if (allow.length > 0 && !isMethodAllowed(allow, c.req.method))
      throw new DomainError('METHOD_NOT_ALLOWED', { method: c.req.method, allow: allow.join(', ') });
    await next();
  });
  app.use('/api/*', limitBody, parseJsonBody);
  app.use('/api/v1/*', async (c, next) =>
    c.req.path.startsWith('/api/v1/auth/') ? next() : authenticate(deps)(c, next),
  );

  app.route('/', healthRoutes());
  app.route('/', authRoutes(deps));
  app.route('/', meRoutes());
  app.route('/', platformRoutes(deps));
  app.route('/', unitRoutes());
  app.route('/', mapProposalRoutes());
  app.route('/', reorganizationRoutes(deps));
  app.route('/', branchRoutes());
  app.route('/', dissolutionRoutes(deps));
  app.route('/', memberExportRoutes(deps));
  app.route('/', memberRoutes(deps));
  app.route('/', importRoutes(deps));
  app.route('/', memberRatingRoutes(deps));
  app.route('/', branchRatingRoutes());
  app.route('/', reviewCampaignRoutes(deps));
  app.route('/', auditRoutes());
  app.route('/', settingsRoutes(deps));
  app.route('/', apiKeyRoutes(deps));
  app.route('/', webhookRoutes(deps));
  app.route('/', recountRoutes());
  app.route('/', figuresRoutes(deps));
  app.route('/', docsRoutes(deps));
  // One machine only: the signed links of the file store in DATA_DIR (on AWS they are S3's own).
  const { fileLinks } = deps;
  if (fileLinks) app.on(['GET', 'HEAD', 'PUT'], '/files/*', (c) => fileLinks(c.req.raw));

  describeApi(app);

  // The web admin last, so no page can shadow a route above; its code loads on the first page asked for.
  app.route('/', lazyPageRoutes(deps));

  app.notFound((c) => {
    const allow = methodsOf(c.req.path);
    // A route of this method that found nothing (a missing docs asset) is a 404, not a 405.
    if (allow.length > 0 && !isMethodAllowed(allow, c.req.method)) {
      return problemResponse(
        c,
        new DomainError('METHOD_NOT_ALLOWED', { method: c.req.method, allow: allow.join(', ') }),
      );
    }
    return problemResponse(c, new DomainError('ROUTE_NOT_FOUND', { path: c.req.path }));
  });
  app.onError((error, c) => {
    const domainError = toDomainError(error);
    if (domainError.code === 'INTERNAL')
      logger.error('unhandled error', { requestId: c.get('requestId'), error });
    return problemResponse(c, domainError);
  });
  return app;
}
