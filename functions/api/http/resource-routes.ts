/**
 * The OpenAPI routes a collection of records shares (units, branches, members): a page of items
 * at the collection's path, one item at `{id}`, and the item answered with its version as ETag.
 * Each route file still says what its routes are about: summaries, filters and schemas.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { bearerSecurity, errorResponses, json, pageQuerySchema, pageSchema } from './openapi.ts';

export function resourceRoutes<P extends string, Item extends z.ZodType>(resource: {
  /** The collection, e.g. '/api/v1/units'; one item is at `${path}/{id}`. */
  path: P;
  tags: string[];
  /** The item as one read or one change answers it. */
  item: Item;
  /** The `{id}` path parameter and its limits. */
  idParam: z.ZodObject<{ id: z.ZodString }>;
}) {
  const { path, tags, item, idParam } = resource;

  /** The item with its version as ETag. */
  const itemResponse = (description: string) => ({
    ...json(item, description),
    headers: z.object({ etag: z.string() }),
  });

  /** GET the collection: a page of `items`, filtered by `query` besides limit and cursor. */
  const list = <
    Query extends z.ZodRawShape,
    Items extends z.ZodType,
    PageFields extends z.ZodRawShape = Record<never, never>,
  >(route: {
    operationId: string;
    summary: string;
    description?: string;
    query: Query;
    items: Items;
    /** What a page holds, e.g. 'A page of units'. */
    page: string;
    /** What a page says besides its items (pageSchema). */
    pageFields?: PageFields;
  }) =>
    createRoute({
      method: 'get',
      path,
      operationId: route.operationId,
      tags,
      summary: route.summary,
      ...(route.description === undefined ? {} : { description: route.description }),
      security: bearerSecurity,
      request: { query: pageQuerySchema.extend(route.query) },
      responses: { 200: json(pageSchema(route.items, route.pageFields), route.page), ...errorResponses },
    });

  /** GET one item by id, with its ETag. */
  const read = (route: { operationId: string; summary: string; description: string }) =>
    createRoute({
      method: 'get',
      path: `${path}/{id}` as `${P}/{id}`,
      operationId: route.operationId,
      tags,
      summary: route.summary,
      security: bearerSecurity,
      request: { params: idParam },
      responses: { 200: itemResponse(route.description), ...errorResponses },
    });

  return { itemResponse, list, read };
}
