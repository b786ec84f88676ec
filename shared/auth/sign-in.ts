/**
 * Signing in, refreshing and revoking. Failed sign-ins are counted per username and per client
 * address in fixed windows; past the limit a sign-in is refused before the password is checked.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import { toTenantId } from '../domain/tenant-id.ts';
import type { Account, AccountRepository } from '../store/repositories/accounts.ts';
import { RefreshFamilyRepository } from '../store/repositories/refresh-families.ts';
import type { SignInFailureRepository } from '../store/repositories/sign-in-failures.ts';
import type { Table } from '../store/table.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { ACCESS_TOKEN_SECONDS, REFRESH_TOKEN_SECONDS, type TokenService } from './tokens.ts';

export interface TokenPair {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly refresh_token: string;
}

export const SIGN_IN_LIMITS = { windowSeconds: 15 * 60, perUsername: 5, perAddress: 30 } as const;

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
    const subjects = [`user:${username}`, `address:${address}`];
    const windowStart = this.windowStart();
    const expiresAt = windowStart + 2 * SIGN_IN_LIMITS.windowSeconds;
    // Every attempt is counted as a failure before the password is checked, and taken back
    // unless it fails: reading the counts first and writing them after the check would let
    // guesses sent all at once pass the limit together.
    const [userFailures, addressFailures] = await Promise.all(
      subjects.map((s) => this.failures.record(s, windowStart, expiresAt)),
    );
    const release = () => Promise.all(subjects.map((s) => this.failures.release(s, windowStart)));
    if (
      (userFailures ?? 0) > SIGN_IN_LIMITS.perUsername ||
      (addressFailures ?? 0) > SIGN_IN_LIMITS.perAddress
    ) {
      await release();
      const retryAfter = windowStart + SIGN_IN_LIMITS.windowSeconds - Math.floor(this.now() / 1000);
      throw new DomainError('TOO_MANY_SIGN_IN_ATTEMPTS', { retryAfter: String(Math.max(1, retryAfter)) });
    }
    const account = await this.accounts.findByUsername(username);
    const valid = await verifyPassword(password, account?.passwordHash ?? decoyHash);
    if (!account || !valid) throw new DomainError('INVALID_CREDENTIALS');
    await release();
    const familyId = randomUUID();
    const tokenId = randomUUID();
    await this.families(account.tenantId).start(
      familyId,
      account.userId,
      tokenId,
      Math.floor(this.now() / 1000) + REFRESH_TOKEN_SECONDS,
    );
    return this.pair(account, familyId, tokenId);
  }

  /**
   * Exchanges a refresh token for a new pair. Presenting a token that was already exchanged
   * means it leaked: the whole family is revoked, so the thief's copy dies with the owner's.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const claims = await this.tokens.verifyRefresh(refreshToken);
    const families = this.families(toTenantId(claims.tenantId));
    const nextTokenId = randomUUID();
    if (!(await families.rotate(claims.familyId, claims.tokenId, nextTokenId))) {
      await families.revoke(claims.familyId);
      throw new DomainError('INVALID_REFRESH_TOKEN');
    }
    // Role and scope are read afresh on every refresh, so a demoted user keeps old rights for
    // at most one access-token lifetime.
    const account = await this.accounts.findByUsername(claims.username);
    if (!account || account.userId !== claims.userId) throw new DomainError('INVALID_REFRESH_TOKEN');
    return this.pair(account, claims.familyId, nextTokenId);
  }

  async revoke(refreshToken: string): Promise<void> {
    const claims = await this.tokens.verifyRefresh(refreshToken);
    await this.families(toTenantId(claims.tenantId)).revoke(claims.familyId);
  }

  private async pair(account: Account, familyId: string, tokenId: string): Promise<TokenPair> {
    const principal = {
      userId: account.userId,
      username: account.username,
      tenantId: account.tenantId,
      role: account.role,
      scope: account.scope,
    };
    return {
      access_token: await this.tokens.issueAccess(principal),
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: await this.tokens.issueRefresh({
        tenantId: account.tenantId,
        userId: account.userId,
        username: account.username,
        familyId,
        tokenId,
      }),
    };
  }

  private families(tenant: ReturnType<typeof toTenantId>) {
    return new RefreshFamilyRepository(this.table.forTenant(tenant));
  }

  private windowStart(): number {
    const seconds = Math.floor(this.now() / 1000);
    return seconds - (seconds % SIGN_IN_LIMITS.windowSeconds);
  }
}
