/**
 * Turns zod's verdict on a request into a VALIDATION_FAILED domain error listing every bad
 * field, so all validation failures look the same whichever part of the request was wrong.
 */
import type { z } from 'zod';
import { DomainError, type FieldError } from '#shared/domain/errors.ts';

/** Fields are named as clients think of them: the JSON body is `body`, as in domain rule errors. */
const TARGET_NAMES: Record<string, string> = { json: 'body' };

/** Every bad field of a zod verdict, by its path inside the validated value, with its field code. */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const path = issue.path.map(String).join('.');
    // One entry per unknown field, so a client can point at each of them.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((k) => ({ path: path ? `${path}.${k}` : k, code: issue.code }));
    // A refinement names its own field code (text-fields.ts: `control_character`…) in its params.
    const own = issue.code === 'custom' ? issue.params?.code : undefined;
    return [{ path, code: typeof own === 'string' ? own : issue.code }];
  });
}

export function validationError(error: z.ZodError, target: string): DomainError {
  const prefix = TARGET_NAMES[target] ?? target;
  return new DomainError(
    'VALIDATION_FAILED',
    {},
    fieldErrorsOf(error).map((field) => ({
      ...field,
      path: field.path ? `${prefix}.${field.path}` : prefix,
    })),
  );
}

/** The `defaultHook` of every OpenAPIHono app: throw instead of answering, so onError formats it. */
export function validationHook(result: { success: boolean; error?: z.ZodError; target: string }) {
  if (!result.success && result.error) throw validationError(result.error, result.target);
}
