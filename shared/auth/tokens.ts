/**
 * Access and refresh tokens: ES256 JWTs. Each kind has its own `typ`, so a refresh token can
 * never pass as an access token nor the other way round; verification accepts ES256 only,
 * from our own key set, with our issuer and audience.
 */
import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { type Principal, roleSchema, scopeSchema } from '../domain/roles.ts';
import { toTenantId } from '../domain/tenant-id.ts';
import type { SigningKeys } from './signing-keys.ts';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 60 * 60;

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

export class TokenService {
  private readonly keyResolver;

  constructor(
    private readonly keys: SigningKeys,
    private readonly settings: TokenSettings,
  ) {
    this.keyResolver = createLocalJWKSet(keys.jwks);
  }

  async issueAccess(principal: Principal): Promise<string> {
    return this.sign(
      { tid: principal.tenantId, name: principal.username, role: principal.role, scope: principal.scope },
      principal.userId,
      ACCESS_TYPE,
      ACCESS_TOKEN_SECONDS,
      randomUUID(),
    );
  }

  async issueRefresh(claims: RefreshClaims): Promise<string> {
    return this.sign(
      { tid: claims.tenantId, name: claims.username, fam: claims.familyId },
      claims.userId,
      REFRESH_TYPE,
      REFRESH_TOKEN_SECONDS,
      claims.tokenId,
    );
  }

  async verifyAccess(token: string): Promise<Principal> {
    const claims = accessClaimsSchema.safeParse(await this.verify(token, ACCESS_TYPE, 'UNAUTHENTICATED'));
    if (!claims.success) throw new DomainError('UNAUTHENTICATED');
    const { sub, tid, name, role, scope } = claims.data;
    return { userId: sub, tenantId: parseTenant(tid, 'UNAUTHENTICATED'), username: name, role, scope };
  }

  async verifyRefresh(token: string): Promise<RefreshClaims> {
    const claims = refreshClaimsSchema.safeParse(
      await this.verify(token, REFRESH_TYPE, 'INVALID_REFRESH_TOKEN'),
    );
    if (!claims.success) throw new DomainError('INVALID_REFRESH_TOKEN');
    const { sub, tid, name, fam, jti } = claims.data;
    parseTenant(tid, 'INVALID_REFRESH_TOKEN');
    return { tenantId: tid, userId: sub, username: name, familyId: fam, tokenId: jti };
  }

  private async sign(claims: JWTPayload, subject: string, typ: string, seconds: number, id: string) {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: this.keys.kid, typ })
      .setSubject(subject)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt()
      .setExpirationTime(`${seconds}s`)
      .setJti(id)
      .sign(this.keys.privateKey);
  }

  private async verify(token: string, typ: string, failure: 'UNAUTHENTICATED' | 'INVALID_REFRESH_TOKEN') {
    try {
      const { payload } = await jwtVerify(token, this.keyResolver, {
        algorithms: ['ES256'],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        typ,
        requiredClaims: ['exp', 'iat', 'sub', 'jti'],
      });
      return payload;
    } catch {
      throw new DomainError(failure);
    }
  }
}

function parseTenant(value: string, failure: 'UNAUTHENTICATED' | 'INVALID_REFRESH_TOKEN') {
  try {
    return toTenantId(value);
  } catch {
    throw new DomainError(failure);
  }
}
