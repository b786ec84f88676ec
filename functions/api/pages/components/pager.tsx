/**
 * The links under a list paged by its use case's cursor: on to the next page while there is one,
 * and back to the first once past it. Lists never count, so there is no "page 3 of 40".
 */
import type { FC } from 'hono/jsx';
import type { View } from '../http/view.ts';

/** This page's path and query with some parameters set or (undefined) taken out. */
export function withQuery(here: string, changes: Record<string, string | undefined>): string {
  const url = new URL(here, 'http://page.invalid');
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  return url.pathname + url.search;
}

export const Pager: FC<{ view: View; nextCursor: string | null }> = ({ view, nextCursor }) => {
  const onLaterPage = new URL(view.here, 'http://page.invalid').searchParams.has('cursor');
  if (!nextCursor && !onLaterPage) return null;
  // A fragment fetched for live search links to whole pages.
  const link = (cursor: string | undefined) => withQuery(view.here, { cursor, partial: undefined });
  return (
    <p class="pager">
      {onLaterPage && <a href={link(undefined)}>{view.t('paging.first')}</a>}
      {nextCursor && <a href={link(nextCursor)}>{view.t('paging.next')}</a>}
    </p>
  );
};
