/**
 * A clock for test apps that cannot pass Vietnam's midnight (17:00 UTC) while a test runs. The
 * server works out "today" from its clock on every request; a test works it out once and compares.
 * Real time, except that it stops at the last millisecond of the Vietnam day it was made on: a
 * run that crosses midnight keeps the day it began with, and every other run is untouched
 * (timestamps still advance and order as they do).
 */

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The date in Vietnam (UTC+7, no daylight saving) at an instant, as an ISO date. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

export interface DayClock {
  /** For createTestApp({ clock }). */
  readonly clock: () => Date;
  /** The date in Vietnam that the clock keeps, as the server sees it on every request. */
  readonly today: string;
}

export function vietnamDayClock(start = new Date()): DayClock {
  const today = vietnamDate(start);
  const lastMoment = Date.parse(`${today}T23:59:59.999+07:00`);
  return { clock: () => new Date(Math.min(Date.now(), lastMoment)), today };
}
