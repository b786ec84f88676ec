/** Page matrix cases of the targets pages. */
import type { PageCases } from './page-case.ts';

export const targetsCases: PageCases = {};
