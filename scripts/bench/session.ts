/**
 * Requests to a benched province's app as one of the demo accounts, signed in per app (again when the token ages), and
 * metered: each measured request's DynamoDB calls, capacity and items read, and its time.
 */
import type { createApp } from '#functions/api/app.ts';
import { DEMO_PASSWORD } from '#functions/local/demo/seed-demo-province.ts';
import type { Meter, Reading } from './meter.ts';

export interface Served {
  readonly app: ReturnType<typeof createApp>;
  readonly meter: Meter;
}

/** Access tokens live 15 minutes; a province's import takes longer, so sign in again well before. */
const TOKEN_REUSE_MS = 5 * 60_000;

const tokens = new WeakMap<Served['app'], Map<string, { token: Promise<string>; at: number }>>();

/** Requests made at once share one sign-in: signing in is rate-limited. */
function tokenFor(p: Served, username: string): Promise<string> {
  const known = tokens.get(p.app) ?? new Map<string, { token: Promise<string>; at: number }>();
  tokens.set(p.app, known);
  const held = known.get(username);
  if (held && performance.now() - held.at < TOKEN_REUSE_MS) return held.token;
  const token = signIn(p, username);
  known.set(username, { token, at: performance.now() });
  token.catch(() => known.delete(username));
  return token;
}

async function signIn(p: Served, username: string): Promise<string> {
  const response = await p.app.request('/api/v1/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A request as `username`, its JSON body parsed; anything but 200 is an error. */
export async function call(
  p: Served,
  username: string,
  path: string,
  send?: { readonly method: 'PUT' | 'POST'; readonly json: unknown },
): Promise<unknown> {
  const token = await tokenFor(p, username);
  const response = await p.app.request(path, {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(send && { method: send.method, body: JSON.stringify(send.json) }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${path} as ${username}: ${response.status} ${text}`);
  return JSON.parse(text);
}

/**
 * A GET of the web admin's page as `username`, its HTML read to the end; anything but 200 is an
 * error. The page layer takes the same access token from its session cookie.
 */
export async function pageGet(p: Served, username: string, path: string): Promise<string> {
  const token = await tokenFor(p, username);
  const response = await p.app.request(`http://localhost${path}`, {
    headers: { cookie: `session=${token}` },
  });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`${path} as ${username}: ${response.status}`);
  return html;
}

/** A GET as `username`, with what it cost: only its own calls are counted, even among others at once. */
export async function metered<T>(
  p: Served,
  username: string,
  path: string,
): Promise<{ body: T; reading: Reading; ms: number }> {
  await tokenFor(p, username);
  const started = performance.now();
  const { result, reading } = await p.meter.scoped(() => call(p, username, path));
  const ms = performance.now() - started;
  return { body: result as T, reading, ms };
}
