/** Words of the pages of the unit tree and its figures. */
import type { Message } from '../messages.ts';

export const unitsText = {} as const satisfies Record<string, Message>;
