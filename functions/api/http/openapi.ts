/**
 * Pieces every route's OpenAPI description shares: the problem document, the bearer scheme,
 * pagination parameters and the error responses.
 */
import { z } from '@hono/zod-openapi';

export const problemSchema = z
  .object({
    type: z.string(),
    code: z.string().meta({ example: 'UNIT_NOT_FOUND' }),
    status: z.number().int(),
    title: z.string(),
    detail: z.string(),
    titleEn: z.string(),
    detailEn: z.string(),
    instance: z.string(),
    requestId: z.string(),
    existingId: z.string().optional().meta({ description: 'The record a conflict (409) is with' }),
    errors: z
      .array(z.object({ path: z.string(), code: z.string(), message: z.string(), messageEn: z.string() }))
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, Vietnamese first with English twins' });

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

export const errorResponses = {
  400: problem('Invalid input / Dữ liệu không hợp lệ'),
  401: problem('Not signed in / Chưa đăng nhập'),
  403: problem('Not allowed / Không có quyền'),
  404: problem('Not found / Không tìm thấy'),
} as const;

/** A write DynamoDB kept refusing for the moment (a concurrent transaction, throttling): nothing written. */
const busyResponse = {
  503: problem(
    'Busy, nothing written: send again after Retry-After / Hệ thống bận, chưa lưu: gửi lại sau Retry-After',
  ),
} as const;

export const conflictResponse = { 409: problem('Conflict / Xung đột'), ...busyResponse } as const;
export const tooManyResponse = { 429: problem('Too many attempts / Quá nhiều lần thử') } as const;

export const bearerSecurity = [{ bearer: [] }];

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
});

/** A page of items; `fields`: what else a page says about the list (e.g. what its filter resolved to). */
export function pageSchema<T extends z.ZodType, Fields extends z.ZodRawShape = Record<never, never>>(
  item: T,
  fields?: Fields,
) {
  return z
    .object({ items: z.array(item), nextCursor: z.string().nullable() })
    .extend(fields ?? ({} as Fields));
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

export const changeResponses = {
  409: problem('Conflict with the current state / Xung đột với trạng thái hiện tại'),
  412: problem('Changed meanwhile (If-Match) / Hồ sơ đã bị sửa'),
  422: problem('Idempotency-Key reused for another request / Idempotency-Key đã dùng cho yêu cầu khác'),
  428: problem('If-Match required / Cần If-Match'),
  ...busyResponse,
} as const;

export const idempotencyKeyHeader = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .meta({ description: 'Retrying with the same key has one effect and returns the same response' }),
});

/** Optional in the schema even where required, so a missing header is a 428 rather than a 400. */
export const ifMatchHeader = (required: boolean) =>
  z.object({
    'if-match': z
      .string()
      .optional()
      .meta({
        description: `${required ? 'Required: t' : 'T'}he ETag of the version the change is made against`,
        example: '"v3"',
      }),
  });
