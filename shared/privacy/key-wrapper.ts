/**
 * Envelope encryption: the keys that seal and hash national IDs are stored in the table only
 * wrapped (encrypted) under a master key that never leaves its home — a file in DATA_DIR on one
 * machine, a KMS key on AWS. Reading the table alone therefore yields no usable key.
 */
export interface KeyWrapper {
  wrap(key: Buffer): Promise<string>;
  unwrap(wrapped: string): Promise<Buffer>;
}

/**
 * What wrapped keys are for, bound to every wrap: as AES-GCM associated data locally and as the
 * KMS encryption context on AWS, where the stack also limits the function's KMS use to it.
 */
export const KEY_WRAP_CONTEXT = { purpose: 'doanthe-field-key' } as const;
