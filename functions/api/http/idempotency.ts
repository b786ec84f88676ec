/**
 * Idempotency-Key on POST: the first request's answer is stored with its effect (in the same
 * transaction); a retry with the same key and the same request gets that answer again, byte for
 * byte, a different request with the same key a 422. A concurrent twin that fails — on the
 * key's record, on an effect the winner already made (the national id it claimed, the status
 * it set) or on the winner's transaction in flight — replays the winner's answer.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { DomainError } from '#shared/domain/errors.ts';
import type { IdempotentCall, RenderedResponse } from '#shared/domain/idempotency.ts';
import {
  IdempotencyRace,
  IdempotencyRepository,
  type StoredResponse,
} from '#shared/store/repositories/idempotency.ts';
import type { AppEnv } from '../app-env.ts';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export async function idempotent<T>(
  c: Context<AppEnv>,
  render: (result: T) => RenderedResponse,
  run: (call: IdempotentCall<T> | undefined) => Promise<T>,
): Promise<Response> {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return send(c, render(await run(undefined)));
  // The body is kept as the text sent, so a replay is the same bytes, not a re-serialized copy.
  const renderText = (result: T): RenderedResponse => {
    const response = render(result);
    return { ...response, body: JSON.stringify(response.body) };
  };
  const answer = await once(c, key, await c.req.json(), renderText, run);
  return send(c, answer.response, answer.replayed ? { 'idempotent-replayed': 'true' } : {});
}

/** What a call made once answered: its rendering, and whether an earlier twin's answer was replayed. */
export interface OnceAnswer {
  readonly response: RenderedResponse;
  readonly replayed: boolean;
}

/**
 * The same guarantee for a request whose key and content do not come as a header and a JSON
 * body: a page's form carries its key in a hidden field drawn with the form, so a double submit
 * has one effect and both submits get the first one's answer.
 */
export async function once<T>(
  c: Context<AppEnv>,
  key: string,
  request: unknown,
  render: (result: T) => RenderedResponse,
  run: (call: IdempotentCall<T>) => Promise<T>,
): Promise<OnceAnswer> {
  if (!KEY_PATTERN.test(key)) throw new DomainError('INVALID_IDEMPOTENCY_KEY');
  const fingerprint = createHash('sha256')
    .update(`${c.req.method} ${c.req.path}\n${canonicalJson(request)}`)
    .digest('base64url');
  const repository = new IdempotencyRepository(c.get('tenantTable'));
  const userId = c.get('principal').userId;
  const now = c.get('now');
  const earlier = await repository.find(userId, key, now);
  if (earlier) return replay(earlier, fingerprint);
  try {
    return { response: render(await run({ key, fingerprint, render })), replayed: false };
  } catch (error) {
    const winner = await twinsAnswer(repository, userId, key, now, error);
    if (!winner) throw error;
    return replay(winner, fingerprint);
  }
}

/**
 * After a failure, the answer of a twin request that committed first, if any. A domain error
 * comes after the twin committed (its record is there) or has nothing to do with it; any other
 * failure may be a transaction conflict with a twin still in flight, so its record is awaited briefly.
 */
async function twinsAnswer(
  repository: IdempotencyRepository,
  userId: string,
  key: string,
  now: Date,
  error: unknown,
): Promise<StoredResponse | undefined> {
  const attempts = error instanceof DomainError || error instanceof IdempotencyRace ? 1 : 5;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    const winner = await repository.find(userId, key, now);
    if (winner) return winner;
  }
  return undefined;
}

/**
 * The request as the app understands it, whatever the client's serializer did: object keys
 * sorted at every depth and strings in NFC (the schemas store text in NFC, so "Nguyễn" typed
 * decomposed is the same request). A retry that reorders its fields is the same request.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([name, inner]) => [name.normalize('NFC'), canonical(inner)]));
}

function replay(stored: StoredResponse, fingerprint: string): OnceAnswer {
  if (stored.fingerprint !== fingerprint) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
  const { fingerprint: _, ...response } = stored;
  return { response, replayed: true };
}

function send(c: Context<AppEnv>, response: RenderedResponse, extra: Record<string, string> = {}): Response {
  const headers = { 'content-type': 'application/json', ...response.headers, ...extra };
  if (typeof response.body === 'string') return c.body(response.body, response.status as 200, headers);
  return c.json(response.body, response.status as 200, headers);
}
