/**
 * Sign-in, token refresh and revocation, and the public keys that verify our tokens.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { signInSchema } from '#shared/auth/credentials.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { errorResponses, json, jsonBody, publicSecurity, tooManyResponse } from '../http/openapi.ts';
import { signInService } from '../http/sign-in-service.ts';
import { validationHook } from '../http/validation.ts';

const refreshSchema = z
  .strictObject({ refresh_token: z.string().min(1).max(4096) })
  .meta({ id: 'RefreshToken' });

const tokenPairSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().meta({ description: 'Seconds the access token stays valid' }),
    refresh_token: z.string().meta({ description: 'Single use: each refresh returns a new one' }),
  })
  .meta({ id: 'TokenPair' });

const token = createRoute({
  method: 'post',
  path: '/api/v1/auth/token',
  operationId: 'signIn',
  tags: ['auth'],
  security: publicSecurity,
  summary: 'Sign in / Đăng nhập',
  request: jsonBody(signInSchema, { username: 'dong-thap.farmers', password: 'a-long-passphrase' }),
  responses: {
    200: json(tokenPairSchema, 'Signed in', {
      access_token: 'eyJhbGciOiJFUzI1NiIsImtpZCI6IjIwMjYtMTIifQ.eyJzdWIiOiJ1LTEifQ.c2lnbmF0dXJl',
      token_type: 'Bearer',
      expires_in: 900,
      refresh_token:
        'eyJhbGciOiJFUzI1NiIsImtpZCI6IjIwMjYtMTIifQ.eyJzdWIiOiJ1LTEiLCJmYW0iOiJmLTEifQ.c2lnbmF0dXJl',
    }),
    400: errorResponses[400],
    401: errorResponses[401],
    ...tooManyResponse,
  },
});

const refresh = createRoute({
  method: 'post',
  path: '/api/v1/auth/refresh',
  operationId: 'refreshToken',
  tags: ['auth'],
  security: publicSecurity,
  summary: 'Exchange a refresh token for a new pair / Làm mới mã truy cập',
  request: jsonBody(refreshSchema),
  responses: {
    200: json(tokenPairSchema, 'New token pair'),
    400: errorResponses[400],
    401: errorResponses[401],
  },
});

const revoke = createRoute({
  method: 'post',
  path: '/api/v1/auth/revoke',
  operationId: 'revokeToken',
  tags: ['auth'],
  security: publicSecurity,
  summary: 'Sign out: revoke a refresh token and its family / Đăng xuất',
  request: jsonBody(refreshSchema),
  responses: { 204: { description: 'Revoked' }, 400: errorResponses[400], 401: errorResponses[401] },
});

const jwks = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  operationId: 'getJsonWebKeySet',
  tags: ['auth'],
  security: publicSecurity,
  summary: 'Public keys that verify access tokens',
  responses: {
    200: json(z.object({ keys: z.array(z.record(z.string(), z.unknown())) }), 'JSON Web Key Set'),
  },
});

export function authRoutes(deps: AppDependencies) {
  const service = signInService(deps);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(token, async (c) => {
      const { username, password } = c.req.valid('json');
      return c.json(await service.signIn(username, password, deps.clientAddress(c)), 200);
    })
    .openapi(refresh, async (c) => c.json(await service.refresh(c.req.valid('json').refresh_token), 200))
    .openapi(revoke, async (c) => {
      await service.revoke(c.req.valid('json').refresh_token);
      return c.body(null, 204);
    })
    .openapi(jwks, (c) => {
      c.header('cache-control', 'public, max-age=300');
      return c.json(deps.jwks, 200);
    });
}
