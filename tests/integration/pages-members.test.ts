/**
 * The members pages over HTTP: search without diacritics, filters and paging; admitting with a
 * refused national id (nothing written) and admitting once however often the form is sent;
 * status changes and moves from the member's page; the edit form's stale version; the audited
 * reveal of a national id; incoming transfers and coming of age; and who sees what — a commune
 * officer their commune only, the Front's staff no member at all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { admission, admitOk, historyOf, postJson } from '../setup/members.ts';
import { getJson, jsonOf, type TestApp } from '../setup/test-app.ts';
import { membersPageScene } from './members-page-scene.ts';
import { signedIn as signedInAs } from './page-scene.ts';

let t: TestApp;
let token: (username: string) => string;
let hoa: string;
let binh: string;

const ADMIN = 'pm.farmers';
const OFFICER = 'pm.mytho';
const VIEWER = 'pm.viewer';

beforeAll(async () => {
  ({ t, token, hoa } = await membersPageScene(
    'pm',
    [
      { username: OFFICER, role: 'unit_officer', scope: { unitId: '28261' } },
      { username: VIEWER, role: 'viewer', scope: null },
    ],
    ['pm.women', 'pm.youth'],
  ));
  binh = (await admitOk(t, token(ADMIN), admission({ fullName: 'Trần Văn Bình', branchId: 'b-28249-01' })))
    .id;
});

const signedIn = (username: string) => signedInAs(t, username);

const html = async (response: Response, status = 200) => {
  const text = await response.text();
  expect(response.status, text.slice(0, 2000)).toBe(status);
  return text;
};

const memberOf = (id: string) =>
  getJson<{
    status: string;
    branchId: string;
    version: number;
    awayPlace: string | null;
    occupation: string | null;
  }>(t, `/api/v1/members/${id}`, token(ADMIN));

const namesFound = async (q: string) =>
  (
    await getJson<{ items: { fullName: string }[] }>(
      t,
      `/api/v1/members?q=${encodeURIComponent(q)}`,
      token(ADMIN),
    )
  ).items.map((member) => member.fullName);

/** The form's once-key, drawn with the form. */
const onceKeyIn = (page: string) => page.match(/name="once" value="([^"]+)"/)?.[1] as string;

describe('the members list', () => {
  it('finds "Nguyễn Thị Hoa" typed without diacritics, and links to her', async () => {
    const browser = await signedIn(ADMIN);
    const page = await html(await browser.get('/members?q=nguyen+thi+hoa'));
    expect(page).toContain(`<a href="/members/${hoa}">Nguyễn Thị Hoa</a>`);
    expect(page).not.toContain('Trần Văn Bình');
    expect(page).toContain('data-live="results"');
    expect(page).toContain('value="nguyen thi hoa"');
  });

  it('finds her typed with letters swapped, in capitals with her birth year, or by her +84 phone, as the API does', async () => {
    const browser = await signedIn(ADMIN);
    for (const q of ['ngyuen thi hoa', 'nguyn thi hoa', 'HOA 1980', '+84 911 222 333']) {
      const page = await html(await browser.get(`/members?q=${encodeURIComponent(q)}`));
      expect(page, q).toContain(`<a href="/members/${hoa}">Nguyễn Thị Hoa</a>`);
      expect(page, q).not.toContain('Trần Văn Bình');
    }
  });

  it('answers the results block alone for live search', async () => {
    const browser = await signedIn(ADMIN);
    const fragment = await html(await browser.get('/members?q=hoa&partial=1'));
    expect(fragment).not.toContain('<html');
    expect(fragment).not.toContain('<form');
    expect(fragment).toContain('Nguyễn Thị Hoa');
  });

  it('filters by unit and status, with the units of the reader’s scope to choose from', async () => {
    const browser = await signedIn(ADMIN);
    const byUnit = await html(await browser.get('/members?unitId=28249'));
    expect(byUnit).toContain('Trần Văn Bình');
    expect(byUnit).not.toContain('Nguyễn Thị Hoa');
    expect(byUnit).toContain('<option value="28261">Phường Mỹ Tho</option>');
    // The chosen commune opens onto its hamlets.
    expect(byUnit).toMatch(/<option value="28249-01">\s*Khóm 1<\/option>/);
    const removed = await html(await browser.get('/members?status=removed'));
    expect(removed).toContain('Không có hội viên nào phù hợp.');
  });

  it('pages by cursor with a link to the next page and back to the first', async () => {
    const browser = await signedIn(ADMIN);
    for (const fullName of ['Lê Văn Hai', 'Lê Văn Một'])
      await admitOk(t, token(ADMIN), admission({ fullName, branchId: 'b-28249-01' }));
    const first = await html(await browser.get('/members?q=le+van&limit=1'));
    expect(first).toContain('Lê Văn Hai');
    expect(first).not.toContain('Lê Văn Một');
    const next = first.match(/<a href="([^"]+)">Trang sau<\/a>/)?.[1]?.replaceAll('&amp;', '&') as string;
    expect(next).toMatch(/^\/members\?q=le\+van&limit=1&cursor=/);
    const second = await html(await browser.get(next));
    expect(second).toContain('Lê Văn Một');
    expect(second).not.toContain('Lê Văn Hai');
    expect(second).toContain('<a href="/members?q=le+van&amp;limit=1">Về trang đầu</a>');
  });

  it('offers the filtered list as a file, which a download reads through the same export as the API', async () => {
    const browser = await signedIn(ADMIN);
    const page = await html(await browser.get('/members?q=nguyen+thi+hoa'));
    const link = page.match(/<a href="([^"]+)" download="">CSV<\/a>/)?.[1]?.replaceAll('&amp;', '&');
    expect(link).toBe('/members/export.csv?q=nguyen+thi+hoa');
    expect(page).toContain('href="/members/export.xlsx?q=nguyen+thi+hoa"');
    const file = await browser.get(link as string);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="hoi-vien-/);
    const rows = new TextDecoder()
      .decode(await file.arrayBuffer())
      .trim()
      .split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(new RegExp(`^Nguyễn Thị Hoa,Nữ,.*,${hoa}$`));
    const refused = await html(await browser.get('/members/export.csv?status=gone'), 400);
    expect(refused).toContain('Dữ liệu không hợp lệ');
  });

  it('marks a search with nothing to search for beside the field', async () => {
    const browser = await signedIn(ADMIN);
    const page = await html(await browser.get('/members?q=%21%21%21'), 400);
    expect(page).toMatch(/id="f-q"[^>]*aria-invalid="true"/);
    expect(page).toContain('Cần ít nhất một chữ hoặc số để tìm');
  });
});

describe('admitting a member', () => {
  it('refuses a bad national id beside the field, keeps what was typed, and writes nothing', async () => {
    const browser = await signedIn(ADMIN);
    const form = await html(await browser.get('/members/new?unitId=28261'));
    expect(form).toContain('<option value="b-28261-01">');
    const response = await browser.post('/members/new', {
      once: onceKeyIn(form),
      unitId: '28261',
      branchId: 'b-28261-01',
      status: 'active',
      fullName: 'Phạm Thị Sai Số',
      gender: 'female',
      birthDate: '1990-02-03',
      joinedAt: '2020-05-06',
      nationalId: '12345',
    });
    const page = await html(response, 400);
    expect(page).toMatch(
      /id="f-nationalId"[^>]*aria-invalid="true"[^>]*aria-describedby="f-nationalId-hint f-nationalId-error"/,
    );
    expect(page).toMatch(/id="f-nationalId-error">CCCD phải gồm đúng 12 chữ số</);
    expect(page).toContain('value="Phạm Thị Sai Số"');
    expect(page).toContain('value="12345"');
    expect(await namesFound('pham thi sai so')).toEqual([]);
  });

  it('puts a number taken by another member beside the field', async () => {
    const browser = await signedIn(ADMIN);
    const taken = admission({ fullName: 'Võ Văn Trùng' });
    await admitOk(t, token(ADMIN), taken);
    const form = await html(await browser.get('/members/new?unitId=28261'));
    const response = await browser.post('/members/new', {
      once: onceKeyIn(form),
      branchId: 'b-28261-01',
      fullName: 'Võ Văn Khác',
      gender: 'male',
      birthDate: taken.birthDate,
      joinedAt: '2021-01-01',
      nationalId: taken.nationalId as string,
    });
    const page = await html(response, 409);
    expect(page).toMatch(/id="f-nationalId-error">Số CCCD này đã thuộc một hội viên khác/);
    expect(await namesFound('vo van khac')).toEqual([]);
  });

  it('admits once when the same form is sent twice, and both answers lead to the member', async () => {
    const browser = await signedIn(ADMIN);
    const form = await html(await browser.get('/members/new?unitId=28261'));
    const fields = {
      once: onceKeyIn(form),
      unitId: '28261',
      branchId: 'b-28261-02',
      fullName: 'Đặng Văn Một Lần',
      gender: 'male',
      birthDate: '1985-07-08',
      joinedAt: '2019-03-04',
      phone: '0988777666',
    };
    const first = await browser.post('/members/new', fields);
    const second = await browser.post('/members/new', fields);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(first.headers.get('location')).toMatch(/^\/members\/[0-9a-f-]{36}$/);
    expect(await namesFound('dang van mot lan')).toEqual(['Đặng Văn Một Lần']);
    const page = await html(await browser.get(first.headers.get('location') as string));
    expect(page).toContain('<h1>Đặng Văn Một Lần</h1>');
    expect(page).toContain('0988777666');
  });
});

describe('a member’s page', () => {
  it('shows the facts, the masked national id and the history', async () => {
    const browser = await signedIn(ADMIN);
    const page = await html(await browser.get(`/members/${hoa}`));
    expect(page).toContain('<h1>Nguyễn Thị Hoa</h1>');
    expect(page).toMatch(/\*{9}\d{3}/);
    expect(page).toContain('Khóm 1 · Chi hội Khóm 1');
    expect(page).toContain('Quá trình sinh hoạt');
    expect(page).toContain('Kết nạp');
  });

  it('changes a status with reason and date, back on the member’s page', async () => {
    const browser = await signedIn(ADMIN);
    const { id } = await admitOk(t, token(ADMIN), admission({ fullName: 'Huỳnh Văn Đi Xa' }));
    const page = await html(await browser.get(`/members/${id}`));
    const response = await browser.post(`/members/${id}/status`, {
      once: onceKeyIn(page),
      status: 'away',
      reason: 'Đi làm ở Bình Dương',
      effectiveDate: t.today,
      awayPlace: 'Bình Dương',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/members/${id}`);
    expect(await memberOf(id)).toMatchObject({ status: 'away', awayPlace: 'Bình Dương' });
    const history = await historyOf(t, token(ADMIN), id);
    expect(history.at(-1)).toMatchObject({ type: 'status_changed', reason: 'Đi làm ở Bình Dương' });
  });

  it('sends a refused status change back open, the message beside its field, nothing changed', async () => {
    const browser = await signedIn(ADMIN);
    const { id } = await admitOk(t, token(ADMIN), admission({ fullName: 'Huỳnh Văn Thiếu' }));
    const response = await browser.post(`/members/${id}/status`, {
      status: 'away',
      reason: 'Đi làm ăn xa',
      effectiveDate: t.today,
    });
    const page = await html(response, 400);
    expect(page).toMatch(/<details class="panel" open="">\s*<summary>Chuyển trạng thái sinh hoạt/);
    expect(page).toMatch(/id="status-awayPlace"[^>]*aria-invalid="true"/);
    expect(page).toContain('Bắt buộc khi đi làm ăn xa');
    expect(page).toContain('value="Đi làm ăn xa"');
    expect((await memberOf(id)).status).toBe('active');
  });

  it('moves a member to another branch', async () => {
    const browser = await signedIn(ADMIN);
    const { id } = await admitOk(t, token(ADMIN), admission({ fullName: 'Mai Văn Chuyển' }));
    const page = await html(await browser.get(`/members/${id}`));
    expect(page).toContain('<option value="b-28261-02">Khóm 2 · Chi hội Khóm 2</option>');
    const response = await browser.post(`/members/${id}/move`, {
      once: onceKeyIn(page),
      toBranchId: 'b-28261-02',
      reason: 'Đổi chỗ ở',
    });
    expect(response.status).toBe(303);
    expect((await memberOf(id)).branchId).toBe('b-28261-02');
    const after = await html(await browser.get(`/members/${id}`));
    expect(after).toContain('Chi hội Khóm 1 → Chi hội Khóm 2');
  });

  it('transfers a member out of the organization', async () => {
    const browser = await signedIn(ADMIN);
    const { id } = await admitOk(t, token(ADMIN), admission({ fullName: 'Lưu Văn Rời' }));
    const response = await browser.post(`/members/${id}/transfer-out`, {
      'destination.description': 'Hội Nông dân tỉnh khác',
      reason: 'Chuyển hộ khẩu',
      effectiveDate: t.today,
    });
    expect(response.status).toBe(303);
    expect((await memberOf(id)).status).toBe('transferred_out');
  });

  it('reveals the full national id in the answer to its audited reveal only', async () => {
    const browser = await signedIn(ADMIN);
    const person = admission({ fullName: 'Tạ Thị Lộ Số' });
    const { id } = await admitOk(t, token(ADMIN), person);
    const before = await html(await browser.get(`/members/${id}`));
    expect(before).not.toContain(person.nationalId as string);
    const revealed = await html(await browser.post(`/members/${id}/national-id`, {}));
    expect(revealed).toContain(person.nationalId as string);
    expect(revealed).toContain('được ghi vào nhật ký');
    const audit = await getJson<{ items: { action: string }[] }>(
      t,
      `/api/v1/audit?entityId=${id}`,
      token(ADMIN),
    );
    expect(audit.items.map((record) => record.action)).toContain('read_national_id');
  });
});

describe('editing a member', () => {
  it('saves against the version it was drawn from', async () => {
    const browser = await signedIn(ADMIN);
    const { id } = await admitOk(t, token(ADMIN), admission({ fullName: 'Kiều Văn Sửa' }));
    const form = await html(await browser.get(`/members/${id}/edit`));
    expect(form).toContain('name="version" value="1"');
    const fields = Object.fromEntries(
      [...form.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    ) as Record<string, string>;
    const response = await browser.post(`/members/${id}/edit`, {
      ...fields,
      gender: 'male',
      partyMember: 'false',
      occupation: 'Trồng lúa',
    });
    expect(response.status).toBe(303);
    expect(await memberOf(id)).toMatchObject({ occupation: 'Trồng lúa', version: 2 });
  });

  it('says someone else changed the member meanwhile and shows the current values', async () => {
    const browser = await signedIn(ADMIN);
    const { id } = await admitOk(t, token(ADMIN), admission({ fullName: 'Kiều Văn Cũ' }));
    const form = await html(await browser.get(`/members/${id}/edit`));
    await jsonOf(
      await t.request(`/api/v1/members/${id}`, {
        method: 'PATCH',
        token: token(ADMIN),
        json: { occupation: 'Nuôi cá' },
        headers: { 'if-match': '"v1"' },
      }),
    );
    const response = await browser.post(`/members/${id}/edit`, {
      version: form.match(/name="version" value="(\d+)"/)?.[1] as string,
      fullName: 'Kiều Văn Cũ',
      gender: 'male',
      birthDate: '1980-05-04',
      joinedAt: '2020-01-15',
      occupation: 'Làm vườn',
    });
    const page = await html(response, 412);
    expect(page).toContain('Người khác vừa sửa bản ghi này');
    expect(page).toContain('value="Nuôi cá"');
    expect(page).toContain('name="version" value="2"');
    expect((await memberOf(id)).occupation).toBe('Nuôi cá');
  });
});

describe('incoming transfers and coming of age', () => {
  it('accepts a transfer from another organization into a branch', async () => {
    const women = token('pm.women');
    const { id } = await admitOk(
      t,
      women,
      admission({ fullName: 'Lâm Thị Đến', gender: 'female', branchId: 'b-28261-01' }),
    );
    await jsonOf(
      await postJson(t, women, `/api/v1/members/${id}/transfer-out`, {
        destination: { tenantId: 'pm:farmers', unitId: '28261', description: 'Hội Nông dân phường Mỹ Tho' },
        reason: 'Sang Hội Nông dân',
        effectiveDate: t.today,
      }),
    );
    const browser = await signedIn(OFFICER);
    const page = await html(await browser.get('/transfers'));
    expect(page).toContain('Lâm Thị Đến');
    const action = page.match(/action="(\/transfers\/[^"]+\/accept)"/)?.[1] as string;
    const response = await browser.post(action, {
      once: onceKeyIn(page),
      branchId: 'b-28261-02',
      joinedAt: t.today,
    });
    expect(response.status).toBe(303);
    const member = await html(await browser.get(response.headers.get('location') as string));
    expect(member).toContain('<h1>Lâm Thị Đến</h1>');
    expect(await html(await browser.get('/transfers'))).not.toContain('Lâm Thị Đến');
  });

  it('lists the Youth Union’s members turning 30 in the chosen year', async () => {
    const youth = token('pm.youth');
    await admitOk(
      t,
      youth,
      admission({ fullName: 'Hà Văn Ba Mươi', birthDate: '1996-04-05', joinedAt: '2014-03-26' }),
    );
    const browser = await signedIn('pm.youth');
    const page = await html(await browser.get('/coming-of-age?year=2026'));
    expect(page).toContain('Hà Văn Ba Mươi');
    expect(page).toContain('<option value="2026" selected="">2026</option>');
    expect(await html(await browser.get('/coming-of-age?year=2027'))).not.toContain('Hà Văn Ba Mươi');
  });
});

describe('who sees what', () => {
  it('shows a commune officer only their commune’s members', async () => {
    const browser = await signedIn(OFFICER);
    const list = await html(await browser.get('/members'));
    expect(list).toContain('Nguyễn Thị Hoa');
    expect(list).not.toContain('Trần Văn Bình');
    expect(list).not.toContain('Phường Đạo Thạnh');
    expect((await browser.get(`/members/${binh}`)).status).toBe(403);
    expect((await browser.get('/members?unitId=28249')).status).toBe(403);
  });

  it('answers the Front’s staff 403 or 404 on member pages, and offers them none', async () => {
    for (const username of ['pm.front', 'pm.front.admin']) {
      const browser = await signedIn(username);
      for (const path of ['/members', `/members/${hoa}`, '/members/new', '/transfers', '/coming-of-age']) {
        const response = await browser.get(path);
        expect([403, 404], `${username} ${path}`).toContain(response.status);
        const page = await response.text();
        expect(page).not.toContain('Nguyễn Thị Hoa');
        expect(page).not.toContain('href="/members"');
      }
      expect((await browser.post(`/members/${hoa}/national-id`, {})).status).toBe(403);
    }
  });

  it('gives a viewer the member without the actions they may not take', async () => {
    const browser = await signedIn(VIEWER);
    const page = await html(await browser.get(`/members/${hoa}`));
    expect(page).toContain('<h1>Nguyễn Thị Hoa</h1>');
    expect(page).not.toContain('<form method="post" action="/members/');
    expect(page).not.toContain('href="/members/new"');
    expect((await browser.get('/members/new')).status).toBe(403);
  });
});
