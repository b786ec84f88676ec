/** `npm run api:generate`: writes the client types of the document the app serves now. */
import { writeFile } from 'node:fs/promises';
import { clientTypesOf } from './client-types.ts';
import { CLIENT_TYPES } from './contract-files.ts';
import { currentDocument } from './current-document.ts';

await writeFile(CLIENT_TYPES, await clientTypesOf(await currentDocument()));
console.log(`Wrote ${CLIENT_TYPES}`);
