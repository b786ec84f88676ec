/**
 * Requests to a benched province's app as one of the demo accounts, signed in once per app, and
 * metered: each measured request's DynamoDB calls, capacity and items read, and its time.
 */
import type { createApp } from '#functions/api/app.ts';
import { DEMO_PASSWORD } from '#functions/local/demo/seed-demo-province.ts';
import type { Meter, Reading } from './meter.ts';

export interface Served {
  readonly app: ReturnType<typeof createApp>;
  readonly meter: Meter;
}

const tokens = new WeakMap<Served['app'], Map<string, string>>();

async function tokenFor(p: Served, username: string): Promise<string> {
  const known = tokens.get(p.app) ?? new Map<string, string>();
  tokens.set(p.app, known);
  let token = known.get(username);
  if (!token) {
    const response = await p.app.request('/api/v1/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status}`);
    token = ((await response.json()) as { access_token: string }).access_token;
    known.set(username, token);
  }
  return token;
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

/** A GET as `username`, with what it cost: only its own calls are counted. */
export async function metered<T>(
  p: Served,
  username: string,
  path: string,
): Promise<{ body: T; reading: Reading; ms: number }> {
  await tokenFor(p, username);
  p.meter.take();
  const started = performance.now();
  const body = (await call(p, username, path)) as T;
  const ms = performance.now() - started;
  return { body, reading: p.meter.take(), ms };
}
