/** Page matrix cases of the members pages. */
import type { PageCases } from './page-case.ts';

export const membersCases: PageCases = {};
