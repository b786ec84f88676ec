/**
 * Domain errors become RFC 9457 problem documents here, and only here: the status of each code,
 * the Vietnamese title and detail with their English twins, the request id, the bad fields.
 */
import type { Context } from 'hono';
import { DomainError } from '#shared/domain/errors.ts';
import { type ErrorCode, errorMessages, fieldMessageOf } from '#shared/domain/messages.ts';
import {
  InvalidCursorError,
  type MomentaryRefusalError,
  ThrottledError,
  TransactionConflictError,
} from '#shared/store/store-errors.ts';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INVALID_CURSOR: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_REFRESH_TOKEN: 401,
  FORBIDDEN: 403,
  ROUTE_NOT_FOUND: 404,
  UNIT_NOT_FOUND: 404,
  BRANCH_NOT_FOUND: 404,
  PROVINCE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PROVINCE_EXISTS: 409,
  USERNAME_TAKEN: 409,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IMPORT_COLUMNS_MISSING: 400,
  IMPORT_UNREADABLE: 400,
  IMPORT_NOT_UTF8: 400,
  IMPORT_FILE_TYPE: 415,
  IMPORT_HAS_ERRORS: 422,
  IMPORT_NOT_FOUND: 404,
  IMPORT_NOT_UPLOADED: 409,
  EXPORT_NOT_FOUND: 404,
  TOO_MANY_SIGN_IN_ATTEMPTS: 429,
  MEMBER_NOT_FOUND: 404,
  NOT_ELIGIBLE: 400,
  USE_TRANSFER_OUT: 400,
  EFFECTIVE_DATE_OUT_OF_RANGE: 400,
  SAME_BRANCH: 400,
  INVALID_IDEMPOTENCY_KEY: 400,
  SENSITIVE_FIELDS_FORBIDDEN: 403,
  TRANSFER_NOT_FOUND: 404,
  INVALID_STATUS_TRANSITION: 409,
  CANNOT_GRADUATE: 409,
  MEMBERSHIP_ENDED: 409,
  NATIONAL_ID_TAKEN: 409,
  BRANCH_CLOSED: 409,
  TRANSFER_ALREADY_ACCEPTED: 409,
  PRECONDITION_FAILED: 412,
  IDEMPOTENCY_KEY_REUSED: 422,
  PRECONDITION_REQUIRED: 428,
  UNIT_EXISTS: 409,
  MAP_PROPOSAL_NOT_FOUND: 404,
  MAP_PROPOSAL_DECIDED: 409,
  REORGANIZATION_NOT_FOUND: 404,
  REORGANIZATION_NOT_IN_FORCE: 409,
  REORGANIZATION_UNFINISHED: 409,
  UNIT_RULE_VIOLATED: 400,
  BRANCH_RULE_VIOLATED: 400,
  INTERNAL: 500,
  // Nothing was written and the same request may simply be sent again: 503 with Retry-After, not
  // a 409 a client would take for a state to resolve.
  WRITE_CONFLICT: 503,
  SERVICE_BUSY: 503,
  TARGET_NOT_FOUND: 404,
  UNIT_NOT_IN_FORCE_IN_YEAR: 400,
  NO_FIGURES_FOR_DATE: 404,
  SNAPSHOT_EXISTS: 409,
  SNAPSHOT_NOT_FOUND: 404,
  DATE_BEFORE_ONBOARDING: 400,
  MAP_EDITOR_NOT_GRANTABLE: 404,
  PARTY_MEMBER_ALREADY: 409,
  PARTY_INTRODUCTION_PENDING: 409,
  PARTY_INTRODUCTION_NOT_FOUND: 404,
  PARTY_INTRODUCTION_DECIDED: 409,
  RATING_CRITERIA_NOT_FOUND: 404,
  RATING_CRITERIA_IN_USE: 409,
  RATING_CRITERIA_CHANGED: 409,
  RATING_NOT_FOUND: 404,
  RATING_NOT_EDITABLE: 409,
  RATING_INVALID_TRANSITION: 409,
  RATING_INCOMPLETE: 409,
  RATING_OVERRIDE_NEEDS_REASON: 400,
  REVIEW_NOT_FOUND: 404,
  REVIEW_EXISTS: 409,
  REVIEW_CLOSED: 409,
  REVIEW_INCOMPLETE: 409,
  API_KEY_NOT_FOUND: 404,
  API_KEY_RATE_LIMITED: 429,
  WEBHOOK_NOT_FOUND: 404,
  WEBHOOK_DELIVERY_NOT_FOUND: 404,
  WEBHOOK_LIMIT_REACHED: 409,
};

/** The HTTP status of a domain error, for the API's problem documents and the pages' error pages alike. */
export const statusOf = (code: ErrorCode): number => STATUS[code];

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The problem document's `type`: a URN per code, stable as the code is. */
export const problemTypeOf = (code: ErrorCode) =>
  `urn:doanthe:problem:${code.toLowerCase().replaceAll('_', '-')}`;

export function problemResponse(c: Context, error: DomainError): Response {
  const entry = errorMessages[error.code];
  const detail = entry.detail(error.params);
  const status = statusOf(error.code);
  const body = {
    type: problemTypeOf(error.code),
    code: error.code,
    status,
    title: entry.title.vi,
    detail: detail.vi,
    titleEn: entry.title.en,
    detailEn: detail.en,
    instance: c.req.path,
    requestId: c.get('requestId'),
    // A conflict with an existing record names it, so a client can go on with the one that exists.
    ...(error.params.existingId && { existingId: error.params.existingId }),
    ...(error.fields.length > 0 && {
      errors: error.fields.map((field) => {
        const message = fieldMessageOf(field.code);
        return { path: field.path, code: field.code, message: message.vi, messageEn: message.en };
      }),
    }),
  };
  const headers: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE };
  // A new Response misses the headers middleware prepared on the context: repeat the request id.
  if (body.requestId) headers['x-request-id'] = body.requestId;
  if (error.params.retryAfter) headers['retry-after'] = error.params.retryAfter;
  if (error.params.allow) headers.allow = error.params.allow;
  if (status === 401) headers['www-authenticate'] = bearerChallenge(c, error);
  return new Response(JSON.stringify(body), { status, headers });
}

/**
 * The challenge every 401 carries (RFC 9110 §11.6.1, RFC 6750 §3): the scheme, and
 * error="invalid_token" when a bearer token was presented and refused; a request without one
 * gets no error code, as RFC 6750 asks.
 */
function bearerChallenge(c: Context, error: DomainError): string {
  const tokenRefused =
    error.code === 'UNAUTHENTICATED' && /^bearer\s/i.test(c.req.header('authorization') ?? '');
  return tokenRefused ? 'Bearer realm="doanthe", error="invalid_token"' : 'Bearer realm="doanthe"';
}

/** Anything that is not already a domain error becomes one; unknown failures become INTERNAL. */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof InvalidCursorError) return new DomainError('INVALID_CURSOR');
  if (error instanceof TransactionConflictError) return refusal('WRITE_CONFLICT', error);
  if (error instanceof ThrottledError) return refusal('SERVICE_BUSY', error);
  return new DomainError('INTERNAL');
}

function refusal(code: ErrorCode, error: MomentaryRefusalError): DomainError {
  return new DomainError(code, { retryAfter: String(error.retryAfterSeconds) });
}
