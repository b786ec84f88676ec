/**
 * Tells clients that what they use is going away, on every answer that used it: `Deprecation`
 * (RFC 9745) with the moment it was deprecated, `Sunset` (RFC 8594) with the day it stops
 * working, and a `Link` to the docs. docs/api-versioning.md says when and for how long.
 */
import type { Context, MiddlewareHandler } from 'hono';

export interface DeprecationNotice {
  readonly deprecatedOn: Date;
  readonly sunsetOn: Date;
  /** A deprecated parameter: whether this request used it. Without it the whole operation is. */
  readonly usedBy?: (c: Context) => boolean;
}

export function announceDeprecation(notice: DeprecationNotice): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (notice.usedBy && !notice.usedBy(c)) return;
    c.header('deprecation', `@${Math.floor(notice.deprecatedOn.getTime() / 1000)}`);
    c.header('sunset', notice.sunsetOn.toUTCString());
    c.header('link', '</docs>; rel="deprecation"; type="text/html"', { append: true });
  };
}
