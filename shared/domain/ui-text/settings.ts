/** Words of the pages of the admission rules. */
import type { Message } from '../messages.ts';

export const settingsText = {} as const satisfies Record<string, Message>;
