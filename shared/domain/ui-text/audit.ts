/** Words of the pages of the audit log. */
import type { Message } from '../messages.ts';

export const auditText = {} as const satisfies Record<string, Message>;
