/**
 * Records what must never happen on a page of the app: a script error, an error in the console
 * (Chromium logs CSP refusals and failed loads there, the browser's own favicon request included),
 * a request to any origin but the app's, a request that failed. A test ends with
 * `watcher.expectNoProblems()`.
 */
import type { Page, Request } from 'playwright-core';
import { expect } from 'vitest';

export interface PageWatcher {
  /** Everything seen so far, one line each. */
  readonly problems: readonly string[];
  /**
   * Fails with every problem seen, except those matching `allowed` — for a test about a page that
   * is meant to answer an error (the document's own 403 is logged as a failed load).
   */
  expectNoProblems(allowed?: readonly RegExp[]): void;
}

// Inline data and blobs are part of the page, not requests to anyone.
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);

export function watchPage(page: Page, origin: string): PageWatcher {
  const problems: string[] = [];
  const describe = (request: Request) => `${request.method()} ${request.url()}`;

  page.on('console', (message) => {
    if (message.type() === 'error')
      problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!LOCAL_SCHEMES.has(url.protocol) && url.origin !== origin)
      problems.push(`outside request: ${describe(request)}`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'unknown';
    // A navigation that replaces a loading page, or a download (an .xlsx export), aborts requests
    // on purpose; a load that really failed is also logged to the console, which is watched.
    if (reason !== 'net::ERR_ABORTED') problems.push(`failed request: ${describe(request)} — ${reason}`);
  });

  return {
    problems,
    expectNoProblems(allowed = []) {
      expect(problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)))).toEqual([]);
    },
  };
}
