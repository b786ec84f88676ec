/**
 * Managing webhook endpoints over HTTP: the secret shown once and sealed at rest, changes and
 * deletion, who may manage them (an organization's admin; the Front's staff for figures only),
 * and bad input answered as problem+json in Vietnamese and English. This app is a deployment that
 * forbids private addresses, as AWS is by default: http endpoints are refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import {
  changedEndpoint,
  type EndpointView,
  type EndpointWithSecret,
  type StoredEndpoint,
} from '../../shared/domain/webhooks/endpoint.ts';
import { EVENT_TYPES } from '../../shared/domain/webhooks/event-catalog.ts';
import { WebhookEndpointRepository } from '../../shared/store/repositories/webhooks.ts';
import { postJson } from '../setup/members.ts';
import { accessTokens, alphaFarmersOfficers, setUpScene } from '../setup/scene.ts';
import { expectProblem, getJson, jsonOf, patchJson, type TestApp } from '../setup/test-app.ts';

const HOOK = 'https://hook.example.org/doanthe';
let t: TestApp;
let admin: string;
let viewer: string;
let frontAdmin: string;

beforeAll(async () => {
  ({ t } = await setUpScene({
    provinces: ['alpha'],
    tenants: { 'alpha:farmers': { officers: alphaFarmersOfficers() } },
  }));
  [admin, viewer, frontAdmin] = await accessTokens(t, 'alpha.farmers', 'alpha.viewer', 'alpha.front.admin');
});

async function register(token: string, body: unknown): Promise<Response> {
  return postJson(t, token, '/api/v1/webhooks', body);
}

describe('an endpoint', () => {
  it('is created with a whsec_ secret shown once and kept sealed', async () => {
    // Act
    const created = await jsonOf<EndpointWithSecret>(
      await register(admin, { url: HOOK, eventTypes: ['member.created', 'branch.created'] }),
      201,
    );

    // Assess
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(created.secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    expect(created).toMatchObject({ enabled: true, sensitiveFields: true, url: HOOK });
    const read = await getJson<Record<string, unknown>>(t, `/api/v1/webhooks/${created.id}`, admin);
    expect(JSON.stringify(read)).not.toContain(created.secret.slice(6));
    const stored = await new WebhookEndpointRepository(
      t.deps.table.forTenant(toTenantId('alpha:farmers')),
    ).get(created.id);
    expect(stored?.secrets.current).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain(created.secret.slice(6));
  });

  it('is listed, changed, disabled and deleted by its admin', async () => {
    // Prepare
    const { id } = await jsonOf<EndpointWithSecret>(
      await register(admin, { url: HOOK, eventTypes: ['member.created'] }),
      201,
    );

    // Act
    const changed = await jsonOf<EndpointView>(
      await patchJson(
        t,
        admin,
        `/api/v1/webhooks/${id}`,
        { enabled: false, eventTypes: ['member.updated'] },
        '"v1"',
      ),
    );
    const listed = await getJson<{ items: EndpointView[] }>(t, '/api/v1/webhooks', admin);
    const deleted = await t.request(`/api/v1/webhooks/${id}`, { method: 'DELETE', token: admin });

    // Assess
    expect(changed).toMatchObject({
      enabled: false,
      disabledReason: 'manual',
      eventTypes: ['member.updated'],
    });
    expect(listed.items.map((e) => e.id)).toContain(id);
    expect(deleted.status).toBe(204);
    await expectProblem(
      await t.request(`/api/v1/webhooks/${id}`, { token: admin }),
      404,
      'WEBHOOK_NOT_FOUND',
    );
  });

  it('is not for a viewer', async () => {
    await expectProblem(
      await register(viewer, { url: HOOK, eventTypes: ['member.created'] }),
      403,
      'FORBIDDEN',
    );
  });

  it('of the Front takes aggregate events only, and carries no sensitive fields', async () => {
    // Act
    const personal = await register(frontAdmin, { url: HOOK, eventTypes: ['member.created'] });
    const figures = await register(frontAdmin, {
      url: HOOK,
      eventTypes: ['snapshot.taken', 'unit.target_set'],
    });

    // Assess
    const problem = await expectProblem(personal, 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'body.eventTypes', code: 'aggregate_events_only' }),
    ]);
    expect(await jsonOf<EndpointView>(figures, 201)).toMatchObject({ sensitiveFields: false });
  });
});

describe('a change named by its version (If-Match)', () => {
  const hook = (id: string, tail = '') => `/api/v1/webhooks/${id}${tail}`;
  const stored = (id: string) =>
    new WebhookEndpointRepository(t.deps.table.forTenant(toTenantId('alpha:farmers'))).get(id);
  const registered = async () => {
    const response = await register(admin, { url: HOOK, eventTypes: ['member.created'], description: 'Gốc' });
    expect(response.headers.get('etag')).toBe('"v1"');
    return jsonOf<EndpointWithSecret>(response, 201);
  };

  it('answers the stored version as the ETag of GET, POST and PATCH', async () => {
    // Prepare
    const { id } = await registered();

    // Act
    const read = await t.request(hook(id), { token: admin });
    const changed = await patchJson(t, admin, hook(id), { description: 'Mới' }, '"v1"');

    // Assess
    expect(read.headers.get('etag')).toBe('"v1"');
    expect(changed.headers.get('etag')).toBe('"v2"');
    expect(await jsonOf<EndpointView>(changed)).toMatchObject({ description: 'Mới', version: 2 });
    expect(await stored(id)).toMatchObject({ description: 'Mới', version: 2 });
  });

  it('refuses a stale If-Match with 412 and changes nothing', async () => {
    // Prepare
    const { id } = await registered();
    await jsonOf(await patchJson(t, admin, hook(id), { description: 'Lần một' }, '"v1"'));

    // Act
    const stale = await patchJson(t, admin, hook(id), { description: 'Lần hai', enabled: false }, '"v1"');

    // Assess
    await expectProblem(stale, 412, 'PRECONDITION_FAILED');
    expect(await stored(id)).toMatchObject({ description: 'Lần một', enabled: true, version: 2 });
  });

  it('requires If-Match on PATCH, as a member edit does (428), and changes nothing', async () => {
    // Prepare
    const { id } = await registered();

    // Act
    const unnamed = await patchJson(t, admin, hook(id), { description: 'Không phiên bản' });

    // Assess
    await expectProblem(unnamed, 428, 'PRECONDITION_REQUIRED');
    expect(await stored(id)).toMatchObject({ description: 'Gốc', version: 1 });
  });

  it('lets only one of two changes made against the same version through', async () => {
    // Prepare
    const { id } = await registered();

    // Act
    const answers = await Promise.all(
      ['Một', 'Hai', 'Ba'].map((description) => patchJson(t, admin, hook(id), { description }, '"v1"')),
    );

    // Assess
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 412, 412]);
    expect(await stored(id)).toMatchObject({ version: 2 });
  });

  it('refuses a rotation or deletion against a stale version, and does them against the current one', async () => {
    // Prepare
    const { id } = await registered();
    await jsonOf(await patchJson(t, admin, hook(id), { description: 'Đã sửa' }, '"v1"'));
    const before = await stored(id);
    const stale = { method: 'POST', token: admin, json: {}, headers: { 'if-match': '"v1"' } };

    // Act
    const staleRotation = await t.request(hook(id, '/rotate-secret'), stale);
    const staleDeletion = await t.request(hook(id), { ...stale, method: 'DELETE' });
    const afterStale = await stored(id);
    const rotation = await t.request(hook(id, '/rotate-secret'), {
      ...stale,
      headers: { 'if-match': '"v2"' },
    });
    const deletion = await t.request(hook(id), {
      method: 'DELETE',
      token: admin,
      headers: { 'if-match': '"v3"' },
    });

    // Assess
    await expectProblem(staleRotation, 412, 'PRECONDITION_FAILED');
    await expectProblem(staleDeletion, 412, 'PRECONDITION_FAILED');
    expect(afterStale).toEqual(before);
    expect(rotation.headers.get('etag')).toBe('"v3"');
    expect(deletion.status).toBe(204);
    expect(await stored(id)).toBeUndefined();
  });

  it('moves when the sender changes the endpoint, so an If-Match read before is stale', async () => {
    // Prepare
    const { id } = await registered();
    const repository = new WebhookEndpointRepository(t.deps.table.forTenant(toTenantId('alpha:farmers')));
    const read = (await repository.get(id)) as StoredEndpoint;
    const tx = repository.transaction();
    repository.save(tx, read, changedEndpoint(read, { failingSince: new Date().toISOString() }));
    await tx.commit();

    // Act
    const stale = await patchJson(t, admin, hook(id), { description: 'Sau lỗi' }, '"v1"');
    const again = repository.transaction();
    repository.save(again, read, changedEndpoint(read, { description: 'Ghi đè' }));

    // Assess
    await expectProblem(stale, 412, 'PRECONDITION_FAILED');
    await expect(again.commit()).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await t.request(hook(id), { token: admin })).headers.get('etag')).toBe('"v2"');
  });
});

describe('bad input', () => {
  it('answers problem+json in Vietnamese and English, field by field', async () => {
    // Act
    const response = await register(admin, { url: 'not a url', eventTypes: ['member.exploded'] });

    // Assess
    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.title).toBe('Dữ liệu không hợp lệ');
    expect(problem.titleEn).toBe('Invalid input');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['body.eventTypes.0', 'body.url']);
    expect(problem.errors?.every((e) => e.message && e.messageEn)).toBe(true);
  });

  it('refuses http where the deployment forbids private addresses', async () => {
    // Act
    const response = await register(admin, {
      url: 'http://hook.example.org/x',
      eventTypes: ['member.created'],
    });

    // Assess
    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([
      {
        path: 'body.url',
        code: 'https_required',
        message: 'Địa chỉ phải bắt đầu bằng https://',
        messageEn: 'The address must start with https://',
      },
    ]);
  });
});

describe('the event catalog', () => {
  it('is in the OpenAPI document, each event type with the schema of its payload', async () => {
    // Act
    const doc = await jsonOf<{
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    }>(await t.request('/openapi.json'));

    // Assess
    for (const type of [...EVENT_TYPES, 'webhook.test'])
      expect(doc.components.schemas[`WebhookEvent.${type}`]?.properties).toHaveProperty('data');
    expect(doc.components.schemas.WebhookEventType).toBeDefined();
  });
});
