/** Page matrix cases of the audit pages. */
import type { PageCases } from './page-case.ts';

export const auditCases: PageCases = {};
