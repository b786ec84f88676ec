/**
 * What the register says about the snapshot of one day: every revision of it, oldest first.
 * Revision 1 is the snapshot as taken; each later one is a correction, with its reason. Every
 * revision keeps its own copy of the aggregates, so a correction never overwrites what was read
 * before it.
 */

export interface SnapshotRevision {
  readonly revision: number;
  /** Names the copy of the aggregates this revision made (the store builds its keys from it). */
  readonly copy: string;
  readonly takenAt: string;
  /** Units walked, and aggregate items copied (units with no aggregate have nothing to copy). */
  readonly units: number;
  readonly copied: number;
  /** Why a correction was made, and by whom; null for revision 1. */
  readonly reason: string | null;
  readonly by: string | null;
}

export interface SnapshotRecord {
  readonly date: string;
  /** The latest revision: the one read for the day. */
  readonly revision: number;
  readonly revisions: readonly SnapshotRevision[];
}

export function latestRevision(record: SnapshotRecord): SnapshotRevision {
  return record.revisions.at(-1) as SnapshotRevision;
}

/** The corrections of a snapshot (every revision after the first), as the Front is told of them. */
export function correctionsOf(record: SnapshotRecord) {
  return record.revisions
    .filter((r) => r.revision > 1)
    .map((r) => ({ revision: r.revision, revisedAt: r.takenAt, reason: r.reason ?? '' }));
}

/** Snapshots are audited under one entity per day, as targets are under `<unitId>/targets/<year>`. */
export const snapshotEntityId = (date: string) => `snapshots/${date}`;
