/** `npm run api:lint`: Redocly's findings on the document the app serves now; fails on any. */
import { currentDocument } from './current-document.ts';
import { lintDocument } from './lint-document.ts';

const { totals, problems } = await lintDocument(await currentDocument());
for (const problem of problems)
  console.log(
    `${problem.severity} ${problem.ruleId} ${problem.location[0]?.pointer ?? ''}: ${problem.message}`,
  );
console.log(`${totals.errors} errors, ${totals.warnings} warnings, ${totals.ignored} ignored with a reason`);
if (totals.errors + totals.warnings > 0) process.exitCode = 1;
