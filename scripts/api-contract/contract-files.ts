/** Where the API contract's checked-in files live; the scripts and the contract tests read them here. */
import { join } from 'node:path';

const API_DOCS = join(import.meta.dirname, '..', '..', 'docs', 'api');

/** The document as last released: a change that breaks it needs a new major version. */
export const RELEASED_DOCUMENT = join(API_DOCS, 'openapi.released.json');
/** The TypeScript types openapi-typescript makes of the current document, for openapi-fetch. */
export const CLIENT_TYPES = join(API_DOCS, 'schema.d.ts');
/** Redocly's configuration and its ignore file, each ignored problem with its reason. */
export const LINT_CONFIG_DIR = join(API_DOCS, 'lint');
