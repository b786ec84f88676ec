/** A reader's steps in the page tests: signing in through the form, opening a page expecting its status. */
import { expect } from 'vitest';
import { type PageClient, pageClient } from '../setup/page-client.ts';
import type { TestApp } from '../setup/test-app.ts';

export async function signedIn(t: TestApp, username: string): Promise<PageClient> {
  const browser = pageClient(t);
  await browser.signIn(username);
  return browser;
}

/** The page's HTML, once its status is the one expected (the start of the page says why not). */
export async function pageHtml(browser: PageClient, path: string, status = 200): Promise<string> {
  const response = await browser.get(path);
  const html = await response.text();
  expect(response.status, `${path}: ${html.slice(0, 300)}`).toBe(status);
  return html;
}
