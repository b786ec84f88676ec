/**
 * What a page costs to load: the encoded (as sent, so compressed when the app compresses) bodies
 * of its document and of everything it loaded since, from the browser's own Performance API.
 * Each size checkPage measures is added to the run's record; heaviest-page.ts prints the heaviest.
 */
import { appendFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';

export interface TransferSize {
  /** Bytes of the document and all its subresources. */
  readonly total: number;
  /** Of which JavaScript. */
  readonly script: number;
}

interface LoadedEntry {
  readonly name: string;
  readonly initiatorType: string;
  readonly encodedBodySize: number;
  readonly contentType: string;
}

export function transferSize(page: Page): Promise<TransferSize> {
  return page.evaluate(() => {
    const timeline = globalThis.performance as unknown as { getEntriesByType(type: string): LoadedEntry[] };
    // The browser's own /favicon.ico request lands in the timeline whenever it happens to finish:
    // not the page's doing, and it would make the same page weigh differently from run to run.
    const entries = [
      ...timeline.getEntriesByType('navigation'),
      ...timeline.getEntriesByType('resource'),
    ].filter(
      (entry) => !(entry.initiatorType === 'other' && new URL(entry.name).pathname === '/favicon.ico'),
    );
    const sum = (list: LoadedEntry[]) => list.reduce((bytes, entry) => bytes + entry.encodedBodySize, 0);
    return {
      total: sum(entries),
      script: sum(entries.filter((entry) => entry.contentType.includes('javascript'))),
    };
  });
}

export interface PageWeight extends TransferSize {
  readonly name: string;
}

export async function recordTransferSize(name: string, size: TransferSize): Promise<void> {
  const weight: PageWeight = { name, ...size };
  await appendFile(inject('pageWeightsFile'), `${JSON.stringify(weight)}\n`);
}
