/** Words of the pages of the platform operator's provinces. */
import type { Message } from '../messages.ts';

export const platformText = {} as const satisfies Record<string, Message>;
