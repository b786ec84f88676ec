/**
 * A submitted form checked with the API's own zod schema. A refused form comes back with what
 * was typed and a message for each bad field, and nothing is written; field names are the
 * schema's paths (`address.street`), as the API reports them.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { DomainError, type FieldError } from '#shared/domain/errors.ts';
import { fieldMessageOf, type Message } from '#shared/domain/messages.ts';
import { fieldErrorsOf } from '../../http/validation.ts';
import type { FormState } from '../components/forms.tsx';
import { CSRF_FIELD } from './csrf.ts';

export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, Message>;

export type FormResult<T> =
  | { readonly ok: true; readonly data: T; readonly values: FormValues }
  | { readonly ok: false; readonly values: FormValues; readonly errors: FieldErrors };

/** Text fields left empty are absent, as an API client would leave them out. */
export function withoutEmpty(values: FormValues): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
}

/** Of the named fields, those filled in: what an API client would have sent. */
export const filled = (values: FormValues, names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.flatMap((name) => (values[name]?.trim() ? [[name, values[name]]] : [])));

export async function formValues(c: Context): Promise<FormValues> {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).flatMap(([name, value]) =>
      name !== CSRF_FIELD && typeof value === 'string' ? [[name, value]] : [],
    ),
  );
}

/**
 * Reads and checks the form. `toInput` shapes the strings into what the schema takes (numbers,
 * nested objects); by default empty fields are dropped.
 */
export async function readForm<S extends z.ZodType>(
  c: Context,
  schema: S,
  toInput: (values: FormValues) => unknown = withoutEmpty,
): Promise<FormResult<z.output<S>>> {
  return check(await formValues(c), schema, toInput);
}

/** A GET form (search, filters) checked the same way, from the query. */
export function readQuery<S extends z.ZodType>(
  c: Context,
  schema: S,
  toInput: (values: FormValues) => unknown = withoutEmpty,
): FormResult<z.output<S>> {
  return check(c.req.query(), schema, toInput);
}

function check<S extends z.ZodType>(
  values: FormValues,
  schema: S,
  toInput: (values: FormValues) => unknown,
): FormResult<z.output<S>> {
  const parsed = schema.safeParse(toInput(values));
  if (parsed.success) return { ok: true, data: parsed.data, values };
  return { ok: false, values, errors: fieldMessagesOf(fieldErrorsOf(parsed.error)) };
}

/** A domain rule's refusal of named fields (`body.dateOfBirth`, `query.q`), put beside the fields. */
export function domainFieldErrors(error: DomainError): FieldErrors {
  return fieldMessagesOf(
    error.fields.map((field) => ({ ...field, path: field.path.replace(/^(body|query)\.?/, '') })),
  );
}

function fieldMessagesOf(fields: readonly FieldError[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const { path, code } of fields) errors[path] ??= fieldMessageOf(code);
  return errors;
}

/**
 * A number field's text as the schema should judge it: whole numbers, with the thousands
 * separators people type (1.250 · 1,250 · 1 250) taken out; empty is absent. Anything else goes
 * through unchanged, for the schema to refuse as the API would.
 */
export function typedNumber(raw: string | undefined): unknown {
  const text = raw?.trim() ?? '';
  if (text === '') return undefined;
  if (/^\d{1,3}([.,\s]\d{3})+$/.test(text)) return Number(text.replace(/\D/g, ''));
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

/**
 * The record's version an edit form was drawn from (its hidden `version`): absent, none; one that
 * names no version never matches, as a malformed If-Match, so the edit is refused as stale.
 */
export function formVersion(values: FormValues): number | undefined {
  const sent = values.version;
  if (sent === undefined) return undefined;
  return /^\d{1,9}$/.test(sent) ? Number(sent) : 0;
}

/** What a page that creates records draws: its form, and the record just created (a secret shown once). */
export interface CreateFormState<R> {
  readonly form: FormState;
  readonly status?: 400;
  readonly created?: R;
}

/**
 * A form that creates a record: checked with the API's schema, then created through the use case;
 * a refused field, the schema's or the use case's, is drawn beside the form with what was typed.
 */
export async function createFromForm<S extends z.ZodType, R>(
  c: Context,
  schema: S,
  toInput: (values: FormValues) => unknown,
  create: (input: z.output<S>) => Promise<R>,
  draw: (state: CreateFormState<R>) => Response | Promise<Response>,
): Promise<Response> {
  const form = await readForm(c, schema, toInput);
  if (!form.ok) return draw({ form, status: 400 });
  try {
    return await draw({ form: { values: {}, errors: {} }, created: await create(form.data) });
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'VALIDATION_FAILED')) throw error;
    return draw({ form: { values: form.values, errors: domainFieldErrors(error) }, status: 400 });
  }
}
