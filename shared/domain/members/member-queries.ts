/**
 * Reading members: one member, its history, lists and searches within the caller's scope, the
 * full national id (audited), and the Youth Union's list of those coming of age.
 */

import {
  isMemberInScope,
  requireMemberInScope,
  requireMemberReader,
  requireNationalIdReader,
} from '../access/member-access.ts';
import { requireOrganization } from '../access/tenant-access.ts';
import { isBranchInScope, isUnitInScope } from '../access/tree-access.ts';
import { type ResolvedFrom, resolveUnit } from '../admin-units/resolve-unit.ts';
import { auditRecordOf, type ChangeContext } from '../audit.ts';
import { DomainError } from '../errors.ts';
import type { Principal } from '../roles.ts';
import type { FullUnit } from '../units.ts';
import { comingOfAgeBirthYear, isCurrent } from './lifecycle.ts';
import { type Member, type MemberEvent, type MemberStatus, summaryOf } from './member.ts';
import type { MemberWorkspace } from './member-workspace.ts';
import { type MemberFilter, type MemberPlace, planSearch, type SearchPage } from './search.ts';

export async function getMember(ws: MemberWorkspace, principal: Principal, id: string): Promise<Member> {
  requireMemberReader(principal, 'members:read');
  const member = await ws.members.get(id);
  if (!member) throw new DomainError('MEMBER_NOT_FOUND', { id });
  requireMemberInScope(principal, member);
  return member;
}

export async function memberHistory(
  ws: MemberWorkspace,
  principal: Principal,
  id: string,
): Promise<MemberEvent[]> {
  await getMember(ws, principal, id);
  return ws.members.history(id);
}

/**
 * Reading the whole number leaves a trace: who, when, whose. So does an attempt the caller's
 * role or scope refuses: someone of the organization reaching for numbers is worth knowing of.
 */
export async function readNationalId(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  id: string,
): Promise<string | null> {
  requireOrganization(ctx.principal);
  let member: Member;
  try {
    requireNationalIdReader(ctx.principal);
    member = await getMember(ws, ctx.principal, id);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'FORBIDDEN')
      await recordNationalIdRead(ws, ctx, id, 'read_national_id_refused');
    throw error;
  }
  if (!member.nationalId) return null;
  await recordNationalIdRead(ws, ctx, id, 'read_national_id');
  return (await ws.cipher()).open(member.nationalId.sealed);
}

function recordNationalIdRead(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  id: string,
  action: 'read_national_id' | 'read_national_id_refused',
): Promise<void> {
  return ws.audit.put(
    auditRecordOf(ctx, { entityType: 'member', action, entityId: id, before: null, after: null }),
  );
}

export interface MemberListQuery {
  readonly q?: string | undefined;
  readonly unitId?: string | undefined;
  readonly branchId?: string | undefined;
  readonly status?: MemberStatus | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/**
 * A page of a list filtered by `unitId`, saying so when that named an old unit (resolve-unit.ts);
 * a name search's first page may offer similar names (search.ts).
 */
export type MemberPage = SearchPage & { readonly resolvedFrom?: ResolvedFrom };

export async function listMembers(
  ws: MemberWorkspace,
  principal: Principal,
  query: MemberListQuery,
): Promise<MemberPage> {
  requireMemberReader(principal, 'members:read');
  const { place, resolvedFrom } = await memberPlaceOf(ws, principal, query);
  const page = await membersIn(ws, principal, query, {
    place,
    ...(query.status && { status: query.status }),
  });
  return resolvedFrom ? { ...page, resolvedFrom } : page;
}

async function membersIn(
  ws: MemberWorkspace,
  principal: Principal,
  query: MemberListQuery,
  filter: MemberFilter,
): Promise<SearchPage> {
  const search = planSearch(query.q);
  const { limit, cursor } = query;
  switch (search.kind) {
    case 'none':
      return ws.members.list(filter, limit, cursor);
    case 'words':
      // A branch is a few dozen people: its list, filtered on their words, is read instead.
      return filter.place.kind === 'branch'
        ? ws.members.list(filter, limit, cursor, search)
        : ws.members.searchByWords(filter, search, limit, cursor);
    case 'number':
      return ws.members.searchByNumber(filter, search, limit, cursor);
    case 'nationalId': {
      // One answer at most, so no page follows: a cursor here was not issued for this query.
      if (cursor !== undefined) throw new DomainError('INVALID_CURSOR');
      const id = await ws.members.idForNationalIdHash((await ws.cipher()).hash(search.nationalId));
      const member = id ? await ws.members.get(id) : undefined;
      const found = member && matches(member, filter) && isMemberInScope(principal, member);
      return { items: found ? [summaryOf(member)] : [], nextCursor: null };
    }
  }
}

/** Current members turning 30 in a year: the Youth Union graduates them (trưởng thành Đoàn). */
export async function comingOfAge(
  ws: MemberWorkspace,
  principal: Principal,
  query: { year: number; unitId?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<MemberPage> {
  requireMemberReader(principal);
  const { place, resolvedFrom } = await memberPlaceOf(ws, principal, query);
  const page = await ws.members.bornIn(
    comingOfAgeBirthYear(query.year),
    { place },
    query.limit,
    query.cursor,
  );
  return resolvedFrom ? { ...page, resolvedFrom } : page;
}

/** A day after every closing: a closed unit resolves to the unit in force now that it became. */
const STILL_IN_FORCE = '9999-12-31';

/**
 * The part of the tree a list covers: what the caller asked for, which must lie in their scope,
 * or by default all of their scope; with what `unitId` named when it was an old unit.
 */
/** Where a list reads: a branch, a commune (and a unit below it) or the tenant, within the reader's scope. */
export async function memberPlaceOf(
  ws: MemberWorkspace,
  principal: Principal,
  query: { unitId?: string | undefined; branchId?: string | undefined },
): Promise<{ place: MemberPlace; resolvedFrom?: ResolvedFrom | undefined }> {
  const scope = principal.scope;
  const branchId =
    query.branchId ?? (scope && 'branchId' in scope && !query.unitId ? scope.branchId : undefined);
  if (branchId) {
    const branch = await ws.branches.get(branchId);
    if (!branch) throw new DomainError('BRANCH_NOT_FOUND', { id: branchId });
    const unit = await ws.units.get(branch.unitId);
    if (!unit || !isBranchInScope(principal, branch, unit)) throw new DomainError('FORBIDDEN');
    if (query.unitId && unit.id !== query.unitId && !unit.ancestorIds.includes(query.unitId))
      throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'query.branchId', code: 'not_in_unit' }]);
    return { place: { kind: 'branch', branchId } };
  }
  if (scope && 'branchId' in scope) throw new DomainError('FORBIDDEN');
  const unitId = query.unitId ?? (scope && 'unitId' in scope ? scope.unitId : undefined);
  if (!unitId) return { place: { kind: 'tenant' } };
  // Members are always under units in force: an old commune's code or name, or a unit a
  // reorganization closed, lists the members of what it became (one GetItem when it is a unit).
  const resolved = await resolveUnit(ws.units, unitId, STILL_IN_FORCE);
  if (!resolved) throw new DomainError('UNIT_NOT_FOUND', { id: unitId });
  const { unit, resolvedFrom } = resolved;
  if (!isUnitInScope(principal, unit)) throw new DomainError('FORBIDDEN');
  return { place: placeOfUnit(unit), resolvedFrom };
}

function placeOfUnit(unit: FullUnit): MemberPlace {
  switch (unit.level) {
    case 'province':
      return { kind: 'tenant' };
    case 'district':
      return { kind: 'tenant', withinUnitId: unit.id };
    case 'commune':
      return { kind: 'commune', communeId: unit.id };
    case 'hamlet':
      return { kind: 'commune', communeId: unit.parentId ?? unit.id, withinUnitId: unit.id };
  }
}

function matches(member: Member, filter: MemberFilter): boolean {
  const place = filter.place;
  const inPlace =
    place.kind === 'branch'
      ? member.branchId === place.branchId
      : place.kind === 'commune'
        ? member.unitIds.includes(place.withinUnitId ?? place.communeId)
        : !place.withinUnitId || member.unitIds.includes(place.withinUnitId);
  const current = isCurrent(member.status);
  return inPlace && (filter.status ? member.status === filter.status : current);
}
