/**
 * Pieces every route's OpenAPI description shares: the problem document, the security
 * declarations, pagination parameters and the error responses.
 */
import { z } from '@hono/zod-openapi';
import { problemRef } from './problem-responses.ts';

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

/** The problems every operation may answer (problem-responses.ts lists the codes of each). */
export const errorResponses = {
  400: problemRef('BadRequest'),
  401: problemRef('Unauthorized'),
  403: problemRef('Forbidden'),
  404: problemRef('NotFound'),
} as const;

export const conflictResponse = { 409: problemRef('Conflict'), 503: problemRef('Busy') } as const;
export const tooManyResponse = { 429: problemRef('TooManyRequests') } as const;

export const bearerSecurity = [{ bearer: [] }];
/** Said explicitly, so a reader (and a linter) knows no token is wanted rather than forgotten. */
export const publicSecurity = [];

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

/** A JSON response; `example`, typed by the schema, is what the docs show. */
export const json = <T extends z.ZodType>(schema: T, description: string, example?: z.output<T>) => ({
  description,
  content: { 'application/json': { schema, ...(example !== undefined && { example }) } },
});

/** A JSON request body; `example`, typed by the schema, is what Swagger UI fills in. */
export const jsonBody = <T extends z.ZodType>(schema: T, example?: z.input<T>) => ({
  body: {
    required: true,
    content: { 'application/json': { schema, ...(example !== undefined && { example }) } },
  },
});

export const changeResponses = {
  409: problemRef('Conflict'),
  412: problemRef('PreconditionFailed'),
  422: problemRef('Unprocessable'),
  428: problemRef('PreconditionRequired'),
  503: problemRef('Busy'),
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
