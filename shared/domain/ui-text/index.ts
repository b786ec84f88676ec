/**
 * The words of the web admin, part of the message catalog (beside messages.ts, which holds the
 * API's errors): Vietnamese first, English second, one module per area of pages so each area
 * keeps its own words.
 */
import type { Message } from '../messages.ts';
import { apiKeysText } from './api-keys.ts';
import { auditText } from './audit.ts';
import { branchesText } from './branches.ts';
import { commonText } from './common.ts';
import { exportsText } from './exports.ts';
import { frontText } from './front.ts';
import { homeText } from './home.ts';
import { importsText } from './imports.ts';
import { mapText } from './map.ts';
import { membersText } from './members.ts';
import { partyText } from './party.ts';
import { platformText } from './platform.ts';
import { ratingsText } from './ratings.ts';
import { reviewsText } from './reviews.ts';
import { settingsText } from './settings.ts';
import { targetsText } from './targets.ts';
import { unitsText } from './units.ts';
import { webhooksText } from './webhooks.ts';

export const uiText = {
  ...commonText,
  ...homeText,
  ...membersText,
  ...importsText,
  ...exportsText,
  ...unitsText,
  ...branchesText,
  ...targetsText,
  ...settingsText,
  ...apiKeysText,
  ...webhooksText,
  ...auditText,
  ...frontText,
  ...platformText,
  ...mapText,
  ...partyText,
  ...ratingsText,
  ...reviewsText,
} as const satisfies Record<string, Message>;

export type UiTextKey = keyof typeof uiText;

/** The languages of the web admin: Vietnamese by default, English by the switch. */
export type Lang = keyof Message;
