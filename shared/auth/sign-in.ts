/**
 * Signing in, refreshing and revoking.
 *
 * Failed sign-ins are limited so that guessing is slow and a stranger cannot lock anyone out:
 * - Per (account, address) pair, exponential back-off: the first `freeFailures` failures cost
 *   nothing; each further one makes the pair wait twice as long before its next password check
 *   (1 s, 2 s, 4 s … up to 15 min). A pair's failures are forgotten after a day without one, or
 *   when it signs in. Only the failing address waits: the same account from elsewhere does not.
 * - Per account and per address, loose ceilings in fixed one-hour windows (100 failures of the
 *   account from all addresses, against guessing from many addresses; 100 from one address for
 *   all accounts, against one password tried on every username). They apply only to pairs the
 *   account has not signed in from in the last 90 days. So a stranger can neither lock an officer
 *   out of an address where they already work, nor, from one shared commune office address,
 *   shut out the colleagues who sign in there; the price is that an officer at a brand-new
 *   address waits out the hour while their account or that address is under a guessing storm.
 *   Failures of known pairs do not count toward the ceilings: their own back-off bounds them.
 *
 * No check races: the ceilings count every attempt before its password is checked and take
 * the count back unless it fails, and a pair's attempt first writes its next state against the
 * version it read, so concurrent guesses of one pair cannot all start from the same state.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import { toTenantId } from '../domain/tenant-id.ts';
import type { Account, AccountRepository } from '../store/repositories/accounts.ts';
import { RefreshFamilyRepository } from '../store/repositories/refresh-families.ts';
import type { PairState, SignInFailureRepository } from '../store/repositories/sign-in-failures.ts';
import type { Table } from '../store/table.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { ACCESS_TOKEN_SECONDS, REFRESH_TOKEN_SECONDS, type TokenService } from './tokens.ts';

export interface TokenPair {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly refresh_token: string;
}

export const SIGN_IN_LIMITS = {
  freeFailures: 5,
  maxDelaySeconds: 15 * 60,
  forgetAfterSeconds: 24 * 60 * 60,
  knownForSeconds: 90 * 24 * 60 * 60,
  windowSeconds: 60 * 60,
  perAccount: 100,
  perAddress: 100,
} as const;

/** Seconds a pair waits after its `failures`-th failure before its next password check. */
export function backOffSeconds(failures: number): number {
  const beyond = failures - SIGN_IN_LIMITS.freeFailures;
  return beyond <= 0 ? 0 : Math.min(2 ** (beyond - 1), SIGN_IN_LIMITS.maxDelaySeconds);
}

const tooMany = (seconds: number) =>
  new DomainError('TOO_MANY_SIGN_IN_ATTEMPTS', { retryAfter: String(Math.max(1, Math.ceil(seconds))) });

export class SignInService {
  constructor(
    private readonly table: Table,
    private readonly accounts: AccountRepository,
    private readonly failures: SignInFailureRepository,
    private readonly tokens: TokenService,
    private readonly now: () => number = Date.now,
  ) {}

  async signIn(rawUsername: string, password: string, address: string): Promise<TokenPair> {
    const username = rawUsername.trim().toLowerCase();
    const seconds = Math.floor(this.now() / 1000);
    const pairSubject = `pair:${username}|${address}`;
    const previous = await this.failures.pair(pairSubject);
    if (previous && previous.nextAttemptAt > seconds) throw tooMany(previous.nextAttemptAt - seconds);

    const known = (previous?.knownUntil ?? 0) > seconds;
    const releaseCeilings = await this.countTowardCeilings(known ? [] : [username, address], seconds);
    const recent =
      previous !== undefined && seconds - previous.lastFailureAt < SIGN_IN_LIMITS.forgetAfterSeconds;
    const failures = recent ? previous.failures + 1 : 1;
    // Written as a failure before the password is checked; a success overwrites it below.
    const next = {
      failures,
      lastFailureAt: seconds,
      nextAttemptAt: seconds + backOffSeconds(failures),
      knownUntil: previous?.knownUntil ?? 0,
    };
    const claimed = await this.failures.replacePair(pairSubject, previous, next, expiryOf(next));
    if (!claimed) {
      await releaseCeilings();
      throw tooMany(1);
    }

    const account = await this.accounts.findByUsername(username);
    const valid = await verifyPassword(password, account?.passwordHash ?? (await decoyHash));
    if (!account || !valid) throw new DomainError('INVALID_CREDENTIALS');
    await releaseCeilings();
    // The password proves the pair: its failures go, and the address is one the account uses.
    const proven = {
      failures: 0,
      lastFailureAt: 0,
      nextAttemptAt: 0,
      knownUntil: seconds + SIGN_IN_LIMITS.knownForSeconds,
    };
    await this.failures.resetPair(pairSubject, proven, expiryOf(proven));
    const familyId = randomUUID();
    const tokenId = randomUUID();
    await this.families(account.tenantId).start(
      familyId,
      account.userId,
      tokenId,
      seconds + REFRESH_TOKEN_SECONDS,
    );
    return this.pair(account, familyId, tokenId);
  }

  /**
   * Exchanges a refresh token for a new pair. Presenting a token that was already exchanged
   * means it leaked: the whole family is revoked, so the thief's copy dies with the owner's.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const claims = await this.tokens.verifyRefresh(refreshToken, new Date(this.now()));
    const families = this.families(toTenantId(claims.tenantId));
    const nextTokenId = randomUUID();
    if (!(await families.rotate(claims.familyId, claims.tokenId, nextTokenId))) {
      await families.revoke(claims.familyId);
      throw new DomainError('INVALID_REFRESH_TOKEN');
    }
    // Role, scope and permissions are read afresh on every refresh, so a demoted user keeps old rights for
    // at most one access-token lifetime.
    const account = await this.accounts.findByUsername(claims.username);
    if (!account || account.userId !== claims.userId) throw new DomainError('INVALID_REFRESH_TOKEN');
    return this.pair(account, claims.familyId, nextTokenId);
  }

  async revoke(refreshToken: string): Promise<void> {
    const claims = await this.tokens.verifyRefresh(refreshToken, new Date(this.now()));
    await this.families(toTenantId(claims.tenantId)).revoke(claims.familyId);
  }

  private async pair(account: Account, familyId: string, tokenId: string): Promise<TokenPair> {
    const now = new Date(this.now());
    const principal = {
      userId: account.userId,
      username: account.username,
      tenantId: account.tenantId,
      role: account.role,
      scope: account.scope,
      permissions: account.permissions ?? [],
    };
    return {
      access_token: await this.tokens.issueAccess(principal, now),
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: await this.tokens.issueRefresh(
        {
          tenantId: account.tenantId,
          userId: account.userId,
          username: account.username,
          familyId,
          tokenId,
        },
        now,
      ),
    };
  }

  private families(tenant: ReturnType<typeof toTenantId>) {
    return new RefreshFamilyRepository(this.table.forTenant(tenant));
  }

  /**
   * Counts one failure toward the ceilings of the account and of the address, and refuses when
   * either is over; answers how to take the count back for an attempt that does not fail.
   */
  private async countTowardCeilings(
    [username, address]: string[],
    seconds: number,
  ): Promise<() => Promise<unknown>> {
    if (username === undefined || address === undefined) return async () => undefined;
    const windowStart = seconds - (seconds % SIGN_IN_LIMITS.windowSeconds);
    const windowEnd = windowStart + SIGN_IN_LIMITS.windowSeconds;
    const subjects = [`user:${username}`, `address:${address}`];
    const [accountFailures = 0, addressFailures = 0] = await Promise.all(
      subjects.map((s) => this.failures.record(s, windowStart, windowEnd + SIGN_IN_LIMITS.windowSeconds)),
    );
    const release = () => Promise.all(subjects.map((s) => this.failures.release(s, windowStart)));
    if (accountFailures > SIGN_IN_LIMITS.perAccount || addressFailures > SIGN_IN_LIMITS.perAddress) {
      await release();
      throw tooMany(windowEnd - seconds);
    }
    return release;
  }
}

/** A pair is kept while its address is known or its failures are remembered. */
function expiryOf(state: PairState): number {
  return Math.max(state.knownUntil, state.lastFailureAt + SIGN_IN_LIMITS.forgetAfterSeconds);
}
