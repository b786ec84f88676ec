/**
 * The words of the web admin, part of the message catalog (beside messages.ts, which holds the
 * API's errors): Vietnamese first, English second, one module per area of pages so each area
 * keeps its own words.
 */
import type { Message } from '../messages.ts';
import { commonText } from './common.ts';
import { homeText } from './home.ts';

export const uiText = {
  ...commonText,
  ...homeText,
} as const satisfies Record<string, Message>;

export type UiTextKey = keyof typeof uiText;

/** The languages of the web admin: Vietnamese by default, English by the switch. */
export type Lang = keyof Message;
