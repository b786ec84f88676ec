/**
 * Creating sign-in accounts outside onboarding: the platform operator's own, and officers.
 * Accounts whose username exists already are left as they are, so a seed can be re-run.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/passwords.ts';
import type { Account, AccountRepository } from '../store/repositories/accounts.ts';

export type NewAccount = Omit<Account, 'userId' | 'passwordHash' | 'createdAt'> & {
  readonly password: string;
};

export async function createMissingAccounts(
  accounts: AccountRepository,
  wanted: NewAccount[],
): Promise<void> {
  const missing: NewAccount[] = [];
  for (const account of wanted) if (!(await accounts.findByUsername(account.username))) missing.push(account);
  if (missing.length === 0) return;
  const createdAt = new Date().toISOString();
  await accounts.create(
    await Promise.all(
      missing.map(async ({ password, ...account }) => ({
        ...account,
        userId: randomUUID(),
        passwordHash: await hashPassword(password),
        createdAt,
      })),
    ),
  );
}
