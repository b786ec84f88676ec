/**
 * One webhook POST: JSON, a 15 s time-out for the whole exchange, no redirect followed (a 3xx is
 * an answer like any other, and fails), the answer read up to 1 KB and the rest dropped. Addresses
 * are vetted by the address guard, literal IPs included (they skip DNS).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { ForbiddenAddressError, guardedLookup, isForbiddenAddress } from './address-guard.ts';

export const TIMEOUT_MS = 15_000;
const EXCERPT_BYTES = 1024;

export interface PostResult {
  readonly statusCode: number | null;
  readonly durationMs: number;
  readonly error: string | null;
  readonly responseExcerpt: string | null;
}

export interface PostOptions {
  readonly allowPrivateAddresses: boolean;
  readonly timeoutMs?: number;
}

export type PostWebhook = (
  url: string,
  headers: Record<string, string>,
  body: string,
  options: PostOptions,
) => Promise<PostResult>;

export const postWebhook: PostWebhook = async (url, headers, body, options) => {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !options.allowPrivateAddresses && isForbiddenAddress(host))
      throw new ForbiddenAddressError(host);
    const response = await send(target, headers, body, options);
    return {
      statusCode: response.statusCode,
      durationMs: took(),
      error: null,
      responseExcerpt: response.excerpt,
    };
  } catch (error) {
    return { statusCode: null, durationMs: took(), error: (error as Error).message, responseExcerpt: null };
  }
};

function send(
  target: URL,
  headers: Record<string, string>,
  body: string,
  options: PostOptions,
): Promise<{ statusCode: number; excerpt: string }> {
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(target, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'doanthe-webhooks/1',
      },
      lookup: guardedLookup(options.allowPrivateAddresses),
      signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
    });
    outgoing.on('error', reject);
    outgoing.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        response.destroy();
        resolve({
          statusCode: response.statusCode ?? 0,
          excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8'),
        });
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= EXCERPT_BYTES) finish();
      });
      response.on('end', finish);
      response.on('error', reject);
    });
    outgoing.end(body);
  });
}
