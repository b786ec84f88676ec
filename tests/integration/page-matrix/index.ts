/** Every page operation's case, gathered from the files of their areas. */
import { auditCases } from './audit.ts';
import { branchesCases } from './branches.ts';
import { frontCases } from './front.ts';
import { homeCases } from './home.ts';
import { mapCases } from './map.ts';
import { membersCases } from './members.ts';
import type { PageCases } from './page-case.ts';
import { partyCases } from './party.ts';
import { platformCases } from './platform.ts';
import { ratingsCases } from './ratings.ts';
import { reviewsCases } from './reviews.ts';
import { sessionCases } from './session.ts';
import { settingsCases } from './settings.ts';
import { targetsCases } from './targets.ts';
import { unitsCases } from './units.ts';

/** Each area's cases by the name of its file, `<area>.ts`: the matrix names the file to add a case to. */
export const AREA_CASES: Readonly<Record<string, PageCases>> = {
  session: sessionCases,
  home: homeCases,
  members: membersCases,
  units: unitsCases,
  branches: branchesCases,
  targets: targetsCases,
  settings: settingsCases,
  audit: auditCases,
  front: frontCases,
  platform: platformCases,
  map: mapCases,
  party: partyCases,
  ratings: ratingsCases,
  reviews: reviewsCases,
};

/** Every case by its operation; one that two areas both hold is caught by the matrix, not merged away. */
export const PAGE_CASES: PageCases = Object.assign({}, ...Object.values(AREA_CASES));
