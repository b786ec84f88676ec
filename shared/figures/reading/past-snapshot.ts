/**
 * Figures of a day before the province came on the platform, recorded as that day's snapshot:
 * a year-end report under the old map, or the demo's past. Taking a snapshot copies today's
 * aggregates, which would be wrong for such a day, so the counters are given. Once, like any
 * snapshot: a day already recorded is left as it stands ('existing'), so a re-run changes nothing.
 */
import { DomainError } from '../../domain/errors.ts';
import type { FiguresRepository } from '../../store/repositories/figures.ts';
import type { SnapshotRecord } from './snapshot-record.ts';

export async function recordPastSnapshot(
  figures: FiguresRepository,
  date: string,
  counters: ReadonlyMap<string, Record<string, number>>,
  now: Date,
  reason: string,
): Promise<'taken' | 'existing'> {
  if (await figures.snapshot(date)) return 'existing';
  const { copy, copied } = await figures.writeSnapshotCopy(counters, date, 1);
  const record: SnapshotRecord = {
    date,
    revision: 1,
    revisions: [
      { revision: 1, copy, takenAt: now.toISOString(), units: counters.size, copied, reason, by: null },
    ],
  };
  const tx = figures.transaction();
  figures.recordSnapshot(tx, undefined, record);
  try {
    await tx.commit();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'SNAPSHOT_EXISTS') return 'existing';
    throw error;
  }
  return 'taken';
}
