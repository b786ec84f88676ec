/**
 * Request bodies: JSON only, parsed once here so that bad JSON is a clear MALFORMED_JSON and a
 * wrong content type a 415, before any route's schema sees them.
 */
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { DomainError } from '#shared/domain/errors.ts';

export const MAX_BODY_BYTES = 64 * 1024;
/** A spreadsheet an import checks: API Gateway's largest payload. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Paths that take a file (an import's spreadsheet) rather than JSON; their routes read the body. */
const FILE_PATHS = new Set(['/api/v1/imports', '/api/v1/imports/check']);
const takesFile = (path: string) => FILE_PATHS.has(path);

const limitTo = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new DomainError('BODY_TOO_LARGE', { limit: String(maxSize) });
    },
  });
const limitJson = limitTo(MAX_BODY_BYTES);
const limitFile = limitTo(MAX_FILE_BYTES);

export const limitBody = createMiddleware((c, next) =>
  (takesFile(c.req.path) ? limitFile : limitJson)(c, next),
);

export const parseJsonBody = createMiddleware(async (c, next) => {
  if (['POST', 'PUT', 'PATCH'].includes(c.req.method) && !takesFile(c.req.path)) {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE');
    try {
      // Hono caches the parsed body, so the route's validator reads this same result.
      await c.req.json();
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new DomainError('MALFORMED_JSON');
    }
  }
  await next();
});
