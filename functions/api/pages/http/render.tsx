/** Answers a request with a whole page in the frame every page shares. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../app-env.ts';
import { Layout } from '../components/layout.tsx';
import { type View, viewOf } from './view.ts';

interface PageOptions {
  /** The page's title in the reader's language. */
  readonly title: string | ((view: View) => string);
  readonly lead?: Child;
  readonly status?: ContentfulStatusCode;
  readonly refreshSeconds?: number;
}

/** `body` draws the page's content for this reader; the frame around it is the same for all. */
export function renderPage(c: Context<AppEnv>, options: PageOptions, body: (view: View) => Child) {
  const view = viewOf(c);
  return c.html(
    <Layout
      view={view}
      title={typeof options.title === 'string' ? options.title : options.title(view)}
      lead={options.lead}
      refreshSeconds={options.refreshSeconds}
    >
      {body(view)}
    </Layout>,
    options.status ?? 200,
  );
}
