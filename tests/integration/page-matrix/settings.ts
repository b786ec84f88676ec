/** Page matrix cases of the settings pages. */
import type { PageCases } from './page-case.ts';

export const settingsCases: PageCases = {};
