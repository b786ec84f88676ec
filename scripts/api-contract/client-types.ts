/** The TypeScript types of a document, as openapi-typescript makes them for openapi-fetch. */
import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenApiDocument } from './openapi-document.ts';

const HEADER = `/**
 * Generated from the OpenAPI document by openapi-typescript (npm run api:generate): do not edit.
 * The contract tests regenerate it and fail when it differs from the document the app serves.
 */
`;

export async function clientTypesOf(document: OpenApiDocument): Promise<string> {
  // A field with a default is one a client may leave out: optional, as the document says.
  return HEADER + astToString(await openapiTS(document as never, { defaultNonNullable: false }));
}
