/**
 * The checked-in client types (docs/api/schema.d.ts) are exactly what openapi-typescript makes of
 * the document the app serves: a route changed without `npm run api:generate` fails here.
 */
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { clientTypesOf } from '../../scripts/api-contract/client-types.ts';
import { CLIENT_TYPES } from '../../scripts/api-contract/contract-files.ts';
import { currentDocument } from '../../scripts/api-contract/current-document.ts';

it('matches the document the app serves (else: npm run api:generate)', async () => {
  const generated = await clientTypesOf(await currentDocument());

  expect(await readFile(CLIENT_TYPES, 'utf8')).toBe(generated);
});
