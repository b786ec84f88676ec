/** Page matrix cases of the platform pages. */
import type { PageCases } from './page-case.ts';

export const platformCases: PageCases = {};
