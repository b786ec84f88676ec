/**
 * Page matrix cases of the session pages: signing in, refreshing, signing out and the language
 * switch work before (or without) a session, so they are everyone's — but a refresh, which needs
 * the refresh cookie only a signed-in browser holds.
 */
import { PASSWORD } from '../../setup/test-app.ts';
import { type PageCases, SIGNED_IN } from './page-case.ts';

export const sessionCases: PageCases = {
  'GET /': {
    ok: 'everyone',
    why: 'the sign-in form for a visitor; the signed-in are sent on to their first page',
    build: () => ({ path: '/' }),
  },
  'POST /sign-in': {
    ok: 'everyone',
    why: 'signing in needs no session (a bystander, beta.youth, signs in)',
    build: () => ({ path: '/sign-in', form: { username: 'beta.youth', password: PASSWORD } }),
  },
  'GET /session/refresh': {
    ok: SIGNED_IN,
    why: 'the refresh cookie is the credential: without one, back to signing in',
    build: () => ({ path: '/session/refresh?back=%2Fhome' }),
    usesUpSession: true,
  },
  'POST /session/refresh': {
    ok: SIGNED_IN,
    why: 'a form caught by an expired session is sent again through the refresh, by a 307',
    build: () => ({ path: '/session/refresh?back=%2Fhome', form: {} }),
    usesUpSession: true,
  },
  'POST /session/sign-out': {
    ok: 'everyone',
    why: 'signing out revokes what the browser holds, if anything, and clears its cookies',
    build: () => ({ path: '/session/sign-out', form: {} }),
    usesUpSession: true,
  },
  'GET /language': {
    ok: 'everyone',
    why: 'the language switch is a link, before signing in as after',
    build: () => ({ path: '/language?to=en&back=%2Fhome' }),
  },
};
