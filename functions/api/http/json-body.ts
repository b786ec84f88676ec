/**
 * Request bodies: JSON only, parsed once here so that bad JSON is a clear MALFORMED_JSON and a
 * wrong content type a 415, before any route's schema sees them.
 */
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { DomainError } from '#shared/domain/errors.ts';

export const MAX_BODY_BYTES = 64 * 1024;

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new DomainError('BODY_TOO_LARGE', { limit: String(MAX_BODY_BYTES) });
  },
});

export const parseJsonBody = createMiddleware(async (c, next) => {
  if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
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
