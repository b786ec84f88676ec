/**
 * The admission rules page over HTTP: an organization admin changes them (read back through the
 * API, and audited); a refused form keeps what was typed and writes nothing; other officers read
 * the rules without a form and cannot save; the Front has none to read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { EligibilityRules } from '../../shared/domain/members/eligibility.ts';
import { pageClient } from '../setup/page-client.ts';
import { alphaFarmersAdmin } from '../setup/scene.ts';
import { auditOf, getJson, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  ({ t, admin } = await alphaFarmersAdmin());
});

const rulesNow = () => getJson<EligibilityRules>(t, '/api/v1/settings/eligibility', admin);

const field = (html: string, name: string) =>
  html.match(new RegExp(`<(input|select) id="f-${name}"[^>]*>`))?.[0] ?? '';

describe('the admission rules', () => {
  it('shows an admin the rules in force in a form, the charter’s by default', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    const page = await browser.get('/settings');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(field(html, 'minAge')).toContain('value="18"');
    expect(field(html, 'maxAge')).toContain('value=""');
    expect(html).toContain('<option value="any" selected="">Mọi giới tính</option>');
    expect(html).toContain('<option value="no" selected="">Không</option>');
  });

  it('saves an admin’s rules, readable back through the API and audited', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    const response = await browser.post('/settings', {
      minAge: '20',
      maxAge: '60',
      genders: 'female',
      requiresMilitaryService: 'yes',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/settings?saved=1');
    expect(await rulesNow()).toEqual({
      minAge: 20,
      maxAge: 60,
      genders: ['female'],
      requiresMilitaryService: true,
    });
    const [record] = await auditOf(t, admin, 'eligibility');
    expect(record).toMatchObject({ entityType: 'settings', after: { minAge: 20, maxAge: 60 } });

    const html = await (await browser.get('/settings?saved=1')).text();
    expect(html).toContain('Đã lưu điều kiện kết nạp.');
    expect(field(html, 'maxAge')).toContain('value="60"');
    expect(html).toContain('<option value="female" selected="">Chỉ nữ</option>');
  });

  it('refuses a maximum age below the minimum beside its field, keeps the typed values, writes nothing', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    const before = await rulesNow();
    const response = await browser.post('/settings', {
      minAge: '30',
      maxAge: '25',
      genders: 'any',
      requiresMilitaryService: 'no',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(field(html, 'maxAge')).toContain('aria-invalid="true"');
    expect(field(html, 'maxAge')).toContain('value="25"');
    expect(field(html, 'minAge')).toContain('value="30"');
    expect(html).toContain('id="f-maxAge-error"');
    expect(await rulesNow()).toEqual(before);
  });

  it('refuses an age that is not a number beside its field', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    const before = await rulesNow();
    const response = await browser.post('/settings', {
      minAge: 'mười tám',
      maxAge: '',
      genders: 'any',
      requiresMilitaryService: 'no',
    });
    expect(response.status).toBe(400);
    expect(field(await response.text(), 'minAge')).toContain('aria-invalid="true"');
    expect(await rulesNow()).toEqual(before);
  });
});

describe('who changes the rules', () => {
  it('shows other officers the rules without a form, and refuses their save with nothing written', async () => {
    const browser = pageClient(t);
    await browser.signIn('mytho.officer');
    const page = await browser.get('/settings');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('id="f-minAge"');
    expect(html).toContain('Chỉ quản trị viên của tổ chức được sửa điều kiện kết nạp.');
    const before = await rulesNow();
    const refused = await browser.post('/settings', {
      minAge: '16',
      maxAge: '',
      genders: 'any',
      requiresMilitaryService: 'no',
    });
    expect(refused.status).toBe(403);
    expect(await rulesNow()).toEqual(before);
  });

  it('refuses the Front, which admits no one', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.front');
    expect((await browser.get('/settings')).status).toBe(403);
  });
});
