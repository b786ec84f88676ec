/**
 * A use case's refusal of what a form asked — a bad field, a rule, the record's state — shown on
 * the form beside the fields it concerns, with the catalog's sentence on top. Refusals of who
 * asks (403) or of what does not exist (404) are not the form's to show: they become error pages.
 * Nor is the store's refusal for the moment (a write that met another, a table throttling): the
 * form shows it too, keeping what was typed, since sending it again a moment later is the cure.
 */
import { DomainError } from '#shared/domain/errors.ts';
import { type ErrorCode, errorMessages, type Message } from '#shared/domain/messages.ts';
import { MomentaryRefusalError } from '#shared/store/store-errors.ts';
import { statusOf, toDomainError } from '../../http/problem.ts';
import { domainFieldErrors, type FieldErrors } from './forms.ts';

export interface Refusal {
  readonly status: 400 | 409 | 422 | 503;
  readonly errors: FieldErrors;
  readonly message: Message;
}

/** What a form page answers: drawn, refused, or stale (412: the record changed since it was read). */
export type FormStatus = 200 | 412 | Refusal['status'];

/** For refusals that name no field: the field of this form they are about. */
export type FieldOfCode = Partial<Record<ErrorCode, string>>;

export function refusalOf(error: unknown, fieldOf: FieldOfCode = {}): Refusal | undefined {
  const refused =
    error instanceof DomainError
      ? error
      : error instanceof MomentaryRefusalError
        ? toDomainError(error)
        : undefined;
  if (!refused) return undefined;
  const status = statusOf(refused.code);
  if (status !== 400 && status !== 409 && status !== 422 && status !== 503) return undefined;
  const message = errorMessages[refused.code].detail(refused.params);
  const field = fieldOf[refused.code];
  const errors: FieldErrors =
    refused.fields.length > 0 ? domainFieldErrors(refused) : field ? { [field]: message } : {};
  return { status, errors, message };
}
