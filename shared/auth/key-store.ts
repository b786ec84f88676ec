/**
 * Where the token-signing keys are kept: a file in DATA_DIR on one machine, a Secrets Manager
 * secret on AWS. Both can create the first key set race-free: whoever writes first wins and
 * everyone else reads the winner's keys.
 */
export interface KeyStore {
  /** The stored key set, or undefined when none was ever created. */
  read(): Promise<string | undefined>;
  /** Stores `value` unless a key set exists already; returns the one that is stored. */
  createIfAbsent(value: string): Promise<string>;
}
