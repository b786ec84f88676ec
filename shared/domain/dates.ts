/** Days as our users count them: in Vietnam (UTC+7, no daylight saving), as ISO dates. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

export function vietnamToday(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** An ISO day (2025-07-01), or the day of an instant, as Vietnamese write it: 01/07/2025. */
export const dayMonthYear = (isoDate: string) => isoDate.slice(0, 10).split('-').reverse().join('/');
