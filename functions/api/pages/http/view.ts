/**
 * What a page needs to draw itself for this reader: their language and its words, who they are,
 * the form token, and where they are. Built once per request and handed to components.
 */
import type { Context } from 'hono';
import type { Message } from '#shared/domain/messages.ts';
import type { Principal } from '#shared/domain/roles.ts';
import type { Lang } from '#shared/domain/ui-text/index.ts';
import { type UiTextKey, uiText } from '#shared/domain/ui-text/index.ts';
import type { AppEnv } from '../../app-env.ts';

export interface View {
  readonly lang: Lang;
  /** A word of the catalog in the reader's language. */
  readonly t: (key: UiTextKey) => string;
  /** Any catalog message (an error, a field message) in the reader's language. */
  readonly say: (message: Message) => string;
  readonly principal: Principal | undefined;
  readonly csrfToken: string;
  /** Path and query of this page, for links that come back to it. */
  readonly here: string;
}

export function viewOf(c: Context<AppEnv>): View {
  const lang = c.get('lang');
  const url = new URL(c.req.url);
  return {
    lang,
    t: (key) => uiText[key][lang],
    say: (message) => message[lang],
    principal: c.get('principal'),
    csrfToken: c.get('csrfToken'),
    here: url.pathname + url.search,
  };
}
