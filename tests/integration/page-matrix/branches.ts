/** Page matrix cases of the branches pages. */
import type { PageCases } from './page-case.ts';

export const branchesCases: PageCases = {};
