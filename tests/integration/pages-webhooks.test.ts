/**
 * An endpoint's page over HTTP: its admin changes its address, description, events and whether it
 * is on; rotates its secret, read once in the answer with the old one's 24 hours; deletes it once
 * the "Tôi hiểu" box is ticked. Refused forms say why beside the field and write nothing; a form
 * drawn from an older version is refused as stale; other officers are refused. This deployment
 * forbids private addresses, as AWS does: an http address is refused by the use case.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { EndpointView, EndpointWithSecret } from '../../shared/domain/webhooks/endpoint.ts';
import { postJson } from '../setup/members.ts';
import { pageClient } from '../setup/page-client.ts';
import { alphaFarmersAdmin } from '../setup/scene.ts';
import { expectProblem, jsonOf, patchJson, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  ({ t, admin } = await alphaFarmersAdmin());
});

const hookPath = (id: string, tail = '') => `/settings/webhooks/${id}${tail}`;
/** An edit form as drawn from version 1, taking member.created and on, with these fields. */
const editForm = (fields: Record<string, string>) => ({
  'event.member.created': 'yes',
  enabled: 'yes',
  version: '1',
  ...fields,
});
const apiRead = (id: string) => t.request(`/api/v1/webhooks/${id}`, { token: admin });

async function registered(): Promise<EndpointWithSecret> {
  return jsonOf<EndpointWithSecret>(
    await postJson(t, admin, '/api/v1/webhooks', {
      url: 'https://hook.example.org/trang',
      eventTypes: ['member.created'],
      description: 'Cổng tỉnh',
    }),
    201,
  );
}

async function adminBrowser() {
  const browser = pageClient(t);
  await browser.signIn('alpha.farmers');
  return browser;
}

describe('editing an endpoint from its page', () => {
  it('changes its address, description, events and turns it off', async () => {
    // Prepare
    const { id } = await registered();
    const browser = await adminBrowser();
    const page = await (await browser.get(hookPath(id))).text();

    // Act
    const saved = await browser.post(hookPath(id, '/edit'), {
      url: 'https://hook.example.org/moi',
      description: 'Cổng tỉnh (mới)',
      'event.member.updated': 'yes',
      'event.branch.created': 'yes',
      version: '1',
    });

    // Assess
    expect(page).toContain('name="version" value="1"');
    expect([saved.status, saved.headers.get('location')]).toEqual([303, `${hookPath(id)}?saved=1`]);
    expect(await jsonOf<EndpointView>(await apiRead(id))).toMatchObject({
      url: 'https://hook.example.org/moi',
      description: 'Cổng tỉnh (mới)',
      eventTypes: ['member.updated', 'branch.created'],
      enabled: false,
      disabledReason: 'manual',
      version: 2,
    });
    expect(await (await browser.get(`${hookPath(id)}?saved=1`)).text()).toContain('Đã lưu.');
  });

  it('refuses an http address and no events beside the fields, keeps what was typed, writes nothing', async () => {
    // Prepare
    const { id } = await registered();
    const browser = await adminBrowser();

    // Act
    const noEvents = await browser.post(hookPath(id, '/edit'), {
      url: 'https://hook.example.org/khong-su-kien',
      enabled: 'yes',
      version: '1',
    });
    const http = await browser.post(
      hookPath(id, '/edit'),
      editForm({ url: 'http://hook.example.org/khong-ma-hoa' }),
    );

    // Assess
    expect(noEvents.status).toBe(400);
    const noEventsHtml = await noEvents.text();
    expect(noEventsHtml).toContain('value="https://hook.example.org/khong-su-kien"');
    expect(noEventsHtml).toMatch(/<fieldset[^>]*aria-describedby="f-eventTypes-error"/);
    expect(http.status).toBe(400);
    const httpHtml = await http.text();
    expect(httpHtml).toMatch(/id="f-url-error">[^<]*https/);
    expect(httpHtml).toContain('value="http://hook.example.org/khong-ma-hoa"');
    expect(await jsonOf<EndpointView>(await apiRead(id))).toMatchObject({
      url: 'https://hook.example.org/trang',
      version: 1,
    });
  });

  it('refuses a form drawn from an older version (412), shows what is stored, writes nothing', async () => {
    // Prepare
    const { id } = await registered();
    const browser = await adminBrowser();
    await jsonOf(await patchJson(t, admin, `/api/v1/webhooks/${id}`, { description: 'Sửa qua API' }, '"v1"'));

    // Act
    const stale = await browser.post(
      hookPath(id, '/edit'),
      editForm({ url: 'https://hook.example.org/cu', description: 'Sửa từ trang cũ' }),
    );

    // Assess
    expect(stale.status).toBe(412);
    const html = await stale.text();
    expect(html).toContain('Người khác vừa sửa bản ghi này');
    expect(html).toContain('value="Sửa qua API"');
    expect(html).toContain('name="version" value="2"');
    expect(await jsonOf<EndpointView>(await apiRead(id))).toMatchObject({
      description: 'Sửa qua API',
      version: 2,
    });
  });
});

describe('rotating the secret from the page', () => {
  it('shows the new secret once and says the old one signs for 24 hours more', async () => {
    // Prepare
    const { id, secret } = await registered();
    const browser = await adminBrowser();

    // Act
    const rotated = await browser.post(hookPath(id, '/rotate-secret'), { version: '1' });

    // Assess
    expect(rotated.status).toBe(200);
    const html = await rotated.text();
    const fresh = html.match(/whsec_[A-Za-z0-9+/]+=*/)?.[0] ?? '';
    expect(fresh).not.toBe('');
    expect(fresh).not.toBe(secret);
    expect(html).toContain('Khóa cũ vẫn hợp lệ 24 giờ');
    const read = await jsonOf<EndpointView>(await apiRead(id));
    expect(Date.parse(read.previousSecretValidUntil ?? '') - Date.parse(read.updatedAt)).toBe(24 * 3600_000);
    expect(await (await browser.get(hookPath(id))).text()).not.toContain(fresh);
  });
});

describe('deleting an endpoint from the page', () => {
  it('is refused until the box is ticked, saying so beside it, and deletes nothing', async () => {
    // Prepare
    const { id } = await registered();
    const browser = await adminBrowser();

    // Act
    const refused = await browser.post(hookPath(id, '/delete'), { version: '1' });

    // Assess
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/id="delete-agree-error">Hãy đánh dấu ô xác nhận để xóa webhook/);
    expect((await apiRead(id)).status).toBe(200);
  });

  it('deletes it once the box is ticked and says so on the list', async () => {
    // Prepare
    const { id } = await registered();
    const browser = await adminBrowser();

    // Act
    const deleted = await browser.post(hookPath(id, '/delete'), { agree: 'yes', version: '1' });

    // Assess
    expect([deleted.status, deleted.headers.get('location')]).toEqual([303, '/settings/webhooks?deleted=1']);
    await expectProblem(await apiRead(id), 404, 'WEBHOOK_NOT_FOUND');
    expect(await (await browser.get('/settings/webhooks?deleted=1')).text()).toContain('Đã xóa webhook.');
  });
});

describe('who may', () => {
  it('refuses a viewer every form of the page and changes nothing', async () => {
    // Prepare
    const { id } = await registered();
    const browser = pageClient(t);
    await browser.signIn('alpha.viewer');

    // Act
    const answers = await Promise.all([
      browser.post(hookPath(id, '/edit'), editForm({ url: 'https://x.example.org' })),
      browser.post(hookPath(id, '/rotate-secret'), { version: '1' }),
      browser.post(hookPath(id, '/delete'), { agree: 'yes', version: '1' }),
    ]);

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403]);
    expect(await jsonOf<EndpointView>(await apiRead(id))).toMatchObject({ version: 1 });
  });
});
