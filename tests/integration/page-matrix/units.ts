/** Page matrix cases of the units pages. */
import type { PageCases } from './page-case.ts';

export const unitsCases: PageCases = {};
