/**
 * The web admin's way to a list longer than one page: the list offers its download as a form
 * (one page's list stays a direct link), the form starts the export and leads to its page, which
 * reloads itself while the file is written and then links to it; the file is the direct
 * export's; the page is the asker's and the admin's only; a bad form starts nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { rawItems } from '../setup/figures-oracle.ts';
import { admission, admitOk } from '../setup/members.ts';
import type { TestApp } from '../setup/test-app.ts';
import { membersPageScene } from './members-page-scene.ts';
import { signedIn as signedInAs } from './page-scene.ts';

let t: TestApp;
let token: (username: string) => string;

const ADMIN = 'px.farmers';
const OFFICER = 'px.mytho';

beforeAll(async () => {
  ({ t, token } = await membersPageScene(
    'px',
    [{ username: OFFICER, role: 'unit_officer', scope: { unitId: '28261' } }],
    [],
  ));
  for (const given of ['An', 'Bình', 'Châu'])
    await admitOk(t, token(ADMIN), admission({ fullName: `Phạm Văn ${given}`, branchId: 'b-28261-01' }));
});

const signedIn = (username: string) => signedInAs(t, username);

const html = async (response: Response, status = 200) => {
  const text = await response.text();
  expect(response.status, text.slice(0, 2000)).toBe(status);
  return text;
};

/** Follows the export's page as its reloads would, until it stops reloading. */
async function finishedPage(browser: Awaited<ReturnType<typeof signedIn>>, path: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const page = await html(await browser.get(path));
    if (!page.includes('http-equiv="refresh"')) return page;
    expect(page).toContain('Đang chuẩn bị tệp');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${path} still reloading`);
}

describe('a list longer than a page, downloaded', () => {
  it('is offered as a form that prepares the file, while a one-page list keeps its direct link', async () => {
    const browser = await signedIn(ADMIN);
    const long = await html(await browser.get('/members?q=pham+van&limit=2'));
    expect(long).toContain('action="/members/exports"');
    expect(long).toContain('<input type="hidden" name="q" value="pham van"/>');
    expect(long).not.toContain('href="/members/export.csv');
    const short = await html(await browser.get('/members?q=pham+van'));
    expect(short).toContain('href="/members/export.csv?q=pham+van"');
    expect(short).not.toContain('action="/members/exports"');
  });

  it('leads to the export’s page, which reloads itself until it links to the file the direct export gives', async () => {
    const browser = await signedIn(ADMIN);
    const started = await browser.post('/members/exports', { format: 'csv', q: 'pham van' });
    expect(started.status).toBe(303);
    const path = started.headers.get('location') as string;
    expect(path).toMatch(/^\/members\/exports\/exp-[0-9a-f]{20}$/);

    const page = await finishedPage(browser, path);
    expect(page).toContain('Tệp đã sẵn sàng.');
    const link = page
      .match(/<a class="button" href="([^"]+)" download="">/)?.[1]
      ?.replaceAll('&amp;', '&') as string;
    expect(link).toMatch(/^\/files\/exports\/px%3Afarmers\/exp-[0-9a-f]{20}\.csv\?expires=/);
    const file = await t.app.request(link);
    expect(file.status).toBe(200);
    const direct = await browser.get('/members/export.csv?q=pham+van');
    expect(await file.text()).toBe(await direct.text());
  });

  it('shows the export to the admin but not to another officer', async () => {
    const officer = await signedIn(OFFICER);
    const started = await officer.post('/members/exports', { format: 'xlsx', unitId: '28261' });
    const path = started.headers.get('location') as string;
    expect(await finishedPage(officer, path)).toContain('Tải tệp (.xlsx)');
    expect(await finishedPage(await signedIn(ADMIN), path)).toContain('Tải tệp (.xlsx)');
    const adminsExport = (
      await (await signedIn(ADMIN)).post('/members/exports', { format: 'csv' })
    ).headers.get('location') as string;
    await html(await officer.get(adminsExport), 404);
  });

  it('refuses a form without a format, or with a status that is none, starting nothing', async () => {
    const browser = await signedIn(ADMIN);
    const jobs = async () =>
      (await rawItems(t)).filter((item) => item._entity === 'member_export_job').length;
    const before = await jobs();
    expect(await html(await browser.post('/members/exports', { q: 'pham' }), 400)).toContain(
      'Dữ liệu không hợp lệ',
    );
    await html(await browser.post('/members/exports', { format: 'csv', status: 'gone' }), 400);
    expect(await jobs()).toBe(before);
  });
});
