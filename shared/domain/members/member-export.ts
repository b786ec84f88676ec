/**
 * A list of members as a file (issue 14): the caller's scope and any filter of the list, read a
 * page at a time through listMembers, so the same access decides it and a province's list never
 * sits in memory; with the names of the branches and units the file shows in place of ids. Every
 * export leaves an audit record: who, which filter, how many rows, and whether it was read to the end.
 */
import { requireOrganization } from '../access/tenant-access.ts';
import { auditRecordOf, type ChangeContext } from '../audit.ts';
import type { Organization } from '../organizations.ts';
import type { MemberSummary } from './member.ts';
import { listMembers, type MemberListQuery, type MemberPage } from './member-queries.ts';
import type { MemberWorkspace } from './member-workspace.ts';

/** A list's filter, without its paging: an export covers every page. */
export type MemberExportQuery = Omit<MemberListQuery, 'limit' | 'cursor'>;

export interface MemberExportRow {
  readonly member: MemberSummary;
  readonly branchName: string;
  readonly unitName: string;
}

/** List rows are ~400 B: a page of this many stays far below a Query's 1 MB. */
const PAGE_SIZE = 500;

export interface MemberExport {
  /** Whose members: the file names its branches as that organization does. */
  readonly organization: Organization;
  readonly rows: AsyncIterable<MemberExportRow>;
}

/**
 * The export's rows, read as they are taken. The first page is read before this returns, so a
 * refused caller or a bad filter is an error before any of the file is sent.
 */
export async function exportMembers(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  query: MemberExportQuery,
): Promise<MemberExport> {
  const first = await listMembers(ws, ctx.principal, { ...query, limit: PAGE_SIZE });
  return { organization: requireOrganization(ctx.principal), rows: rowsFrom(ws, ctx, query, first) };
}

async function* rowsFrom(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  query: MemberExportQuery,
  first: MemberPage,
): AsyncGenerator<MemberExportRow> {
  const names = placeNames(ws);
  let page = first;
  let rows = 0;
  let complete = false;
  try {
    for (;;) {
      const named = await names(page.items);
      for (const member of page.items) {
        yield { member, ...named(member) };
        rows += 1;
      }
      if (!page.nextCursor) break;
      page = await listMembers(ws, ctx.principal, { ...query, limit: PAGE_SIZE, cursor: page.nextCursor });
    }
    complete = true;
  } finally {
    // Also when the download was cut short: what left the building is worth knowing of.
    await ws.audit.put(
      auditRecordOf(ctx, {
        entityType: 'member_export',
        action: 'export',
        entityId: ctx.requestId,
        before: null,
        after: { filter: { ...query }, rows, complete },
      }),
    );
  }
}

/** Branch and unit names, each read once per export however many rows name it. */
function placeNames(ws: MemberWorkspace) {
  const branches = new Map<string, string>();
  const units = new Map<string, string>();
  const missing = (known: Map<string, string>, ids: readonly string[]) => [
    ...new Set(ids.filter((id) => !known.has(id))),
  ];
  return async (members: readonly MemberSummary[]) => {
    const [branchNames, unitNames] = await Promise.all([
      ws.branches.namesOf(
        missing(
          branches,
          members.map((m) => m.branchId),
        ),
      ),
      ws.units.namesOf(
        missing(
          units,
          members.map((m) => m.unitId),
        ),
      ),
    ]);
    for (const [id, name] of branchNames) branches.set(id, name);
    for (const [id, name] of unitNames) units.set(id, name);
    return (member: MemberSummary) => ({
      branchName: branches.get(member.branchId) ?? member.branchId,
      unitName: units.get(member.unitId) ?? member.unitId,
    });
  };
}
