/**
 * Optimistic concurrency under load: of many edits made against one version exactly one wins,
 * and clients that retry on a fresh read lose nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { admission, admitOk, auditOf, patchMember, provinceWithBranches } from '../setup/members.ts';
import { accessTokens, appWithProvinces } from '../setup/scene.ts';
import { expectProblem, getJson, type TestApp } from '../setup/test-app.ts';

interface MemberBody {
  id: string;
  version: number;
  notes: string | null;
  [field: string]: unknown;
}

let t: TestApp;
let farmers: string;

beforeAll(async () => {
  t = await appWithProvinces(['alpha'], provinceWithBranches);
  [farmers] = await accessTokens(t, 'alpha.farmers');
});

/** GET, then PATCH with the fresh ETag, until the PATCH applies; the number of tries it took. */
async function editUntilApplied(
  id: string,
  edit: (member: MemberBody) => Record<string, unknown>,
): Promise<number> {
  for (let attempt = 1; attempt <= 50; attempt++) {
    const read = await t.request(`/api/v1/members/${id}`, { token: farmers });
    const member = (await read.json()) as MemberBody;
    const response = await patchMember(t, farmers, id, edit(member), read.headers.get('etag') as string);
    if (response.status === 200) return attempt;
    await expectProblem(response, 412, 'PRECONDITION_FAILED');
  }
  throw new Error('no edit applied after 50 attempts');
}

describe('edits against one version', () => {
  it('of twelve parallel PATCHes with the same ETag, exactly one wins and the rest get 412', async () => {
    // Prepare
    const member = await admitOk<MemberBody>(t, farmers, admission({ fullName: 'Ông Văn Tranh' }));

    // Act
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        patchMember(t, farmers, member.id, { occupation: `Nghề ${i}` }, '"v1"'),
      ),
    );

    // Assess
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(11);
    const winner = responses.findIndex((r) => r.status === 200);
    for (const [i, response] of responses.entries())
      if (i !== winner) await expectProblem(response, 412, 'PRECONDITION_FAILED');
    const final = await getJson<MemberBody>(t, `/api/v1/members/${member.id}`, farmers);
    expect(final).toMatchObject({ version: 2, occupation: `Nghề ${winner}` });
    // Only the winner left a trace.
    const records = await auditOf(t, farmers, { entityId: member.id });
    expect(records.map((r) => r.action)).toEqual(['update', 'create']);
    expect(records[0]?.after).toMatchObject({ occupation: `Nghề ${winner}`, version: 2 });
  });

  it('parallel status changes with the same If-Match: one applies, the others get 412', async () => {
    const member = await admitOk<MemberBody>(t, farmers, admission({ fullName: 'Ông Văn Trạng Thái' }));
    const today = t.today;
    const bodies = [
      { status: 'away', reason: 'Đi làm', effectiveDate: today, awayPlace: 'Long An' },
      { status: 'lapsed', reason: 'Bỏ sinh hoạt', effectiveDate: today },
      { status: 'removed', reason: 'Xóa tên', effectiveDate: today },
      { status: 'deceased', reason: 'Từ trần', effectiveDate: today },
    ];
    const responses = await Promise.all(
      bodies.map((body) =>
        t.request(`/api/v1/members/${member.id}/status`, {
          method: 'POST',
          token: farmers,
          json: body,
          headers: { 'if-match': '"v1"' },
        }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 412, 412, 412]);
    const winner = bodies[responses.findIndex((r) => r.status === 200)];
    expect(await getJson(t, `/api/v1/members/${member.id}`, farmers)).toMatchObject({
      status: winner?.status,
      version: 2,
    });
  });
});

describe('clients that retry on a fresh read', () => {
  it('append distinct notes in parallel without losing one; the version counts every update', async () => {
    // Prepare
    const member = await admitOk<MemberBody>(t, farmers, admission({ fullName: 'Ông Văn Ghi Chú' }));
    const clients = 6;
    const notesEach = 2;

    // Act
    const tries = await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        let total = 0;
        for (let n = 0; n < notesEach; n++)
          total += await editUntilApplied(member.id, (current) => ({
            notes: [current.notes, `client ${client} note ${n}`].filter(Boolean).join('\n'),
          }));
        return total;
      }),
    );

    // Assess
    const final = await getJson<MemberBody>(t, `/api/v1/members/${member.id}`, farmers);
    const lines = (final.notes ?? '').split('\n');
    const expected = Array.from({ length: clients }, (_, c) =>
      Array.from({ length: notesEach }, (_, n) => `client ${c} note ${n}`),
    ).flat();
    expect([...lines].sort()).toEqual([...expected].sort());
    expect(final.version).toBe(1 + clients * notesEach);
    // Each client's own notes are in its order.
    for (let c = 0; c < clients; c++) {
      const own = lines.filter((line) => line.startsWith(`client ${c} `));
      expect(own).toEqual([`client ${c} note 0`, `client ${c} note 1`]);
    }
    // The contention was real: some tries were lost and retried.
    expect(tries.reduce((a, b) => a + b, 0)).toBeGreaterThan(clients * notesEach);
    expect(await auditOf(t, farmers, { entityId: member.id })).toHaveLength(1 + clients * notesEach);
  });

  it('set distinct fields in parallel, and every one of them stays set', async () => {
    const member = await admitOk<MemberBody>(t, farmers, admission({ fullName: 'Ông Văn Nhiều Trường' }));
    const edits: Record<string, unknown>[] = [
      { occupation: 'Trồng lúa' },
      { education: '12/12' },
      { address: 'Ấp Mỹ Lợi' },
      { phone: '0987654321' },
      { cardNumber: 'HND-42' },
      { ethnicity: 'Hoa' },
      { religion: 'Cao Đài' },
      { partyMember: true },
    ];
    await Promise.all(edits.map((edit) => editUntilApplied(member.id, () => edit)));
    const final = await getJson<MemberBody>(t, `/api/v1/members/${member.id}`, farmers);
    expect(final).toMatchObject(Object.assign({ version: 1 + edits.length }, ...edits));
  });
});
