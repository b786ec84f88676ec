/**
 * Every page's frame: language, title, the one stylesheet and script, the header with the
 * reader's account and the language switch, the navigation they may use, and the main content.
 */
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { assetPath } from '../assets/asset-routes.ts';
import { CSRF_FIELD } from '../http/csrf.ts';
import { SIGN_OUT_PATH } from '../http/session-cookies.ts';
import type { View } from '../http/view.ts';
import { NAVIGATION } from './navigation.ts';

interface LayoutProps {
  readonly view: View;
  readonly title: string;
  /** Shown above the title: where the page sits (a unit's parents, "Members"). */
  readonly lead?: Child;
  /** Reloads the page after this many seconds: a job's status followed without a script. */
  readonly refreshSeconds?: number;
}

export const Layout: FC<PropsWithChildren<LayoutProps>> = ({
  view,
  title,
  lead,
  refreshSeconds,
  children,
}) => (
  <html lang={view.lang}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      {refreshSeconds !== undefined && <meta http-equiv="refresh" content={String(refreshSeconds)} />}
      <title>{`${title} · ${view.t('app.name')}`}</title>
      <link rel="icon" href={assetPath('icon.svg')} type="image/svg+xml" />
      <link rel="stylesheet" href={assetPath('styles.css')} />
      <script src={assetPath('enhance.js')} defer />
    </head>
    <body>
      <a class="skip" href="#main">
        {view.t('app.skipToContent')}
      </a>
      <header class="top">
        <div class="top-bar">
          <a class="brand" href="/">
            {view.t('app.name')}
          </a>
          <div class="account">
            <a
              href={`/language?to=${view.lang === 'vi' ? 'en' : 'vi'}&back=${encodeURIComponent(view.here)}`}
              lang={view.lang === 'vi' ? 'en' : 'vi'}
              hreflang={view.lang === 'vi' ? 'en' : 'vi'}
            >
              {view.t('lang.switchTo')}
            </a>
            {view.principal && (
              <>
                <span>
                  {view.t('session.signedInAs')} <strong>{view.principal.username}</strong>
                </span>
                <form method="post" action={SIGN_OUT_PATH}>
                  <input type="hidden" name={CSRF_FIELD} value={view.csrfToken} />
                  <button type="submit" class="link">
                    {view.t('session.signOut')}
                  </button>
                </form>
              </>
            )}
          </div>
        </div>
        {view.principal && <Navigation view={view} />}
      </header>
      <main id="main">
        {lead}
        <h1>{title}</h1>
        {children}
      </main>
    </body>
  </html>
);

const Navigation: FC<{ view: View }> = ({ view }) => {
  const principal = view.principal;
  if (!principal) return null;
  const path = view.here.split('?')[0] ?? '';
  const items = NAVIGATION.filter((item) => item.shownTo(principal));
  return (
    <nav class="main" aria-label={view.t('nav.label')}>
      <ul>
        {items.map((item) => (
          <li>
            <a
              href={item.href}
              aria-current={path === item.href || path.startsWith(`${item.href}/`) ? 'page' : undefined}
            >
              {view.t(item.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
};
