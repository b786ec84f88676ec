/**
 * Domain errors: a stable code from the message catalog plus the values its sentences need.
 * The API maps codes to HTTP statuses in one place (functions/api/http/problem.ts).
 */
import type { ErrorCode } from './messages.ts';

export interface FieldError {
  readonly path: string;
  readonly code: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string> = {},
    readonly fields: readonly FieldError[] = [],
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
