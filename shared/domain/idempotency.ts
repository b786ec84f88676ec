/**
 * A POST retried with the same Idempotency-Key has one effect and gets the same answer: the
 * answer is rendered before the write and stored in the same transaction as the effect.
 */
export interface RenderedResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

export interface IdempotentCall<T> {
  readonly key: string;
  /** Digest of what was asked: the same key with a different request is refused. */
  readonly fingerprint: string;
  readonly render: (result: T) => RenderedResponse;
}
