/**
 * Importing a member list: the file is checked first (check-import.ts) and imported only when no
 * row is refused, so an officer fixes the file and sends it again rather than hunting for which
 * half went in. Each row is then a person already here — found by CCCD, else by name and birth
 * date in the branch — whose changed details are an ordinary audited edit (updateMember), or a
 * new member, written and counted through the bulk load path (MemberLoad), never one at a time.
 *
 * Sending the same file again updates nothing and adds no one. The new members of an import take
 * ids from the import's id and their row, and the load counts each number once. An import cut
 * short and run again under the same id (the same Idempotency-Key, or an uploaded file's worker
 * handed the job again) goes on from its progress item: the rows it records as done are not
 * written again, so a worker that must stop every 15 minutes still gets through a province.
 */
import { createHash } from 'node:crypto';
import type { NationalIdCipher } from '../../../privacy/national-id-vault.ts';
import { type AuditedChange, auditRecordOf, type ChangeContext } from '../../audit.ts';
import { DomainError } from '../../errors.ts';
import { newMember } from '../admission.ts';
import { admissionOf } from '../history.ts';
import type { AdmitMember, Member, UpdateMember } from '../member.ts';
import { updateMember } from '../member-changes.ts';
import { type MemberWorkspace, openBranch, placementOf } from '../member-workspace.ts';
import { type ImportCheck, personKeys, type ReadyRow, readImport } from './check-import.ts';
import type { ImportProgress, ImportWorkspace } from './import-progress.ts';

/** Writes new members through the bulk load path and counts them exactly once (shared/figures/member-load.ts). */
export type MemberLoad = (loadId: string, members: readonly { n: number; member: Member }[]) => Promise<void>;

export interface ImportResult {
  readonly id: string;
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly warnings: ImportCheck['problems'];
}

/** Members written, then counted, together: as the demo's loader does. */
const CHUNK = 2_000;
/** Rows between two records of progress while members found are updated one by one. */
const PROGRESS_EVERY = 500;

/** What a re-import may change of a member found: their details, never their status or branch (those have their own steps). */
const UPDATABLE = [
  'fullName',
  'gender',
  'birthDate',
  'phone',
  'cardNumber',
  'occupation',
  'address',
  'education',
  'notes',
  'ethnicity',
  'religion',
] as const satisfies readonly (keyof UpdateMember)[];

export interface ImportOptions {
  /** The import's id: an uploaded file's own, else the one its Idempotency-Key gives (importIdOf). */
  readonly id: string;
  readonly unitId?: string | undefined;
  readonly load: MemberLoad;
  /** Asked between steps: true stops the import there, its progress saved, for it to be run again. */
  readonly pauseWhen?: () => boolean;
}

/** A file read and imported in one go: the API's and the web admin's import of a file sent in the request. */
export async function importMembers(
  ws: ImportWorkspace,
  ctx: ChangeContext,
  table: readonly (readonly string[])[],
  options: { unitId?: string | undefined; idempotencyKey?: string | undefined; load: MemberLoad },
): Promise<ImportResult> {
  const read = await readImport(ws, ctx.principal, table, ctx.now, options.unitId);
  const id = importIdOf(ws.tenant, options.idempotencyKey, ctx.requestId);
  // Never paused: no pauseWhen.
  return (await importChecked(ws, ctx, read, { ...options, id })) as ImportResult;
}

/** The refusal of a file with rows in error, if it has some: nothing of such a file is written. */
export function rowsInError(check: ImportCheck): DomainError | undefined {
  const errors = check.problems.filter((problem) => problem.severity === 'error');
  if (errors.length === 0) return undefined;
  return new DomainError('IMPORT_HAS_ERRORS', { rows: String(new Set(errors.map((e) => e.row)).size) });
}

/**
 * Imports the rows a check found ready, going on from the progress an earlier run of the same
 * import recorded. Resolves to undefined when `pauseWhen` stopped it before the end.
 */
export async function importChecked(
  ws: ImportWorkspace,
  ctx: ChangeContext,
  { check, ready }: { check: ImportCheck; ready: readonly ReadyRow[] },
  options: ImportOptions,
): Promise<ImportResult | undefined> {
  const refused = rowsInError(check);
  if (refused) throw refused;
  const { id } = options;
  // Sent again after it finished, it finds every row recorded and writes nothing.
  const earlier = await ws.imports.get(id);
  const progress = progressRecorder(
    ws,
    ctx,
    { id, rows: ready.length, unitId: options.unitId ?? null },
    earlier,
  );
  await progress.save();
  const cipher = await ws.cipher();
  const found = await membersFound(ws, cipher, ready);
  const placements = new Map<string, ReturnType<typeof placementOf>>();
  const placementFor = async (branchId: string) => {
    const known = placements.get(branchId);
    if (known) return known;
    const { branch, unit } = await openBranch(ws, branchId);
    const placement = placementOf(branch, unit);
    placements.set(branchId, placement);
    return placement;
  };

  const fresh: { n: number; member: Member }[] = [];
  // Members found are gone through in file order, so those an earlier run recorded come first.
  let foundBefore = progress.count.updated + progress.count.unchanged;
  for (const { row, admission } of ready) {
    const ownId = `${id}-${row}`;
    const existing = found.get(row);
    if (existing && existing.id !== ownId) {
      if (foundBefore > 0) {
        foundBefore -= 1;
        continue;
      }
      const patch = changesOf(existing, admission);
      if (Object.keys(patch).length === 0) progress.count.unchanged += 1;
      else {
        await updateMember(ws, ctx, existing.id, patch, existing.version);
        progress.count.updated += 1;
      }
      // Each update is recorded as made: run again, a member updated would count as unchanged.
      const processed = progress.count.updated + progress.count.unchanged;
      if (Object.keys(patch).length > 0 || processed % PROGRESS_EVERY === 0) {
        await progress.save();
        if (options.pauseWhen?.()) return undefined;
      }
      continue;
    }
    const member = newMember(admission, await placementFor(admission.branchId), cipher, ctx.now, ownId);
    const recordedBy = { userId: ctx.principal.userId, username: ctx.principal.username };
    fresh.push({
      n: row,
      member: {
        ...member,
        admission: admissionOf({
          type: 'admitted',
          status: member.status,
          reason: null,
          awayPlace: member.awayPlace,
          toBranchId: member.branchId,
          recordedBy,
        }),
      },
    });
  }
  // The chunks an earlier run loaded are recorded in `created`: a chunk is counted once loaded.
  // A run pauses only after a chunk, so each run gets further however long the reading took.
  for (let start = progress.count.created; start < fresh.length; start += CHUNK) {
    const chunk = fresh.slice(start, start + CHUNK);
    await options.load(`IMPORT#${id}`, chunk);
    progress.count.created += chunk.length;
    await progress.save();
    if (progress.count.created < fresh.length && options.pauseWhen?.()) return undefined;
  }

  const { updated, unchanged } = progress.count;
  const result = { id, rows: check.rows, created: fresh.length, updated, unchanged };
  await ws.audit.put(auditRecordOf(ctx, importAudit(id, { ...result, unitId: options.unitId ?? null })));
  await progress.save('done');
  return { ...result, warnings: check.problems };
}

/** The import's counts as they grow from an earlier run's, and a way to record them (import-progress.ts). */
function progressRecorder(
  ws: ImportWorkspace,
  ctx: ChangeContext,
  start: Pick<ImportProgress, 'id' | 'rows' | 'unitId'>,
  earlier: ImportProgress | undefined,
) {
  const count = {
    created: earlier?.created ?? 0,
    updated: earlier?.updated ?? 0,
    unchanged: earlier?.unchanged ?? 0,
  };
  const startedAt = earlier?.startedAt ?? ctx.now.toISOString();
  return {
    count,
    save: (state: ImportProgress['state'] = 'running') => {
      const at = new Date().toISOString();
      return ws.imports.save({
        ...earlier,
        ...start,
        ...count,
        state,
        processed: count.created + count.updated + count.unchanged,
        by: { userId: ctx.principal.userId, username: ctx.principal.username },
        startedAt,
        updatedAt: at,
        finishedAt: state === 'done' ? at : null,
      });
    },
  };
}

/** An import cut short is the same import when sent again with its key; without one, each request is its own. */
export function importIdOf(tenant: string, idempotencyKey: string | undefined, requestId: string): string {
  const seed = idempotencyKey ? `${tenant}|${idempotencyKey}` : `${tenant}|${requestId}`;
  return `imp-${createHash('sha256').update(seed).digest('base64url').slice(0, 16)}`;
}

const importAudit = (id: string, after: object): AuditedChange => ({
  entityType: 'member_import',
  action: 'import',
  entityId: id,
  before: null,
  after,
});

/** The members the file's rows already are, by row: found by CCCD, else by name and birth date in the branch. */
async function membersFound(
  ws: MemberWorkspace,
  cipher: NationalIdCipher,
  ready: readonly ReadyRow[],
): Promise<Map<number, Member>> {
  const byBranch = new Map<string, Map<string, Member>>();
  for (const branchId of new Set(ready.map((r) => r.admission.branchId))) {
    const members = await ws.members.currentInBranch(branchId);
    byBranch.set(branchId, new Map(members.map((m) => [personKeys(asAdmission(m))[0] as string, m])));
  }
  const hashOf = new Map(
    ready.flatMap(({ row, admission }) =>
      admission.nationalId ? [[row, cipher.hash(admission.nationalId)] as const] : [],
    ),
  );
  const holders = await ws.members.idsForNationalIdHashes([...hashOf.values()]);
  const found = new Map<number, Member>();
  for (const { row, admission } of ready) {
    const holder = holders.get(hashOf.get(row) ?? '');
    const member = holder
      ? await ws.members.get(holder)
      : byBranch.get(admission.branchId)?.get(personKeys(admission)[0] as string);
    if (member) found.set(row, member);
  }
  return found;
}

/** A stored member as the admission that would name them, for matching by name and birth date. */
const asAdmission = (m: Member) => ({ ...m, nationalId: null }) as unknown as AdmitMember;

/**
 * The details the file gives differently from the member's; an empty cell leaves a detail as it
 * is. Sensitive columns reach here only for those who may write them (check-import.ts).
 */
function changesOf(member: Member, admission: AdmitMember): UpdateMember {
  const patch: Record<string, unknown> = {};
  for (const field of UPDATABLE) {
    const value = admission[field];
    if (value !== null && value !== undefined && value !== member[field]) patch[field] = value;
  }
  return patch as UpdateMember;
}
