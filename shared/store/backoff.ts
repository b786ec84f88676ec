/**
 * Waiting out what DynamoDB refuses only for a moment, where the AWS SDK does not.
 *
 * The SDK's standard retry strategy (DynamoDB client: 4 attempts, full-jitter exponential waits
 * from 50 ms, from 1 s for throttling, within a per-client retry quota) already retries
 * throttling exceptions, 5xx and network errors. It does not retry:
 * - a transaction cancelled because another transaction held one of its items
 *   (`TransactionConflict`) or for lack of capacity (`ThrottlingError`,
 *   `ProvisionedThroughputExceeded`): a 400 with reasons, to the SDK a client error;
 * - a single write that met an ongoing transaction (`TransactionConflictException`);
 * - the items a batch call left unprocessed, which is how DynamoDB throttles part of a batch.
 * Those are retried here, each wait a random share of an exponentially growing, capped bound
 * ("full jitter"), so writers that collided do not collide again in step.
 */

export interface Backoff {
  /** Tries in all, the first included (for batches: tries in a row that processed nothing). */
  readonly attempts: number;
  /** The bound of the first wait; each further wait's bound doubles. */
  readonly baseMs: number;
  /** No wait exceeds this. */
  readonly capMs: number;
}

/**
 * Writes on a request's path and the stream's transactions: 6 tries, waits below 20, 40, 80,
 * 160 and 320 ms, so a request gives up within 0.62 s of waiting (0.31 s on average). A conflict
 * lasts as long as the other transaction, tens of milliseconds; one that outlasts this is better
 * told to the client (503 with Retry-After) than held.
 */
export const WRITE_BACKOFF: Backoff = { attempts: 6, baseMs: 20, capMs: 320 };

/**
 * Batch calls (imports, the demo, snapshots, many reads at once): up to 8 tries in a row that
 * processed nothing, waits below 50 ms doubling to 2 s, about 5 s at most without progress
 * before giving up. Any progress starts the count again, so a load running at the table's
 * capacity slows down to it instead of failing.
 */
export const BATCH_BACKOFF: Backoff = { attempts: 8, baseMs: 50, capMs: 2_000 };

/** The wait before retry `retry` (0 for the first retry): a random share of its bound. */
export function backoffDelay(policy: Backoff, retry: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(policy.capMs, policy.baseMs * 2 ** retry));
}

export function pause(policy: Backoff, retry: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, backoffDelay(policy, retry)));
}

/** Runs `run` until it succeeds, retrying the errors `isMomentary` accepts; the last error is thrown. */
export async function retryMomentary<T>(
  run: () => Promise<T>,
  isMomentary: (error: unknown) => boolean,
  policy: Backoff = WRITE_BACKOFF,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= policy.attempts || !isMomentary(error)) throw error;
      await pause(policy, attempt - 1);
    }
  }
}

/**
 * Sends requests in one batch call after another until none is left: `send` answers the requests
 * DynamoDB left unprocessed. A call that throws a momentary refusal (`isMomentary`, throttling the
 * SDK gave up on) processed nothing. Throws `exhausted()` after `policy.attempts` calls in a row
 * that processed nothing.
 */
export async function drainBatch<R>(
  requests: readonly R[],
  send: (requests: readonly R[]) => Promise<readonly R[]>,
  isMomentary: (error: unknown) => boolean,
  exhausted: () => Error,
  policy: Backoff = BATCH_BACKOFF,
): Promise<void> {
  let pending = requests;
  for (let stalled = 0; pending.length > 0; ) {
    let left = pending;
    try {
      left = await send(pending);
    } catch (error) {
      if (!isMomentary(error)) throw error;
    }
    stalled = left.length < pending.length ? 0 : stalled + 1;
    pending = left;
    if (pending.length === 0) return;
    if (stalled >= policy.attempts) throw exhausted();
    await pause(policy, stalled);
  }
}
