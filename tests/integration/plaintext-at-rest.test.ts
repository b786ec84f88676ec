/**
 * Nothing personal in plain text at rest: after members are admitted, edited, moved, transferred
 * out and in, searched for and their national ids read — with the stream keeping the aggregates
 * as `npm start` does — no national id number appears anywhere in the table or the logs, and a
 * phone number only where a phone is meant to be kept:
 * - the value of a field named `phone` (the member, its list rows in name-word entries, an incoming
 *   transfer's person, audit before/after, a stored idempotent response), and
 * - the phone index key of the member (GSI4SK `<phone>#<memberId>`), which search by phone needs.
 * A national id is kept only sealed, hashed and masked (docs/data-model.md); the logs hold neither.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logger } from '../../shared/config/logger.ts';
import { rawItems } from '../setup/figures-oracle.ts';
import { admission, admit, admitOk, patchMember, postJson, provinceWithBranches } from '../setup/members.ts';
import { type Scene, setUpScene } from '../setup/scene.ts';
import { jsonOf, startStreamPollerFor, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let token: Scene['token'];
let poller: Awaited<ReturnType<typeof startStreamPollerFor>>;
const nationalIds: string[] = [];
const phones: string[] = [];
const logs: string[] = [];

/** Everything the logger writes, at its most talkative, while the story runs. */
function captureLogs(): () => void {
  const writes = [process.stdout.write, process.stderr.write] as const;
  const capture =
    (original: typeof process.stdout.write) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      logs.push(String(chunk));
      return (original as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
    };
  process.stdout.write = capture(writes[0]) as typeof process.stdout.write;
  process.stderr.write = capture(writes[1]) as typeof process.stderr.write;
  logger.setLogLevel('DEBUG');
  return () => {
    logger.setLogLevel('SILENT');
    [process.stdout.write, process.stderr.write] = writes;
  };
}

/** A member with a national id and a phone, both remembered to look for later. */
function person(overrides: Parameters<typeof admission>[0] & { phone: string }) {
  const body = admission(overrides);
  nationalIds.push(body.nationalId as string);
  phones.push(overrides.phone);
  return body;
}

beforeAll(async () => {
  ({ t, token } = await setUpScene({
    provinces: ['alpha'],
    onboard: provinceWithBranches,
    signIn: ['alpha.farmers', 'alpha.women'],
  }));
  poller = await startStreamPollerFor(t);
  const stopCapture = captureLogs();
  try {
    await story();
    await poller.idle();
  } finally {
    stopCapture();
  }
}, 180_000);

afterAll(async () => {
  await poller?.stop();
});

/** Every path a national id or a phone travels: admission, edit, moves, transfers, search, reads. */
async function story() {
  const farmers = token('alpha.farmers');
  const women = token('alpha.women');
  const today = t.today;
  const an = await admitOk<{ id: string }>(
    t,
    farmers,
    person({ fullName: 'Nguyễn Văn An', phone: '0911222333' }),
  );
  const binh = await admitOk<{ id: string }>(
    t,
    farmers,
    person({ fullName: 'Trần Thị Bình', gender: 'female', phone: '0922333444' }),
  );
  // A refused admission with a taken number: the refusal must not write or log the number either.
  const duplicate = { ...admission({ fullName: 'Lê Văn Trùng' }), nationalId: nationalIds[0] };
  expect((await admit(t, farmers, duplicate)).status).toBe(409);

  const newPhone = '0933444555';
  phones.push(newPhone);
  await jsonOf(await patchMember(t, farmers, an.id, { phone: newPhone, occupation: 'Trồng lúa' }, '"v1"'));
  await jsonOf(await postJson(t, farmers, `/api/v1/members/${an.id}/transfer`, { toBranchId: 'b-28261-02' }));
  await jsonOf(
    await postJson(t, farmers, `/api/v1/members/${binh.id}/transfer-out`, {
      destination: { tenantId: 'alpha:women', description: 'Hội Liên hiệp Phụ nữ' },
      reason: 'Chuyển sang Hội Phụ nữ',
      effectiveDate: today,
    }),
  );
  const incoming = await jsonOf<{ items: { id: string }[] }>(
    await t.request('/api/v1/incoming-transfers', { token: women }),
  );
  for (const transfer of incoming.items)
    await jsonOf(
      await postJson(t, women, `/api/v1/incoming-transfers/${transfer.id}/accept`, {
        branchId: 'b-28261-01',
      }),
      201,
    );

  for (const q of [nationalIds[0], nationalIds[1], newPhone, phones[1]])
    await jsonOf(await t.request(`/api/v1/members?q=${q}`, { token: farmers }));
  await jsonOf(await t.request(`/api/v1/members?q=${nationalIds[1]}`, { token: women }));
  await jsonOf(await t.request(`/api/v1/members/${an.id}/national-id`, { token: farmers }));
}

/** Where a phone may stand: a `phone` field's value, or the start of the phone index key. */
function phonesOutsideTheirPlace(value: unknown, path: string, found: string[]): void {
  if (typeof value === 'string') {
    const allowed = path.endsWith('.phone') || (path === '.GSI4SK' && /^0\d{9,10}#/.test(value));
    const rest = allowed ? '' : value;
    for (const phone of phones) if (rest.includes(phone)) found.push(`${path}: ${value}`);
    return;
  }
  if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) phonesOutsideTheirPlace(inner, `${path}.${key}`, found);
}

describe('at rest', () => {
  it('keeps no national id number in plain text in any item of the table', async () => {
    const items = await rawItems(t);

    const holding = items.filter((item) => nationalIds.some((id) => JSON.stringify(item).includes(id)));

    expect(items.length).toBeGreaterThan(50);
    expect(holding).toEqual([]);
  });

  it('keeps phone numbers only in phone fields and the phone index key', async () => {
    const items = await rawItems(t);
    const found: string[] = [];

    for (const item of items) phonesOutsideTheirPlace(item, '', found);

    // The phones are there, where meant: the check would see them elsewhere.
    expect(items.filter((item) => item.phone === '0933444555')).not.toHaveLength(0);
    expect(found).toEqual([]);
  });
});

describe('in the logs', () => {
  it('logs every request, and never a national id nor a phone', () => {
    const text = logs.join('');

    expect(text).toContain('"message":"request"');
    expect(nationalIds.filter((id) => text.includes(id))).toEqual([]);
    expect(phones.filter((phone) => text.includes(phone))).toEqual([]);
  });
});
