/**
 * A membership's life: which status may follow which, and what a change needs. Ending statuses
 * (transferred out, removed, deceased, graduated) are final: coming back is a new admission.
 */
import { DomainError } from '../errors.ts';
import type { Organization } from '../organizations.ts';
import { ageOn } from './eligibility.ts';
import type { Member, MemberStatus, StatusChange } from './member.ts';

export const CURRENT_STATUSES: readonly MemberStatus[] = ['active', 'away', 'lapsed'];

export function isCurrent(status: MemberStatus): boolean {
  return CURRENT_STATUSES.includes(status);
}

const NEXT: Record<MemberStatus, readonly MemberStatus[]> = {
  active: ['away', 'lapsed', 'transferred_out', 'removed', 'deceased', 'graduated'],
  away: ['active', 'lapsed', 'transferred_out', 'removed', 'deceased', 'graduated'],
  lapsed: ['active', 'away', 'transferred_out', 'removed', 'deceased', 'graduated'],
  transferred_out: [],
  removed: [],
  deceased: [],
  graduated: [],
};

export function canFollow(from: MemberStatus, to: MemberStatus): boolean {
  return NEXT[from].includes(to);
}

/** Youth Union members come of age in the year they turn 30 (trưởng thành Đoàn). */
export const COMING_OF_AGE = 30;

export function comingOfAgeBirthYear(year: number): number {
  return year - COMING_OF_AGE;
}

/** The fields a status change sets, after checking it may happen; throws a DomainError otherwise. */
export function applyStatusChange(
  member: Member,
  change: StatusChange,
  organization: Organization,
  today: string,
): Pick<Member, 'status' | 'statusSince' | 'awayPlace'> {
  if (change.status === 'transferred_out') throw new DomainError('USE_TRANSFER_OUT');
  if (!canFollow(member.status, change.status))
    throw new DomainError('INVALID_STATUS_TRANSITION', { from: member.status, to: change.status });
  checkEffectiveDate(member, change.effectiveDate, today);
  if (change.status === 'away' && !change.awayPlace)
    throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'body.awayPlace', code: 'required_when_away' }]);
  if (change.status === 'graduated') {
    const age = ageOn(member.birthDate, `${change.effectiveDate.slice(0, 4)}-12-31`);
    if (organization !== 'youth' || age < COMING_OF_AGE)
      throw new DomainError('CANNOT_GRADUATE', { age: String(age) });
  }
  return {
    status: change.status,
    statusSince: change.effectiveDate,
    awayPlace: change.status === 'away' ? change.awayPlace : null,
  };
}

/** A change takes effect no earlier than the current status began, and not in the future. */
export function checkEffectiveDate(member: Member, effectiveDate: string, today: string): void {
  if (effectiveDate < member.statusSince || effectiveDate > today)
    throw new DomainError('EFFECTIVE_DATE_OUT_OF_RANGE', { from: member.statusSince, to: today }, [
      { path: 'body.effectiveDate', code: 'out_of_range' },
    ]);
}

/** Moves and edits apply to current members only: an ended membership is history. */
export function requireCurrent(member: Member): void {
  if (!isCurrent(member.status)) throw new DomainError('MEMBERSHIP_ENDED', { status: member.status });
}
