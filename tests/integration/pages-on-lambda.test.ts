/**
 * The web admin behind API Gateway's HTTP API, as the Lambda function serves it: the same app
 * through Hono's Lambda adapter, fed payload-2.0 events. Pages are served over HTTPS there, so
 * the cookies take their prefixes; several Set-Cookie lines must reach the browser (the `cookies`
 * array), and a form's body arrives base64-encoded.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { beforeAll, expect, it } from 'vitest';
import { appWithProvinces } from '../setup/scene.ts';
import { PASSWORD } from '../setup/test-app.ts';

const DOMAIN = 'abc123.execute-api.ap-southeast-1.amazonaws.com';

let invoke: (event: LambdaEvent) => Promise<APIGatewayProxyStructuredResultV2>;

beforeAll(async () => {
  const t = await appWithProvinces(['lb']);
  const handler = handle(t.app);
  invoke = (event) => handler(event, {} as LambdaContext) as Promise<APIGatewayProxyStructuredResultV2>;
});

function event(
  method: 'GET' | 'POST',
  path: string,
  options: { cookies?: string[]; form?: Record<string, string>; headers?: Record<string, string> } = {},
): LambdaEvent {
  const [rawPath = path, rawQueryString = ''] = path.split('?');
  const body = options.form && Buffer.from(new URLSearchParams(options.form).toString()).toString('base64');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    cookies: options.cookies ?? [],
    headers: {
      host: DOMAIN,
      'x-forwarded-proto': 'https',
      ...(body && { 'content-type': 'application/x-www-form-urlencoded', origin: `https://${DOMAIN}` }),
      ...options.headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authentication: null,
      authorizer: {},
      domainName: DOMAIN,
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.5', userAgent: 'test' },
      requestId: 'req',
      routeKey: '$default',
      stage: '$default',
      time: '06/Dec/2026:00:00:00 +0000',
      timeEpoch: 0,
    },
    body: body ?? null,
    isBase64Encoded: body !== undefined,
  };
}

/** `name=value` of each Set-Cookie line, as the browser sends them back. */
const pairs = (result: APIGatewayProxyStructuredResultV2) =>
  (result.cookies ?? []).map((line) => line.split(';')[0] as string);

it('signs in through the sign-in page and opens the home page, with prefixed Secure cookies', async () => {
  const form = await invoke(event('GET', '/'));
  expect(form.statusCode).toBe(200);
  const csrfLine = (form.cookies ?? []).find((line) => line.startsWith('__Host-csrf='));
  expect(csrfLine).toMatch(/Secure/);
  const csrf = /^__Host-csrf=([^;]+)/.exec(csrfLine ?? '')?.[1] as string;

  const signedIn = await invoke(
    event('POST', '/sign-in', {
      cookies: [`__Host-csrf=${csrf}`],
      form: { username: 'lb.farmers', password: PASSWORD, _csrf: csrf },
    }),
  );
  expect(signedIn.statusCode).toBe(303);
  // Three cookies in one answer: the session, the refresh token and the new form token.
  const names = pairs(signedIn).map((pair) => pair.split('=')[0]);
  expect(names).toEqual(expect.arrayContaining(['__Host-session', '__Secure-refresh', '__Host-csrf']));

  const home = await invoke(event('GET', '/home', { cookies: pairs(signedIn) }));
  expect(home.statusCode).toBe(200);
  expect(home.body).toContain('lb.farmers');
});

it('refuses a form posted from another origin', async () => {
  const form = await invoke(event('GET', '/'));
  const csrf = pairs(form)[0] as string;
  const forged = await invoke(
    event('POST', '/sign-in', {
      cookies: [csrf],
      form: { username: 'lb.farmers', password: PASSWORD, _csrf: csrf.split('=')[1] as string },
      headers: { origin: 'https://evil.example' },
    }),
  );
  expect(forged.statusCode).toBe(403);
  expect(pairs(forged).some((pair) => pair.startsWith('__Host-session='))).toBe(false);
});
