/** The figures after a change: the stream poller let settle, then every counter held to the oracle's count. */
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import { eventually } from './eventually.ts';
import { expectedFigures, rawItems, storedFigures } from './figures-oracle.ts';
import type { TestApp } from './test-app.ts';

export async function expectFiguresSettled(t: TestApp, poller: StreamPoller): Promise<void> {
  const settled = await eventually(
    async () => {
      await poller.idle();
      const items = await rawItems(t);
      return { stored: storedFigures(items), expected: expectedFigures(items) };
    },
    ({ stored, expected }) => isDeepStrictEqual(stored, expected),
  );
  expect(settled.stored).toEqual(settled.expected);
}
