/** Page matrix cases of the front pages. */
import type { PageCases } from './page-case.ts';

export const frontCases: PageCases = {};
