/**
 * Optimistic concurrency over HTTP: a record's version is its ETag, and a change names the
 * version it was made against in If-Match.
 */
import type { Context } from 'hono';
import { DomainError } from '#shared/domain/errors.ts';

export const etagOf = (version: number) => `"v${version}"`;

/**
 * The version If-Match names; undefined without the header. A header naming no version never
 * matches, nor does a weak tag: If-Match uses the strong comparison (RFC 9110 §13.1.1), since a
 * weak tag only claims an equivalent representation, not the exact version a write is based on.
 */
export function ifMatchVersion(c: Context): number | undefined {
  const header = c.req.header('if-match');
  if (header === undefined) return undefined;
  const match = /^\s*"v(\d{1,9})"\s*$/.exec(header);
  if (!match) throw new DomainError('PRECONDITION_FAILED');
  return Number(match[1]);
}
