/**
 * What the store reports to repositories. Repositories turn these into domain errors; nothing
 * above them sees a DynamoDB exception.
 */
export class ConditionFailedError extends Error {
  /** For a transaction: the positions of the operations whose condition failed. */
  constructor(readonly failedOperations: readonly number[] = []) {
    super('A write condition was not met');
  }
}

/**
 * DynamoDB refused a write for the moment, and kept refusing it through the store's retries
 * (shared/store/backoff.ts): nothing was written, and the same request may be sent again later.
 * Not a failed condition: the items may well be as the caller expects.
 */
export abstract class MomentaryRefusalError extends Error {
  /** Seconds after which trying again is reasonable. */
  readonly retryAfterSeconds = 1;
}

/** Another transaction held one of the items at the same moment (real DynamoDB; the emulator serializes them). */
export class TransactionConflictError extends MomentaryRefusalError {
  constructor() {
    super('The write met a concurrent transaction on the same items');
  }
}

/** The table's write capacity (or a partition's) was exceeded. */
export class ThrottledError extends MomentaryRefusalError {
  constructor() {
    super('The table refused the call for lack of capacity');
  }
}

export class InvalidCursorError extends Error {
  constructor() {
    super('The pagination cursor is not valid');
  }
}
