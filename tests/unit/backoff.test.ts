/**
 * The store's back-off, offline: jittered waits within their bounds, retries that stop where the
 * policy says, and batches that give up only when nothing goes through.
 */
import { describe, expect, it } from 'vitest';
import {
  BATCH_BACKOFF,
  type Backoff,
  backoffDelay,
  drainBatch,
  retryMomentary,
  WRITE_BACKOFF,
} from '../../shared/store/backoff.ts';

const FAST: Backoff = { attempts: 4, baseMs: 1, capMs: 2 };

class Momentary extends Error {}
const isMomentary = (error: unknown) => error instanceof Momentary;

describe('backoffDelay', () => {
  it('waits a random share of a bound that doubles from the base up to the cap', () => {
    // Act
    const longest = Array.from({ length: 8 }, (_, retry) => backoffDelay(WRITE_BACKOFF, retry, () => 0.9999));
    const shortest = Array.from({ length: 8 }, (_, retry) => backoffDelay(WRITE_BACKOFF, retry, () => 0));

    // Assess
    expect(longest).toEqual([19, 39, 79, 159, 319, 319, 319, 319]);
    expect(shortest).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('bounds what a request may spend waiting on writes below 0.65 s', () => {
    // Act
    const total = Array.from({ length: WRITE_BACKOFF.attempts - 1 }, (_, retry) =>
      backoffDelay(WRITE_BACKOFF, retry, () => 0.9999),
    ).reduce((sum, ms) => sum + ms, 0);

    // Assess
    expect(total).toBeLessThan(650);
  });

  it('bounds what a batch may spend without progress below 10 s', () => {
    // Act
    const total = Array.from({ length: BATCH_BACKOFF.attempts }, (_, retry) =>
      backoffDelay(BATCH_BACKOFF, retry + 1, () => 0.9999),
    ).reduce((sum, ms) => sum + ms, 0);

    // Assess
    expect(total).toBeLessThan(10_000);
  });
});

describe('retryMomentary', () => {
  it('tries again after momentary refusals and answers what finally succeeds', async () => {
    // Prepare
    let calls = 0;
    const run = async () => {
      calls++;
      if (calls < 3) throw new Momentary();
      return 'done';
    };

    // Act
    const result = await retryMomentary(run, isMomentary, FAST);

    // Assess
    expect({ result, calls }).toEqual({ result: 'done', calls: 3 });
  });

  it('throws the last refusal after the attempts the policy allows', async () => {
    // Prepare
    let calls = 0;
    const run = async () => {
      calls++;
      throw new Momentary(`refusal ${calls}`);
    };

    // Act
    const result = retryMomentary(run, isMomentary, FAST);

    // Assess
    await expect(result).rejects.toThrow('refusal 4');
    expect(calls).toBe(FAST.attempts);
  });

  it('does not retry any other error', async () => {
    // Prepare
    let calls = 0;
    const run = async () => {
      calls++;
      throw new Error('final');
    };

    // Act
    const result = retryMomentary(run, isMomentary, FAST);

    // Assess
    await expect(result).rejects.toThrow('final');
    expect(calls).toBe(1);
  });
});

describe('drainBatch', () => {
  const exhausted = () => new Error('exhausted');

  it('sends what is left unprocessed until nothing is, however many calls it takes', async () => {
    // Prepare: one request processed per call, ten calls.
    const sent: number[][] = [];
    const send = async (requests: readonly number[]) => {
      sent.push([...requests]);
      return requests.slice(1);
    };

    // Act
    await drainBatch(
      Array.from({ length: 10 }, (_, n) => n),
      send,
      isMomentary,
      exhausted,
      FAST,
    );

    // Assess
    expect(sent).toHaveLength(10);
    expect(sent.at(-1)).toEqual([9]);
  });

  it('starts counting again after any progress, and counts a throttled call as none', async () => {
    // Prepare: three calls without progress, then one, three times over: never four in a row.
    let calls = 0;
    const send = async (requests: readonly number[]) => {
      calls++;
      if (calls % 4 !== 0) {
        if (calls % 2 === 0) throw new Momentary();
        return requests;
      }
      return requests.slice(1);
    };

    // Act
    await drainBatch([1, 2, 3], send, isMomentary, exhausted, FAST);

    // Assess
    expect(calls).toBe(12);
  });

  it('gives up after the calls in a row that processed nothing the policy allows', async () => {
    // Prepare
    let calls = 0;
    const send = async (requests: readonly number[]) => {
      calls++;
      return requests;
    };

    // Act
    const result = drainBatch([1], send, isMomentary, exhausted, FAST);

    // Assess
    await expect(result).rejects.toThrow('exhausted');
    expect(calls).toBe(FAST.attempts);
  });

  it('throws any other error at once', async () => {
    // Act
    const result = drainBatch(
      [1],
      async () => {
        throw new Error('final');
      },
      isMomentary,
      exhausted,
      FAST,
    );

    // Assess
    await expect(result).rejects.toThrow('final');
  });
});
