/**
 * The audit log page over HTTP: the organization admin reads who did what and when, by record or
 * by user, newest first and paged; anyone the API refuses the trail is refused the page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/domain/audit.ts';
import { admission, admitOk, provinceWithBranches } from '../setup/members.ts';
import { pageClient } from '../setup/page-client.ts';
import { alphaFarmersOfficers, setUpScene } from '../setup/scene.ts';
import { auditOf, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let admin: string;
let member: string;

beforeAll(async () => {
  const scene = await setUpScene({
    provinces: ['alpha'],
    onboard: provinceWithBranches,
    tenants: { 'alpha:farmers': { officers: alphaFarmersOfficers() } },
    signIn: ['alpha.farmers'],
  });
  t = scene.t;
  admin = scene.token('alpha.farmers');
  member = (await admitOk(t, admin, admission({ fullName: 'Phạm Thị Nhật Ký', gender: 'female' }))).id;
  for (const targetPopulation of [120, 130])
    await t.request('/api/v1/units/28261-01/targets/2026', {
      method: 'PUT',
      token: admin,
      json: { targetPopulation },
    });
});

/** 2026-12-06T02:30:00.000Z as Vietnam reads it: 06/12/2026 09:30. */
const vietnamTime = (iso: string) => {
  const local = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
};

const rowsOf = (html: string) =>
  html
    .match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1]
    ?.split('<tr>')
    .slice(1) ?? [];

describe('the audit log', () => {
  it('opens on the admin’s own actions, newest first, with when, who, what and which record', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    const page = await browser.get('/audit');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<caption>Việc bạn đã làm</caption>');
    const rows = rowsOf(html);
    expect(rows.length).toBe(3);
    const [newest] = await auditOf(t, admin, '28261-01/targets/2026');
    expect(rows[0]).toContain(vietnamTime((newest as AuditRecord).at));
    expect(rows[0]).toContain('Sửa');
    expect(rows[0]).toContain('Đối tượng cần tập hợp');
    expect(rows[0]).toContain(
      '<a href="/audit?entityId=28261-01%2Ftargets%2F2026">28261-01/targets/2026</a>',
    );
    expect(rows[0]).toContain('120 → 130');
    expect(rows[0]).toMatch(/<a href="\/audit\?actor=[^"]+">alpha\.farmers<\/a>/);
    expect(rows[2]).toContain('Hội viên');
    expect(rows[2]).toContain('Tạo mới');
  });

  it('shows one record’s history, by its id', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    const html = await (await browser.get(`/audit?entityId=${member}`)).text();
    expect(html).toContain(`Lịch sử của bản ghi ${member}`);
    const rows = rowsOf(html);
    expect(rows.length).toBe(1);
    expect(rows[0]).toContain('Phạm Thị Nhật Ký');
  });

  it('pages by the trail’s cursor, on to the older records and back to the first page', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    const first = await (await browser.get('/audit?entityId=28261-01%2Ftargets%2F2026&limit=1')).text();
    expect(rowsOf(first)[0]).toContain('120 → 130');
    const next = first.match(/<a href="([^"]+)">Trang sau<\/a>/)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toContain('cursor=');
    const second = await (await browser.get(next as string)).text();
    expect(rowsOf(second)[0]).toContain('Tạo mới');
    expect(second).toContain('Về trang đầu');
  });

  it('marks a filter by both record and user beside the record field', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    const page = await browser.get(`/audit?entityId=${member}&actor=someone`);
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toMatch(/id="f-entityId"[^>]*aria-invalid="true"/);
    expect(html).toContain(`value="${member}"`);
  });
});

describe('who reads the audit log', () => {
  it.each(['mytho.officer', 'alpha.viewer', 'alpha.front'])(
    'refuses %s, as the API does',
    async (username) => {
      const browser = pageClient(t);
      await browser.signIn(username);
      const page = await browser.get(`/audit?entityId=${member}`);
      expect(page.status).toBe(403);
      expect(await page.text()).not.toContain('Phạm Thị Nhật Ký');
    },
  );
});
