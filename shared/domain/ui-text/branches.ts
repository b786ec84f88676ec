/** Words of the pages of branches, their groups and dissolution. */
import type { Message } from '../messages.ts';

export const branchesText = {} as const satisfies Record<string, Message>;
