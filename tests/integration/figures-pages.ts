/**
 * Reading the figures' pages in the figures tests: a page signed in as someone, and the numbers
 * of a row of one of its tables.
 */
import { expect } from 'vitest';
import { type PageClient, pageClient } from '../setup/page-client.ts';
import type { TestApp } from '../setup/test-app.ts';

export async function signedIn(t: TestApp, username: string): Promise<PageClient> {
  const client = pageClient(t);
  await client.signIn(username);
  return client;
}

/** The page's HTML, once it answered 200. */
export async function html(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  return response.text();
}

/** The numbers of a table's row, by its heading, in the first table of this caption. */
export function rowCells(page: string, caption: string, heading: string): string[] {
  const table = page.slice(page.indexOf(`<caption>${caption}</caption>`));
  return [
    ...(table.match(new RegExp(`<th scope="row">${heading}</th>(.*?)</tr>`))?.[1] ?? '').matchAll(
      /<td class="num">(.*?)<\/td>/g,
    ),
  ].map((m) => m[1] ?? '');
}
