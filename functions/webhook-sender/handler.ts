/**
 * The webhook sender function: EventBridge invokes it every minute, and it sends what is due pass
 * after pass for most of that minute (shared/webhooks/sender.ts), so a 5 s retry waits about 5 s.
 * Lanes due live in the table (wake-ups), read the same way by `npm start`'s loop; a run that
 * fails is retried by Lambda and then dead-lettered (infra/api-stack.ts), and the lanes it did not
 * finish are simply still due for the next run.
 */
import { readEnv } from '#shared/config/env.ts';
import { keyWrapperFrom } from '#shared/privacy/key-wrapper-from-env.ts';
import { NationalIdVault } from '#shared/privacy/national-id-vault.ts';
import { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import { Table } from '#shared/store/table.ts';
import { createWebhookSender, type WebhookSender } from '#shared/webhooks/sender.ts';

/** Passes stop this long before the next minute's run starts; a post may take 15 s. */
const RUN_MS = 40_000;
const IDLE_MS = 1_000;

let sender: WebhookSender | undefined;

export async function handler(): Promise<{ attempts: number }> {
  sender ??= senderFromEnv();
  const until = Date.now() + RUN_MS;
  let attempts = 0;
  while (Date.now() < until) {
    const made = await sender.runDue();
    attempts += made;
    if (made === 0) await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  }
  return { attempts };
}

function senderFromEnv(): WebhookSender {
  const env = readEnv();
  const table = new Table(
    createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION }),
    env.TABLE_NAME,
  );
  return createWebhookSender({
    table,
    vault: new NationalIdVault(table, keyWrapperFrom(env)),
    allowPrivateAddresses: env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES,
  });
}
