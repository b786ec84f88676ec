/**
 * On one machine, what the sender function's schedule does on AWS: a timer beside the stream
 * poller that sends the webhooks due, once a second while idle and at once while there is more.
 */
import { logger } from '#shared/config/logger.ts';
import type { WebhookSender } from '#shared/webhooks/sender.ts';

export interface WebhookSenderLoop {
  stop(): Promise<void>;
}

export function startWebhookSenderLoop(sender: WebhookSender, intervalMs = 1000): WebhookSenderLoop {
  let stopped = false;
  let wake: (() => void) | undefined;
  const run = async () => {
    while (!stopped) {
      const attempts = await sender.runDue().catch((error: unknown) => {
        logger.error('webhook sender pass failed', { error });
        return 0;
      });
      if (attempts > 0) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, intervalMs);
      });
    }
  };
  const running = run();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
