/**
 * A page's failure shown as a page, in the reader's language: the same domain errors and
 * statuses as the API (403, 404, 409…), a way back home, and the request id to quote. A lost
 * session goes back to signing in.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { logger } from '#shared/config/logger.ts';
import { errorMessages, type Message } from '#shared/domain/messages.ts';
import { uiText } from '#shared/domain/ui-text/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { statusOf, toDomainError } from '../../http/problem.ts';
import { CsrfRefused } from './csrf.ts';
import { signInPath } from './page-session.ts';
import { renderPage } from './render.tsx';

export function pageError(error: Error, c: Context<AppEnv>) {
  if (error instanceof CsrfRefused) return errorPage(c, 403, uiText['error.title'], uiText['csrf.refused']);
  const domainError = toDomainError(error);
  if (domainError.code === 'UNAUTHENTICATED') return c.redirect(signInPath(new URL(c.req.url).pathname), 303);
  if (domainError.code === 'INTERNAL')
    logger.error('unhandled page error', { requestId: c.get('requestId'), error });
  const entry = errorMessages[domainError.code];
  return errorPage(c, statusOf(domainError.code), entry.title, entry.detail(domainError.params));
}

function errorPage(c: Context<AppEnv>, status: number, title: Message, detail: Message) {
  // The language middleware may not have run when the failure came before it.
  if (!c.get('lang')) c.set('lang', 'vi');
  return renderPage(c, { title: title[c.get('lang')], status: status as ContentfulStatusCode }, (view) => (
    <div class="panel">
      <p>{view.say(detail)}</p>
      <p class="muted">
        <small>
          {view.t('error.requestId')}: {c.get('requestId')}
        </small>
      </p>
      <p>
        <a href="/">{view.t('error.back')}</a>
      </p>
    </div>
  ));
}
