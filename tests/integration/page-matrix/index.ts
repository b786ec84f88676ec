/** Every page operation's case, gathered from the files of their areas. */
import { auditCases } from './audit.ts';
import { branchesCases } from './branches.ts';
import { frontCases } from './front.ts';
import { homeCases } from './home.ts';
import { membersCases } from './members.ts';
import type { PageCases } from './page-case.ts';
import { platformCases } from './platform.ts';
import { sessionCases } from './session.ts';
import { settingsCases } from './settings.ts';
import { targetsCases } from './targets.ts';
import { unitsCases } from './units.ts';

export const PAGE_CASES: PageCases = {
  ...sessionCases,
  ...homeCases,
  ...membersCases,
  ...unitsCases,
  ...branchesCases,
  ...targetsCases,
  ...settingsCases,
  ...auditCases,
  ...frontCases,
  ...platformCases,
};
