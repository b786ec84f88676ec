/**
 * An integrator's view: the API over real HTTP through the client generated from the OpenAPI
 * document (openapi-fetch over docs/api/schema.d.ts), as the README shows it. Every request,
 * answer and problem below is typed by the document alone.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { paths } from '../../docs/api/schema.d.ts';
import { type ServedApp, serveApp } from '../browser/setup/serve-app.ts';
import { nationalIdFor, provinceWithBranches } from '../setup/members.ts';
import { createTestApp, PASSWORD } from '../setup/test-app.ts';

let served: ServedApp;
let api: ReturnType<typeof createClient<paths>>;

beforeAll(async () => {
  const t = await createTestApp();
  await provinceWithBranches(t, 'tc');
  served = await serveApp(t.app);
  api = createClient<paths>({ baseUrl: served.origin });
});

afterAll(async () => {
  await served?.close();
});

/** Sends the access token with every request, as an integration would. */
const bearer = (token: string): Middleware => ({
  onRequest({ request }) {
    request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
});

describe('the generated client', () => {
  it('signs in, admits a member and finds them in the list', async () => {
    const { data: tokens } = await api.POST('/api/v1/auth/token', {
      body: { username: 'tc.farmers', password: PASSWORD },
    });
    expect(tokens?.token_type).toBe('Bearer');
    api.use(bearer(tokens?.access_token ?? ''));

    const person = { fullName: 'Trần Thị Bích', gender: 'female', birthDate: '1990-03-08' } as const;
    const admitted = await api.POST('/api/v1/members', {
      body: { ...person, joinedAt: '2021-06-01', branchId: 'b-28261-01', nationalId: nationalIdFor(person) },
    });
    expect(admitted.response.status).toBe(201);

    const { data: page } = await api.GET('/api/v1/members', {
      params: { query: { branchId: 'b-28261-01', limit: 50 } },
    });
    expect(page?.items.map((member) => member.fullName)).toContain('Trần Thị Bích');
    expect(page?.items.find((member) => member.id === admitted.data?.id)).toBeDefined();
  });

  it('reads a refusal as a typed problem document', async () => {
    const { data, error, response } = await api.GET('/api/v1/members/{id}', {
      params: { path: { id: 'no-such-member' } },
    });

    expect(data).toBeUndefined();
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect({ status: error?.status, code: error?.code }).toEqual({ status: 404, code: 'MEMBER_NOT_FOUND' });
  });
});
