/**
 * The onboarding form's fields as the API's onboarding body, and the refusals back beside the
 * fields. Communes are typed (or pasted from a spreadsheet) one a line, `code;name;type`: a
 * refused commune is reported on the textarea with its line number.
 */
import type { DomainError } from '#shared/domain/errors.ts';
import { errorMessages, type Message } from '#shared/domain/messages.ts';
import { TENANT_KINDS } from '#shared/domain/organizations.ts';
import { uiText } from '#shared/domain/ui-text/index.ts';
import type { FieldErrors, FormValues } from '../http/forms.ts';

export const ADMIN_FIELDS = ['username', 'password', 'displayName'] as const;

/** Where each first account's fields live in the form: `admins.farmers.username`, `frontAdmin.password`. */
export const ACCOUNT_PREFIXES = [...TENANT_KINDS.map((kind) => `admins.${kind}`), 'frontAdmin'] as const;

const present = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value;

/** The communes typed, each with the line it is on (blank lines are skipped but still counted). */
export function communeLines(text: string) {
  return text.split(/\r?\n/).flatMap((raw, i) => {
    if (raw.trim() === '') return [];
    const [code, name, type] = raw.split(';').map((part) => present(part.trim()));
    return [{ line: i + 1, commune: { code, name, type } }];
  });
}

const accountOf = (values: FormValues, prefix: string) =>
  Object.fromEntries(ADMIN_FIELDS.map((field) => [field, present(values[`${prefix}.${field}`])]));

/** The body onboardProvinceSchema checks; the Front's staff account only when any of its fields is filled. */
export function onboardingInput(values: FormValues): unknown {
  const frontAdmin = accountOf(values, 'frontAdmin');
  return {
    id: present(values.id)?.trim(),
    code: present(values.code)?.trim(),
    name: present(values.name),
    validFrom: present(values.validFrom),
    communes: communeLines(values.communes ?? '').map((l) => l.commune),
    admins: Object.fromEntries(TENANT_KINDS.map((kind) => [kind, accountOf(values, `admins.${kind}`)])),
    ...(Object.values(frontAdmin).some((v) => v !== undefined) && { frontAdmin }),
  };
}

/** A commune's refusal (`communes.2.type`) goes on the textarea, saying which line. */
export function withCommuneLines(errors: FieldErrors, values: FormValues): FieldErrors {
  const lines = communeLines(values.communes ?? '');
  const line = uiText['platform.form.line'];
  const placed: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const match = /^communes\.(\d+)/.exec(path);
    if (!match) {
      placed[path] ??= message;
      continue;
    }
    const number = lines[Number(match[1])]?.line ?? Number(match[1]) + 1;
    placed.communes ??= {
      vi: `${line.vi} ${number}: ${message.vi}`,
      en: `${line.en} ${number}: ${message.en}`,
    };
  }
  return placed;
}

/** A province or a username already there: said beside the field that holds it. */
export function conflictErrors(error: DomainError, values: FormValues): FieldErrors | null {
  const message: Message = errorMessages[error.code].detail(error.params);
  if (error.code === 'PROVINCE_EXISTS') return { id: message };
  if (error.code !== 'USERNAME_TAKEN') return null;
  const field = ACCOUNT_PREFIXES.map((prefix) => `${prefix}.username`).find(
    (name) => values[name]?.trim() === error.params.username,
  );
  return field ? { [field]: message } : null;
}

/** What the form shows again: everything typed but the passwords. */
export const withoutPasswords = (values: FormValues): FormValues =>
  Object.fromEntries(Object.entries(values).filter(([name]) => !name.endsWith('.password')));
