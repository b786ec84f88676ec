/**
 * A use case's refusal of what a form asked — a bad field, a rule, the record's state — shown on
 * the form beside the fields it concerns, with the catalog's sentence on top. Refusals of who
 * asks (403) or of what does not exist (404) are not the form's to show: they become error pages.
 */
import { DomainError } from '#shared/domain/errors.ts';
import { type ErrorCode, errorMessages, type Message } from '#shared/domain/messages.ts';
import { statusOf } from '../../http/problem.ts';
import { domainFieldErrors, type FieldErrors } from './forms.ts';

export interface Refusal {
  readonly status: 400 | 409 | 422;
  readonly errors: FieldErrors;
  readonly message: Message;
}

/** For refusals that name no field: the field of this form they are about. */
export type FieldOfCode = Partial<Record<ErrorCode, string>>;

export function refusalOf(error: unknown, fieldOf: FieldOfCode = {}): Refusal | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const status = statusOf(error.code);
  if (status !== 400 && status !== 409 && status !== 422) return undefined;
  const message = errorMessages[error.code].detail(error.params);
  const field = fieldOf[error.code];
  const errors: FieldErrors =
    error.fields.length > 0 ? domainFieldErrors(error) : field ? { [field]: message } : {};
  return { status, errors, message };
}
