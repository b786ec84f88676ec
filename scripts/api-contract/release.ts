/**
 * `npm run api:release`: keeps the document the app serves now as the released one, once its
 * version is raised and it breaks nothing of the last release (or raises the major version).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { releaseRefusals } from './breaking-changes.ts';
import { RELEASED_DOCUMENT } from './contract-files.ts';
import { currentDocument } from './current-document.ts';
import type { OpenApiDocument } from './openapi-document.ts';

const released = JSON.parse(await readFile(RELEASED_DOCUMENT, 'utf8')) as OpenApiDocument;
const current = await currentDocument();
const refusals = releaseRefusals(released, current);
if (current.info.version === released.info.version) {
  console.error(`Version ${current.info.version} is already released: raise API_VERSION first.`);
  process.exitCode = 1;
} else if (refusals.length > 0) {
  console.error(`Breaking changes without a new major version:\n  ${refusals.join('\n  ')}`);
  process.exitCode = 1;
} else {
  await writeFile(RELEASED_DOCUMENT, `${JSON.stringify(current, null, 2)}\n`);
  console.log(`Released ${current.info.version} as ${RELEASED_DOCUMENT}`);
}
