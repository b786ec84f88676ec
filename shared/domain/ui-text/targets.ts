/** Words of the pages of target populations. */
import type { Message } from '../messages.ts';

export const targetsText = {} as const satisfies Record<string, Message>;
