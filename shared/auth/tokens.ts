/**
 * Access and refresh tokens: ES256 JWTs. Each kind has its own `typ`, so a refresh token can
 * never pass as an access token nor the other way round; verification accepts ES256 only,
 * from our own key set, with our issuer and audience.
 *
 * A token is also held to the age its kind is issued with, counted from `iat`, whatever its
 * `exp` says, and may not claim a lifetime longer than that: a token minted with a leaked key
 * and a far `exp` dies as soon as ours would. `iat` and `nbf` in the future are refused beyond a
 * small tolerance for clocks that drift between Lambda instances. The time is the caller's
 * (the request's), so tests that set the clock issue and verify at the same moment.
 */
import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { type Principal, permissionSchema, roleSchema, scopeSchema } from '../domain/roles.ts';
import { toTenantId } from '../domain/tenant-id.ts';
import type { SigningKeys } from './signing-keys.ts';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 60 * 60;
export const CLOCK_TOLERANCE_SECONDS = 30;

const ACCESS_TYPE = 'at+jwt';
const REFRESH_TYPE = 'rt+jwt';

export interface RefreshClaims {
  readonly tenantId: string;
  readonly userId: string;
  readonly username: string;
  readonly familyId: string;
  readonly tokenId: string;
}

const accessClaimsSchema = z.object({
  sub: z.string(),
  tid: z.string(),
  name: z.string(),
  role: roleSchema,
  scope: scopeSchema,
  // Granted rights beside the role (map_editor); tokens issued before there were any carry none.
  perms: z.array(permissionSchema).default([]),
});

const refreshClaimsSchema = z.object({
  sub: z.string(),
  tid: z.string(),
  name: z.string(),
  fam: z.string(),
  jti: z.string(),
});

export interface TokenSettings {
  readonly issuer: string;
  readonly audience: string;
}

/** Verified tokens kept at once; the oldest goes first. A Lambda instance serves far fewer people. */
const VERIFIED_TOKENS_KEPT = 10_000;

export class TokenService {
  private readonly keyResolver;
  /**
   * Tokens already verified — signature, issuer, audience, type, claimed lifetime — with their
   * claims. An access token serves every request of its 15 minutes, and checking its ES256
   * signature was most of what the API added to a request's one read (`BENCH_ONLY=api npm run
   * bench`); its times are checked again on every use, against the request's clock.
   */
  private readonly verified = new Map<string, JWTPayload>();

  constructor(
    private readonly keys: SigningKeys,
    private readonly settings: TokenSettings,
  ) {
    this.keyResolver = createLocalJWKSet(keys.jwks);
  }

  async issueAccess(principal: Principal, now: Date): Promise<string> {
    return this.sign(
      now,
      {
        tid: principal.tenantId,
        name: principal.username,
        role: principal.role,
        scope: principal.scope,
        perms: [...principal.permissions],
      },
      principal.userId,
      ACCESS_TYPE,
      ACCESS_TOKEN_SECONDS,
      randomUUID(),
    );
  }

  async issueRefresh(claims: RefreshClaims, now: Date): Promise<string> {
    return this.sign(
      now,
      { tid: claims.tenantId, name: claims.username, fam: claims.familyId },
      claims.userId,
      REFRESH_TYPE,
      REFRESH_TOKEN_SECONDS,
      claims.tokenId,
    );
  }

  async verifyAccess(token: string, now: Date): Promise<Principal> {
    const claims = accessClaimsSchema.safeParse(
      await this.verify(token, now, ACCESS_TYPE, ACCESS_TOKEN_SECONDS, 'UNAUTHENTICATED'),
    );
    if (!claims.success) throw new DomainError('UNAUTHENTICATED');
    const { sub, tid, name, role, scope, perms } = claims.data;
    return {
      userId: sub,
      tenantId: parseTenant(tid, 'UNAUTHENTICATED'),
      username: name,
      role,
      scope,
      permissions: perms,
    };
  }

  async verifyRefresh(token: string, now: Date): Promise<RefreshClaims> {
    const claims = refreshClaimsSchema.safeParse(
      await this.verify(token, now, REFRESH_TYPE, REFRESH_TOKEN_SECONDS, 'INVALID_REFRESH_TOKEN'),
    );
    if (!claims.success) throw new DomainError('INVALID_REFRESH_TOKEN');
    const { sub, tid, name, fam, jti } = claims.data;
    parseTenant(tid, 'INVALID_REFRESH_TOKEN');
    return { tenantId: tid, userId: sub, username: name, familyId: fam, tokenId: jti };
  }

  private async sign(
    now: Date,
    claims: JWTPayload,
    subject: string,
    typ: string,
    seconds: number,
    id: string,
  ) {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: this.keys.kid, typ })
      .setSubject(subject)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + seconds)
      .setJti(id)
      .sign(this.keys.privateKey);
  }

  private async verify(
    token: string,
    now: Date,
    typ: string,
    lifetimeSeconds: number,
    failure: 'UNAUTHENTICATED' | 'INVALID_REFRESH_TOKEN',
  ) {
    const key = `${typ} ${token}`;
    const known = this.verified.get(key);
    if (known) {
      if (!isWithinItsTime(known, now, lifetimeSeconds)) throw new DomainError(failure);
      return known;
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keyResolver, {
        algorithms: ['ES256'],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        typ,
        requiredClaims: ['exp', 'iat', 'sub', 'jti'],
        currentDate: now,
        maxTokenAge: lifetimeSeconds,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch {
      throw new DomainError(failure);
    }
    // exp and iat are present: requiredClaims made sure of it.
    if ((payload.exp as number) - (payload.iat as number) > lifetimeSeconds) throw new DomainError(failure);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT)
      this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(key, payload);
    return payload;
  }
}

/**
 * jwtVerify's checks of a token's times, as its options above ask for them, for a token whose
 * signature and claims were verified before: not expired, already valid, issued neither in the
 * future nor longer ago than its kind lives — each within the clock tolerance.
 */
function isWithinItsTime(payload: JWTPayload, now: Date, lifetimeSeconds: number): boolean {
  const at = Math.floor(now.getTime() / 1000);
  const age = at - (payload.iat as number);
  return (
    (payload.exp as number) > at - CLOCK_TOLERANCE_SECONDS &&
    (payload.nbf === undefined || payload.nbf <= at + CLOCK_TOLERANCE_SECONDS) &&
    age >= -CLOCK_TOLERANCE_SECONDS &&
    age - CLOCK_TOLERANCE_SECONDS <= lifetimeSeconds
  );
}

function parseTenant(value: string, failure: 'UNAUTHENTICATED' | 'INVALID_REFRESH_TOKEN') {
  try {
    return toTenantId(value);
  } catch {
    throw new DomainError(failure);
  }
}
