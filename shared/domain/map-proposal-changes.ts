/**
 * Proposing hamlets and deciding on proposals. Officers of any organization propose the hamlets
 * of their communes; the same hamlet proposed by two organizations is one proposal they share.
 * A map editor accepts it (the hamlet is created on the province's map, audited, for everyone)
 * or rejects it with a reason. A decision is taken once: of two made at the same time, one wins.
 */
import { randomUUID } from 'node:crypto';
import type { MapProposalRepository } from '../store/repositories/map-proposals.ts';
import type { Page } from '../store/table.ts';
import { canEditMap, requireMapEditor, requireProvinceMember } from './access/map-access.ts';
import { requireOrganization } from './access/tenant-access.ts';
import { requireRole, requireUnitInScope } from './access/tree-access.ts';
import type { ChangeContext } from './audit.ts';
import { vietnamToday } from './dates.ts';
import { DomainError } from './errors.ts';
import type {
  AcceptedProposal,
  AcceptProposal,
  HamletProposal,
  ProposalOutcome,
  ProposalStatus,
  ProposeHamlet,
  RejectProposal,
} from './map-proposals.ts';
import type { Organization } from './organizations.ts';
import type { Principal } from './roles.ts';
import { createUnit } from './unit-changes.ts';
import { newUnit } from './unit-rules.ts';
import type { TreeWorkspace } from './unit-workspace.ts';
import type { FullUnit } from './units.ts';

export interface MapWorkspace extends TreeWorkspace {
  readonly proposals: MapProposalRepository;
}

/** Writes lost to a concurrent one before giving up; each loss means someone else made progress. */
const ATTEMPTS = 3;

export async function proposeHamlet(
  ws: MapWorkspace,
  ctx: ChangeContext,
  input: ProposeHamlet,
): Promise<ProposalOutcome> {
  requireRole(ctx.principal, 'org_admin', 'unit_officer');
  const organization = requireOrganization(ctx.principal);
  const commune = await ws.units.get(input.communeId);
  if (!commune)
    throw new DomainError('UNIT_NOT_FOUND', { id: input.communeId }, [
      { path: 'body.communeId', code: 'not_found' },
    ]);
  requireUnitInScope(ctx.principal, commune);
  // A proposal that could never become a hamlet there (not a commune, a closed one) is refused now.
  newUnit(commune, { parentId: commune.id, type: input.type, name: input.name }, vietnamToday(ctx.now));
  for (let attempt = 1; ; attempt++) {
    const existing = await hamletNamed(ws, commune.id, input.name);
    if (existing) return { status: 'exists', unit: existing };
    try {
      return await joinOrOpen(ws, ctx, organization, commune, input);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isConflict(error)) throw error;
    }
  }
}

async function joinOrOpen(
  ws: MapWorkspace,
  ctx: ChangeContext,
  organization: Organization,
  commune: FullUnit,
  input: ProposeHamlet,
): Promise<ProposalOutcome> {
  const proposer = { organization, username: ctx.principal.username, proposedAt: ctx.now.toISOString() };
  const pending = await ws.proposals.pendingNamed(commune.id, input.name);
  if (!pending) {
    const proposal: HamletProposal = {
      id: randomUUID(),
      communeId: commune.id,
      communePath: [...commune.ancestorIds, commune.id],
      name: input.name,
      type: input.type,
      note: input.note ?? null,
      status: 'pending',
      proposers: [proposer],
      organizations: [organization],
      createdAt: proposer.proposedAt,
      decidedAt: null,
      decidedBy: null,
      acceptedName: null,
      unitId: null,
      reason: null,
      version: 1,
    };
    await ws.proposals.create(proposal);
    return { status: 'proposed', proposal };
  }
  // Read between its guard and its decision: decided meanwhile, so look again.
  if (pending.status !== 'pending') throw new DomainError('PRECONDITION_FAILED');
  if (pending.organizations.includes(organization)) return { status: 'joined', proposal: pending };
  const joined: HamletProposal = {
    ...pending,
    proposers: [...pending.proposers, proposer],
    organizations: [...pending.organizations, organization],
    version: pending.version + 1,
  };
  await ws.proposals.save(pending, joined);
  return { status: 'joined', proposal: joined };
}

/**
 * Accepts a proposal: marks it accepted (only if still pending), then creates the hamlet and
 * links it. Repeating it answers the same hamlet, and completes one interrupted between the two.
 */
export async function acceptProposal(
  ws: MapWorkspace,
  ctx: ChangeContext,
  id: string,
  input: AcceptProposal,
): Promise<AcceptedProposal> {
  requireMapEditor(ctx.principal);
  let proposal = await requireProposal(ws, id);
  for (let attempt = 0; attempt < ATTEMPTS && proposal.status === 'pending'; attempt++) {
    const name = input.name ?? proposal.name;
    const commune = await ws.units.get(proposal.communeId);
    if (!commune) throw new DomainError('UNIT_NOT_FOUND', { id: proposal.communeId });
    newUnit(commune, { parentId: commune.id, type: proposal.type, name }, vietnamToday(ctx.now));
    proposal = await decide(ws, proposal, {
      ...decidedBy(ctx, proposal, 'accepted'),
      acceptedName: name,
    });
  }
  if (proposal.status !== 'accepted') throw notPending(proposal);
  if (proposal.unitId !== null) return { proposal, unit: await linkedUnit(ws, proposal.unitId) };
  const unit = await createHamlet(ws, ctx, proposal);
  const linked = await decide(ws, proposal, { ...proposal, unitId: unit.id, version: proposal.version + 1 });
  // Another acceptance of the same proposal linked it first: to the same hamlet, by its name.
  return { proposal: linked, unit: await linkedUnit(ws, linked.unitId ?? unit.id) };
}

export async function rejectProposal(
  ws: MapWorkspace,
  ctx: ChangeContext,
  id: string,
  input: RejectProposal,
): Promise<HamletProposal> {
  requireMapEditor(ctx.principal);
  let proposal = await requireProposal(ws, id);
  for (let attempt = 0; attempt < ATTEMPTS && proposal.status === 'pending'; attempt++)
    proposal = await decide(ws, proposal, { ...decidedBy(ctx, proposal, 'rejected'), reason: input.reason });
  if (proposal.status !== 'rejected') throw notPending(proposal);
  return proposal;
}

/**
 * Map editors see every proposal of the province; the organizations' admins, officers and
 * viewers those their organization proposed or joined, an officer within their part of the tree.
 */
export async function listProposals(
  ws: MapWorkspace,
  principal: Principal,
  query: { status: ProposalStatus; limit: number; cursor?: string | undefined },
): Promise<Page<HamletProposal>> {
  requireProvinceMember(principal);
  if (canEditMap(principal)) return ws.proposals.list(query.status, {}, query.limit, query.cursor);
  requireRole(principal, 'org_admin', 'unit_officer', 'viewer');
  const organization = requireOrganization(principal);
  const scope = principal.scope;
  const withinUnitId = scope && 'unitId' in scope ? scope.unitId : undefined;
  return ws.proposals.list(query.status, { organization, withinUnitId }, query.limit, query.cursor);
}

async function requireProposal(ws: MapWorkspace, id: string): Promise<HamletProposal> {
  const proposal = await ws.proposals.get(id);
  if (!proposal) throw new DomainError('MAP_PROPOSAL_NOT_FOUND', { id });
  return proposal;
}

function decidedBy(ctx: ChangeContext, proposal: HamletProposal, status: ProposalStatus): HamletProposal {
  return {
    ...proposal,
    status,
    decidedAt: ctx.now.toISOString(),
    decidedBy: ctx.principal.username,
    version: proposal.version + 1,
  };
}

/** Writes a decision; when someone changed the proposal meanwhile, answers it as it is now. */
async function decide(
  ws: MapWorkspace,
  before: HamletProposal,
  after: HamletProposal,
): Promise<HamletProposal> {
  try {
    await ws.proposals.save(before, after);
    return after;
  } catch (error) {
    if (!isConflict(error)) throw error;
    return requireProposal(ws, before.id);
  }
}

/** The hamlet of an accepted proposal; one already on the map under that name is the one. */
async function createHamlet(ws: MapWorkspace, ctx: ChangeContext, proposal: HamletProposal) {
  const name = proposal.acceptedName ?? proposal.name;
  try {
    return await createUnit(ws, ctx, { parentId: proposal.communeId, type: proposal.type, name });
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'UNIT_EXISTS')) throw error;
    const existing = await hamletNamed(ws, proposal.communeId, name);
    if (!existing) throw error;
    return existing;
  }
}

async function hamletNamed(ws: MapWorkspace, communeId: string, name: string) {
  const id = await ws.units.hamletNamed(communeId, name);
  return id === undefined ? undefined : ws.units.get(id);
}

async function linkedUnit(ws: MapWorkspace, unitId: string): Promise<FullUnit> {
  const unit = await ws.units.get(unitId);
  if (!unit) throw new Error(`The hamlet ${unitId} of an accepted proposal is missing`);
  return unit;
}

/** Decided already, or (after every attempt lost to a concurrent change) still changing. */
function notPending(proposal: HamletProposal): DomainError {
  if (proposal.status === 'pending') return new DomainError('PRECONDITION_FAILED');
  return new DomainError('MAP_PROPOSAL_DECIDED', { id: proposal.id, status: proposal.status });
}

function isConflict(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'PRECONDITION_FAILED';
}
