/**
 * Waiting for a condition instead of a duration. Figures kept from the stream settle a little
 * after the change that moves them; a test reads until they show what it expects and then asserts
 * on that reading, so a figure that is wrong fails on its value. How long it took is not checked:
 * the limit only ends the wait, and is generous because a loaded machine is slow, not wrong.
 */

export const SETTLE_LIMIT_MS = 60_000;

/** Test options for a test that waits: room for the whole wait and the rest of the test. */
export const WAITS = { timeout: 2 * SETTLE_LIMIT_MS } as const;

/** Reads until `done` holds of the reading or the limit passes; answers the last reading. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
