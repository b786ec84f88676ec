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

export class InvalidCursorError extends Error {
  constructor() {
    super('The pagination cursor is not valid');
  }
}
