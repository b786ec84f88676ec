/**
 * The browser harness itself: Chromium loads a page the app serves over real HTTP and the watcher
 * stays quiet; the watcher and checkPage do catch what they are there to catch, on small fixture
 * pages served with the app's own security headers (so axe is shown to run under its CSP).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../functions/api/http/security-headers.ts';
import { createTestApp } from '../setup/test-app.ts';
import { checkPage, SCREENSHOTS_DIR } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { transferSize } from './setup/transfer-size.ts';

let browser: Browser;
let app: ServedApp;
let fixtures: ServedApp;

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Fixture</title><link rel="stylesheet" href="/fixture.css"></head><body><main><h1>Fixture</h1>${body}</main></body></html>`;

// The CSP refuses style attributes too: the too-wide block takes its width from a stylesheet.
const FIXTURES: Record<string, { type: string; body: string }> = {
  '/fixture.css': { type: 'text/css', body: '.wide { width: 600px }' },
  '/tidy': { type: 'text/html', body: page('<p>Nothing wrong here.</p>') },
  '/flawed': {
    type: 'text/html',
    body: page('<img src="/no-alt.png"><div class="wide">Too wide for a phone.</div>'),
  },
  '/inline-script': { type: 'text/html', body: page('<script>document.title = "ran"</script>') },
};

beforeAll(async () => {
  const t = await createTestApp();
  [app, fixtures, browser] = await Promise.all([
    serveApp(t.app),
    serveApp(
      new Hono().use(securityHeaders).get('*', (c) => {
        const fixture = FIXTURES[c.req.path];
        return fixture ? c.body(fixture.body, 200, { 'content-type': fixture.type }) : c.body(null, 204);
      }),
    ),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.close(), fixtures?.close()]);
});

describe('the app in Chromium', () => {
  it('loads the API docs from the app alone, with no script error', async () => {
    const { page, watcher } = await openPage(browser, app.origin);
    await page.goto('/docs');
    await expect.poll(() => page.locator('.opblock').count()).toBeGreaterThan(10);
    watcher.expectNoProblems();
    await page.context().close();
  });

  it('measures a page as the browser received it', async () => {
    const { page } = await openPage(browser, app.origin);
    const bodies: Promise<number>[] = [];
    page.on('response', (response) => {
      if (response.status() === 200)
        bodies.push(
          response
            .request()
            .sizes()
            .then((s) => s.responseBodySize),
        );
    });
    await page.goto('/docs');
    await expect.poll(() => page.locator('.opblock').count()).toBeGreaterThan(10);
    const size = await transferSize(page);
    const received = (await Promise.all(bodies)).reduce((sum, bytes) => sum + bytes, 0);
    expect(size.total).toBe(received);
    expect(size.script).toBeGreaterThan(100_000);
    expect(size.script).toBeLessThan(size.total);
    await page.context().close();
  });
});

describe('the page watcher', () => {
  it('reports a request outside the app, its failure, a script error and a console error', async () => {
    const { page, watcher } = await openPage(browser, app.origin);
    const failed = page.waitForEvent('requestfailed');
    await page.setContent(
      '<img alt="" src="http://example.invalid/x.png"><script>console.error("logged"); throw new Error("thrown")</script>',
    );
    await failed;
    expect(watcher.problems).toEqual(
      expect.arrayContaining([
        'outside request: GET http://example.invalid/x.png',
        expect.stringMatching(
          /^failed request: GET http:\/\/example\.invalid\/x\.png — net::ERR_NAME_NOT_RESOLVED/,
        ),
        'script error: thrown',
        expect.stringMatching(/^console error: logged/),
      ]),
    );
    expect(() => watcher.expectNoProblems()).toThrow();
    await page.context().close();
  });

  it('reports an inline script the CSP refuses', async () => {
    const { page, watcher } = await openPage(browser, fixtures.origin);
    await page.goto('/inline-script');
    expect(await page.title()).toBe('Fixture');
    expect(watcher.problems).toEqual([expect.stringMatching(/^console error: .*Content Security Policy/)]);
    await page.context().close();
  });
});

describe('checkPage', () => {
  it('passes a tidy page under the CSP and leaves its screenshots', async () => {
    const { page, watcher } = await openPage(browser, fixtures.origin);
    await page.goto('/tidy');
    await checkPage(page, 'harness-tidy');
    for (const width of [360, 1366])
      expect(existsSync(join(SCREENSHOTS_DIR, `harness-tidy-${width}.png`))).toBe(true);
    expect(page.viewportSize()).toEqual({ width: 1366, height: 768 });
    watcher.expectNoProblems();
    await page.context().close();
  });

  it('fails a page with a critical violation that also scrolls sideways on a phone', async () => {
    const { page } = await openPage(browser, fixtures.origin);
    await page.goto('/flawed');
    const failure = await checkPage(page, 'harness-flawed').then(
      () => 'passed',
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/360 px: image-alt \(critical\) at img/);
    expect(failure).toMatch(/1366 px: image-alt \(critical\)/);
    expect(failure).toMatch(/360 px: scrolls sideways/);
    expect(failure).not.toMatch(/1366 px: scrolls sideways/);
    await page.context().close();
  });
});
