/** Words of the pages of members, their lifecycle, transfers and coming of age. */
import type { Message } from '../messages.ts';

export const membersText = {} as const satisfies Record<string, Message>;
