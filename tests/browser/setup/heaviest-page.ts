/**
 * Global set-up of the browser tests: a file where every checked page's transfer size is noted
 * (by transfer-size.ts, from the test workers), and at the end of the run one line naming the
 * heaviest page and the page with the most JavaScript.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { PageWeight } from './transfer-size.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pageWeightsFile: string;
  }
}

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export default async function setup(project: TestProject) {
  const folder = await mkdtemp(join(tmpdir(), 'doanthe-page-weights-'));
  const file = join(folder, 'weights.jsonl');
  project.provide('pageWeightsFile', file);
  return async () => {
    const text = await readFile(file, 'utf8').catch(() => '');
    await rm(folder, { recursive: true, force: true });
    const weights = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as PageWeight);
    if (weights.length === 0) return;
    const heaviest = (by: (weight: PageWeight) => number) =>
      weights.reduce((top, weight) => (by(weight) > by(top) ? weight : top));
    const total = heaviest((weight) => weight.total);
    const script = heaviest((weight) => weight.script);
    console.log(
      `Heaviest page (of ${weights.length} checked): ${total.name}, ${kilobytes(total.total)} transferred, ` +
        `${kilobytes(total.script)} of it JavaScript; most JavaScript: ${script.name}, ${kilobytes(script.script)}`,
    );
  };
}
