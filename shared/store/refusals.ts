/**
 * DynamoDB's refusals of a read or a write, told apart in one place: what a moment may cure is tried again
 * (backoff.ts says how often and how long), and what remains becomes a store error, so a
 * transaction that only met another one is never reported as a failed condition.
 */
import { drainBatch, retryMomentary } from './backoff.ts';
import { ConditionFailedError, ThrottledError, TransactionConflictError } from './store-errors.ts';

/**
 * Sends a write (an item's, or a transaction), trying it again while DynamoDB refuses it only for
 * the moment (WRITE_BACKOFF), and reports a refusal as a store error.
 */
export async function write<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await retryMomentary(send, isMomentaryRefusal);
  } catch (error) {
    throw toStoreError(error);
  }
}

/**
 * Sends a read. The SDK has already retried throttling; what it gave up on becomes ThrottledError,
 * a refusal the caller can try again after a pause, not an unexplained failure.
 */
export async function read<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw isThrottling(error) ? new ThrottledError() : error;
  }
}

/**
 * Sends requests in batch calls until DynamoDB has processed them all: `send` answers what it left
 * unprocessed. Throws ThrottledError when it keeps refusing them (BATCH_BACKOFF).
 */
export function drain<R>(
  requests: readonly R[],
  send: (requests: readonly R[]) => Promise<readonly R[]>,
): Promise<void> {
  return drainBatch(requests, send, isThrottling, () => new ThrottledError());
}

/** Throttling the SDK retried and gave up on (its retries exhausted, or its retry quota). */
const THROTTLING_EXCEPTIONS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);
/** Why DynamoDB cancels a transaction, when the same transaction may pass a moment later. */
const THROTTLED_REASONS = new Set(['ProvisionedThroughputExceeded', 'ThrottlingError']);
const MOMENTARY_REASONS = new Set(['TransactionConflict', ...THROTTLED_REASONS]);

function isThrottling(error: unknown): boolean {
  return error instanceof Error && THROTTLING_EXCEPTIONS.has(error.name);
}

function cancellationCodes(error: Error): string[] {
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

/**
 * What the SDK does not retry and a moment may cure: a single write that met a transaction, a
 * transaction cancelled only for conflicts or throttling. A cancellation naming a failed
 * condition is final, whatever else it names.
 */
function isMomentaryRefusal(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TransactionConflictException') return true;
  if (error.name !== 'TransactionCanceledException') return false;
  const codes = cancellationCodes(error);
  return (
    codes.some((code) => MOMENTARY_REASONS.has(code)) &&
    codes.every((code) => code === 'None' || MOMENTARY_REASONS.has(code))
  );
}

function toStoreError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === 'ConditionalCheckFailedException') return new ConditionFailedError();
  if (error.name === 'TransactionConflictException') return new TransactionConflictError();
  if (isThrottling(error)) return new ThrottledError();
  if (error.name === 'TransactionCanceledException') {
    const codes = cancellationCodes(error);
    // Only a failed condition means the items are not as the caller read them; a conflict says
    // nothing about them, and is told apart so no user hears of a condition they did not break.
    const failed = codes.flatMap((code, index) => (code === 'ConditionalCheckFailed' ? [index] : []));
    if (failed.length > 0) return new ConditionFailedError(failed);
    if (codes.includes('TransactionConflict')) return new TransactionConflictError();
    if (codes.some((code) => THROTTLED_REASONS.has(code))) return new ThrottledError();
  }
  return error;
}
