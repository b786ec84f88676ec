/** Words of the pages of the Front's dashboard. */
import type { Message } from '../messages.ts';

export const frontText = {} as const satisfies Record<string, Message>;
