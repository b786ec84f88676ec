/** Page matrix cases of the session pages. */
import type { PageCases } from './page-case.ts';

export const sessionCases: PageCases = {};
