/** Addresses of a branch's pages, and the branch id a page's path names. */
import type { Context } from 'hono';
import { DomainError } from '#shared/domain/errors.ts';

export const branchHref = (id: string, tail = '') => `/branches/${encodeURIComponent(id)}${tail}`;

/** Ids are at most 64 characters, as the API takes them; a longer one names no branch. */
export function branchIdParam(c: Context): string {
  const id = c.req.param('id') ?? '';
  if (id.length === 0 || id.length > 64) throw new DomainError('BRANCH_NOT_FOUND', { id: '' });
  return id;
}
