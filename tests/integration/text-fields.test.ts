/**
 * Text that is not text, sent over HTTP: names of zero-width spaces, NUL, terminal escapes,
 * line breaks, bidi overrides, lone surrogates and towers of combining marks, and birth dates
 * before 1900, are refused with 400 problem+json naming the field, and nothing is written.
 * (The rule itself is tested in tests/unit/text-fields.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { admission, admit, admitOk, patchMember, provinceWithBranches } from '../setup/members.ts';
import { accessTokens, appWithProvinces } from '../setup/scene.ts';
import { tableDigest } from '../setup/table-digest.ts';
import { expectProblem, patchJson, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let farmers: string;

beforeAll(async () => {
  t = await appWithProvinces(['alpha'], provinceWithBranches);
  [farmers] = await accessTokens(t, 'alpha.farmers');
});

/** The names the issue found stored (201) before the fix. */
const HOSTILE_NAMES: [string, string, string][] = [
  ['zero-width spaces', '\u200b\u200b\u200b', 'control_character'],
  ['a NUL', 'Nguyễn Văn\u0000 An', 'control_character'],
  ['an ANSI escape', '\u001b[31mNguyễn Văn An\u001b[0m', 'control_character'],
  ['CR/LF', 'Nguyễn Văn\r\nAn', 'control_character'],
  ['a right-to-left override', '\u202enA năV nễyugN', 'control_character'],
  ['a lone surrogate', 'Nguyễn Văn An\ud800', 'lone_surrogate'],
  ['99 combining marks', `A${'\u0301'.repeat(99)}`, 'too_many_combining_marks'],
];

/** Sends a write, expects it refused naming `path` with `code`, and the table unchanged. */
async function expectRefused(
  send: () => Response | Promise<Response>,
  path: string,
  code: string,
): Promise<void> {
  const before = await tableDigest(t);

  const problem = await expectProblem(await send(), 400, 'VALIDATION_FAILED');

  expect(problem.errors).toContainEqual(expect.objectContaining({ path, code }));
  expect(await tableDigest(t)).toBe(before);
}

describe.each(HOSTILE_NAMES)('a name made of %s', (_, name, code) => {
  it('is refused when admitting a member', async () => {
    await expectRefused(() => admit(t, farmers, admission({ fullName: name })), 'body.fullName', code);
  });

  it('is refused when editing a member', async () => {
    const member = await admitOk<{ id: string; version: number }>(t, farmers, admission());

    await expectRefused(
      () => patchMember(t, farmers, member.id, { fullName: name }, `"${member.version}"`),
      'body.fullName',
      code,
    );
  });

  it('is refused for a new unit and a renamed one', async () => {
    await expectRefused(
      () =>
        t.request('/api/v1/units', {
          method: 'POST',
          token: farmers,
          json: { parentId: '28261', type: 'khom', name },
        }),
      'body.name',
      code,
    );
    await expectRefused(() => patchJson(t, farmers, '/api/v1/units/28261-01', { name }), 'body.name', code);
  });

  it('is refused for a new branch and a renamed one', async () => {
    await expectRefused(
      () =>
        t.request('/api/v1/branches', {
          method: 'POST',
          token: farmers,
          json: { name, kind: 'residential', unitId: '28261-01' },
        }),
      'body.name',
      code,
    );
    await expectRefused(
      () => patchJson(t, farmers, '/api/v1/branches/b-28261-01', { name }),
      'body.name',
      code,
    );
  });
});

describe('member text fields', () => {
  it('refuses a lone zero-width space as the new name of a member', async () => {
    const member = await admitOk<{ id: string; version: number }>(t, farmers, admission());

    await expectRefused(
      () => patchMember(t, farmers, member.id, { fullName: '\u200b' }, `"${member.version}"`),
      'body.fullName',
      'control_character',
    );
  });

  it('refuses a control character in an address, a reason or a transfer destination', async () => {
    const member = await admitOk<{ id: string; version: number }>(t, farmers, admission());

    await expectRefused(
      () => admit(t, farmers, admission({ address: 'Ấp 1\u0007' })),
      'body.address',
      'control_character',
    );
    await expectRefused(
      () =>
        t.request(`/api/v1/members/${member.id}/status`, {
          method: 'POST',
          token: farmers,
          json: { status: 'lapsed', reason: 'Bỏ sinh hoạt\u200b', effectiveDate: '2024-01-01' },
        }),
      'body.reason',
      'control_character',
    );
    await expectRefused(
      () =>
        t.request(`/api/v1/members/${member.id}/transfer-out`, {
          method: 'POST',
          token: farmers,
          json: {
            destination: { description: 'Hội Nông dân\u202e xã Mỹ Hội' },
            reason: 'Chuyển nơi ở',
            effectiveDate: '2024-01-01',
          },
        }),
      'body.destination.description',
      'control_character',
    );
  });

  it('keeps line breaks in notes, the one multi-line field', async () => {
    const member = await admitOk<{ notes: string }>(t, farmers, admission({ notes: 'Dòng một\nDòng hai' }));

    expect(member.notes).toBe('Dòng một\nDòng hai');
  });

  it('stores a name typed decomposed (NFD) as NFC', async () => {
    const member = await admitOk<{ fullName: string }>(
      t,
      farmers,
      admission({ fullName: ' Nguyễn Thị Ánh '.normalize('NFD') }),
    );

    expect(member.fullName).toBe('Nguyễn Thị Ánh');
  });

  it.each(['0000-01-01', '1800-01-01'])('refuses a birth date of %s', async (birthDate) => {
    await expectRefused(
      () => admit(t, farmers, admission({ birthDate, nationalId: null })),
      'body.birthDate',
      'out_of_range',
    );
  });
});
