/** Page matrix cases of the home pages. */
import type { PageCases } from './page-case.ts';

export const homeCases: PageCases = {};
