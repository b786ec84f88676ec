/**
 * Hamlet proposals: commune officers of any organization propose the hamlets they know, the same
 * hamlet proposed twice is one proposal, and once a map editor accepts it the hamlet is on the
 * province's map for all four organizations; a rejection keeps its reason; a decision is taken once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../setup/members.ts';
import { type Scene, setUpScene } from '../setup/scene.ts';
import { expectProblem, getJson, jsonOf, type PageOf, type TestApp } from '../setup/test-app.ts';

interface ProposalBody {
  id: string;
  communeId: string;
  name: string;
  status: 'pending' | 'accepted' | 'rejected';
  organizations: string[];
  proposers: { organization: string; username: string }[];
  decidedBy: string | null;
  unitId: string | null;
  reason: string | null;
}
interface UnitBody {
  id: string;
  name: string;
  parentId: string;
  type: string;
}
type Outcome =
  | { status: 'exists'; unit: UnitBody }
  | { status: 'proposed' | 'joined'; proposal: ProposalBody };

const ORGANIZATION_ADMINS = ['alpha.farmers', 'alpha.women', 'alpha.veterans', 'alpha.youth'];
/** The Front's provincial staff: the map editor. */
const MAP_EDITOR = 'alpha.mapstaff';

let t: TestApp;
let token: Scene['token'];

beforeAll(async () => {
  const mytho = { role: 'unit_officer', scope: { unitId: '28261' } } as const;
  ({ t, token } = await setUpScene({
    provinces: ['alpha', 'beta'],
    tenants: {
      'alpha:farmers': { officers: [{ username: 'farmers.mytho', ...mytho }] },
      'alpha:women': { officers: [{ username: 'women.mytho', ...mytho }] },
      'alpha:youth': { officers: [{ username: 'youth.mytho', ...mytho }] },
      'alpha:veterans': {
        officers: [{ username: 'veterans.daothanh', role: 'unit_officer', scope: { unitId: '28249' } }],
      },
      'alpha:front': { officers: [{ username: MAP_EDITOR, role: 'front_admin', scope: null }] },
      'beta:front': { officers: [{ username: 'beta.mapstaff', role: 'front_admin', scope: null }] },
    },
    signIn: ORGANIZATION_ADMINS,
  }));
});

async function propose(username: string, name: string, communeId = '28261'): Promise<Response> {
  return postJson(t, token(username), '/api/v1/map/proposals', { communeId, name, type: 'ap' });
}

async function proposeOk(username: string, name: string, status: number): Promise<Outcome> {
  return jsonOf<Outcome>(await propose(username, name), status, `propose ${name} as ${username}`);
}

async function proposalOf(username: string, name: string): Promise<ProposalBody> {
  const outcome = await proposeOk(username, name, 201);
  if (outcome.status === 'exists') throw new Error(`${name} is already on the map`);
  return outcome.proposal;
}

function decide(id: string, decision: 'accept' | 'reject', body: unknown, username = MAP_EDITOR) {
  return postJson(t, token(username), `/api/v1/map/proposals/${id}/${decision}`, body);
}

async function listed(username: string, status = 'pending'): Promise<ProposalBody[]> {
  const path = `/api/v1/map/proposals?status=${status}&limit=200`;
  return (await getJson<PageOf<ProposalBody>>(t, path, token(username))).items;
}

async function hamletsOfMyTho(username: string): Promise<UnitBody[]> {
  return (await getJson<PageOf<UnitBody>>(t, '/api/v1/units?parentId=28261&limit=200', token(username)))
    .items;
}

describe('proposing a hamlet', () => {
  it('makes one proposal of the same hamlet proposed by two organizations, accepted as one hamlet for all four', async () => {
    const first = await proposeOk('farmers.mytho', 'Ấp Mỹ Phú', 201);
    const second = await proposeOk('women.mytho', 'ap my phu', 200);

    expect(first.status).toBe('proposed');
    expect(second.status).toBe('joined');
    if (first.status === 'exists' || second.status === 'exists') throw new Error('not a proposal');
    expect(second.proposal.id).toBe(first.proposal.id);
    expect(second.proposal.name).toBe('Ấp Mỹ Phú');
    expect(second.proposal.organizations).toEqual(['farmers', 'women']);
    expect(second.proposal.proposers.map((p) => p.username)).toEqual(['farmers.mytho', 'women.mytho']);
    expect(
      (await listed(MAP_EDITOR)).filter((p) => p.communeId === '28261' && p.name === 'Ấp Mỹ Phú'),
    ).toHaveLength(1);

    const accepted = await jsonOf<{ proposal: ProposalBody; unit: UnitBody }>(
      await decide(first.proposal.id, 'accept', {}),
    );

    expect(accepted.proposal).toMatchObject({
      status: 'accepted',
      decidedBy: MAP_EDITOR,
      unitId: accepted.unit.id,
    });
    expect(accepted.unit).toMatchObject({ name: 'Ấp Mỹ Phú', parentId: '28261', type: 'ap' });
    const trail = await getJson<PageOf<{ action: string; actor: { username: string } }>>(
      t,
      `/api/v1/units/${accepted.unit.id}/audit`,
      token(MAP_EDITOR),
    );
    expect(trail.items.map((r) => [r.action, r.actor.username])).toEqual([['create', MAP_EDITOR]]);
    for (const admin of ORGANIZATION_ADMINS) {
      const named = (await hamletsOfMyTho(admin)).filter((unit) => unit.name === 'Ấp Mỹ Phú');
      expect(
        named.map((unit) => unit.id),
        admin,
      ).toEqual([accepted.unit.id]);
    }
  });

  it('answers a hamlet already on the map as it is, storing no proposal', async () => {
    const proposal = await proposalOf('youth.mytho', 'Khóm Tân Long');
    const { unit } = await jsonOf<{ unit: UnitBody }>(await decide(proposal.id, 'accept', {}));

    const outcome = await proposeOk('farmers.mytho', 'KHOM TAN LONG', 200);

    expect(outcome).toEqual({ status: 'exists', unit: expect.objectContaining({ id: unit.id }) });
    expect((await listed(MAP_EDITOR)).map((p) => p.name)).not.toContain('KHOM TAN LONG');
  });

  it('refuses an officer proposing a hamlet in a commune outside their scope', async () => {
    await expectProblem(await propose('veterans.daothanh', 'Ấp Ngoài Phạm Vi'), 403, 'FORBIDDEN');
  });
});

describe('deciding on a proposal', () => {
  it('accepts a proposal under a corrected name, and answers the same hamlet when accepted again', async () => {
    const proposal = await proposalOf('farmers.mytho', 'Ap Hoa Binh');

    const first = await jsonOf<{ unit: UnitBody }>(
      await decide(proposal.id, 'accept', { name: 'Ấp Hòa Bình' }),
    );
    const again = await jsonOf<{ unit: UnitBody }>(await decide(proposal.id, 'accept', {}));

    expect(first.unit.name).toBe('Ấp Hòa Bình');
    expect(again.unit).toEqual(first.unit);
    expect((await hamletsOfMyTho('alpha.youth')).filter((u) => u.name === 'Ấp Hòa Bình')).toHaveLength(1);
  });

  it('keeps the reason of a rejection, adds no hamlet, and refuses to accept it afterwards', async () => {
    const proposal = await proposalOf('women.mytho', 'Ấp Trùng Tên');

    const rejected = await jsonOf<ProposalBody>(
      await decide(proposal.id, 'reject', { reason: 'Trùng với Ấp Mỹ Phú' }),
    );

    expect(rejected).toMatchObject({ status: 'rejected', reason: 'Trùng với Ấp Mỹ Phú', unitId: null });
    await expectProblem(await decide(proposal.id, 'accept', {}), 409, 'MAP_PROPOSAL_DECIDED');
    expect((await hamletsOfMyTho('alpha.women')).map((u) => u.name)).not.toContain('Ấp Trùng Tên');
    expect((await listed('women.mytho', 'rejected')).map((p) => p.id)).toContain(proposal.id);
  });

  it('lets exactly one of an acceptance and a rejection made at the same time win', async () => {
    const proposal = await proposalOf('youth.mytho', 'Ấp Tranh Chấp');

    const [accept, reject] = await Promise.all([
      decide(proposal.id, 'accept', {}),
      decide(proposal.id, 'reject', { reason: 'Không có ấp này' }),
    ]);

    expect([accept.status, reject.status].sort()).toEqual([200, 409]);
    const winner = accept.status === 200 ? 'accepted' : 'rejected';
    const stored = (await listed(MAP_EDITOR, winner)).find((p) => p.id === proposal.id);
    expect(stored?.status).toBe(winner);
    const hamlets = (await hamletsOfMyTho('alpha.farmers')).filter((u) => u.name === 'Ấp Tranh Chấp');
    expect(hamlets).toHaveLength(winner === 'accepted' ? 1 : 0);
  });

  it('refuses an organization admin who is no map editor', async () => {
    const proposal = await proposalOf('farmers.mytho', 'Ấp Chờ Duyệt');

    await expectProblem(await decide(proposal.id, 'accept', {}, 'alpha.farmers'), 403, 'FORBIDDEN');
    await expectProblem(
      await decide(proposal.id, 'reject', { reason: 'x' }, 'alpha.farmers'),
      403,
      'FORBIDDEN',
    );
  });

  it('does not find a proposal of another province', async () => {
    const proposal = await proposalOf('farmers.mytho', 'Ấp Riêng Alpha');

    await expectProblem(
      await decide(proposal.id, 'accept', {}, 'beta.mapstaff'),
      404,
      'MAP_PROPOSAL_NOT_FOUND',
    );
  });
});

describe('listing proposals', () => {
  it('shows an organization the proposals it made or joined, and the map editor all of the province', async () => {
    const proposal = await proposalOf('women.mytho', 'Ấp Chỉ Phụ Nữ');

    expect((await listed('alpha.women')).map((p) => p.id)).toContain(proposal.id);
    expect((await listed('alpha.veterans')).map((p) => p.id)).not.toContain(proposal.id);
    expect((await listed('veterans.daothanh')).map((p) => p.id)).not.toContain(proposal.id);
    expect((await listed(MAP_EDITOR)).map((p) => p.id)).toContain(proposal.id);
    expect((await listed('beta.mapstaff')).map((p) => p.id)).not.toContain(proposal.id);
  });
});
