/**
 * Signing in at `/`, refreshing the session on the way to a page, signing out, and the language
 * switch. Signing in goes through the same service as the token endpoint, with its limits on
 * guessing; signing out revokes the whole refresh family, as the API's revoke does.
 */

import type { Context } from 'hono';
import { Hono } from 'hono';
import { signInSchema } from '#shared/auth/credentials.ts';
import type { SignInService } from '#shared/auth/sign-in.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { errorMessages } from '#shared/domain/messages.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { actAs } from '../http/authenticate.ts';
import { signInService } from '../http/sign-in-service.ts';
import { ErrorSummary, type FormState, PostForm, TextField } from './components/forms.tsx';
import { homeOf } from './components/navigation.ts';
import { newCsrfToken } from './http/csrf.ts';
import { readForm } from './http/forms.ts';
import { switchLanguage } from './http/language.ts';
import { localPath } from './http/local-path.ts';
import { renderPage } from './http/render.tsx';
import {
  clearSessionCookies,
  REFRESH_PATH,
  readAccessCookie,
  readRefreshCookie,
  SIGN_OUT_PATH,
  writeSessionCookies,
} from './http/session-cookies.ts';

type Notice = 'expired' | 'signedOut';

export function signInPages(deps: AppDependencies) {
  const service = signInService(deps);
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const principal = await currentPrincipal(c, deps);
      if (principal) return c.redirect(homeOf(principal), 303);
      const notice = c.req.query('expired') ? 'expired' : c.req.query('signedOut') ? 'signedOut' : undefined;
      return signInForm(c, { values: {}, errors: {} }, { notice });
    })
    .post('/sign-in', async (c) => signIn(c, service, deps))
    .on(['GET', 'POST'], REFRESH_PATH, async (c) => refresh(c, service))
    .post(SIGN_OUT_PATH, async (c) => {
      const token = readRefreshCookie(c);
      // A token that no longer verifies has nothing left to revoke; the cookies go all the same.
      if (token) await service.revoke(token).catch(() => undefined);
      clearSessionCookies(c);
      return c.redirect('/?signedOut=1', 303);
    })
    .get('/language', switchLanguage);
}

async function currentPrincipal(c: Context<AppEnv>, deps: AppDependencies) {
  const token = readAccessCookie(c);
  if (!token) return undefined;
  try {
    await actAs(c, deps, token);
    return c.get('principal');
  } catch {
    return undefined;
  }
}

async function signIn(c: Context<AppEnv>, service: SignInService, deps: AppDependencies) {
  const form = await readForm(c, signInSchema, ({ username = '', password = '' }) => ({
    username,
    password,
  }));
  // The password never comes back into the page.
  const typed = { username: form.values.username ?? '' };
  if (!form.ok) return signInForm(c, { values: typed, errors: form.errors }, { status: 400 });
  try {
    const pair = await service.signIn(form.data.username, form.data.password, deps.clientAddress(c));
    writeSessionCookies(c, pair);
    newCsrfToken(c);
    return c.redirect(localPath(c.req.query('back')), 303);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code !== 'INVALID_CREDENTIALS' && error.code !== 'TOO_MANY_SIGN_IN_ATTEMPTS') throw error;
    const refusal = errorMessages[error.code].detail(error.params);
    const status = error.code === 'INVALID_CREDENTIALS' ? 401 : 429;
    return signInForm(c, { values: typed, errors: {} }, { status, refusal: refusal[c.get('lang')] });
  }
}

/**
 * Exchanges the refresh cookie for a new pair and returns to the page asked for, with a 307 so a
 * form on its way is submitted again unchanged. A refresh token that fails (expired, revoked,
 * reused) ends the session.
 */
async function refresh(c: Context<AppEnv>, service: SignInService) {
  const back = localPath(c.req.query('back'));
  const token = readRefreshCookie(c);
  try {
    if (!token) throw new DomainError('INVALID_REFRESH_TOKEN');
    writeSessionCookies(c, await service.refresh(token));
    return c.redirect(back, 307);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    clearSessionCookies(c);
    return c.redirect(`/?expired=1&back=${encodeURIComponent(back)}`, 303);
  }
}

interface SignInFormOptions {
  readonly status?: 400 | 401 | 429;
  readonly notice?: Notice | undefined;
  readonly refusal?: string;
}

function signInForm(c: Context<AppEnv>, form: FormState, options: SignInFormOptions) {
  const back = c.req.query('back');
  const action = back ? `/sign-in?back=${encodeURIComponent(localPath(back))}` : '/sign-in';
  return renderPage(c, { title: (view) => view.t('signIn.title'), status: options.status ?? 200 }, (view) => (
    <div class="panel narrow">
      {options.notice === 'expired' && <p class="notice warn">{view.t('signIn.expired')}</p>}
      {options.notice === 'signedOut' && <p class="notice ok">{view.t('signIn.signedOut')}</p>}
      <p>{view.t('signIn.intro')}</p>
      <ErrorSummary view={view} form={form} message={options.refusal} />
      <PostForm view={view} action={action}>
        <TextField
          view={view}
          form={form}
          name="username"
          label={view.t('signIn.username')}
          autocomplete="username"
          required
        />
        <TextField
          view={view}
          form={form}
          name="password"
          type="password"
          label={view.t('signIn.password')}
          autocomplete="current-password"
          required
        />
        <div class="actions">
          <button type="submit">{view.t('signIn.submit')}</button>
        </div>
      </PostForm>
    </div>
  ));
}
