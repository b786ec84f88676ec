/**
 * Numbers and dates as the reader writes them: 531.467 and 58,64 % in Vietnamese, 531,467 and
 * 58.64% in English; dates dd/mm/yyyy in both, as officers write them on paper.
 */
import { dayMonthYear } from '#shared/domain/dates.ts';
import type { Lang } from '#shared/domain/ui-text/index.ts';
import {
  formatCountEn,
  formatCountVi,
  formatPointsEn,
  formatPointsVi,
} from '#shared/figures/reading/format.ts';

export const formatCount = (n: number, lang: Lang) => (lang === 'vi' ? formatCountVi(n) : formatCountEn(n));

/** A fraction (0.5864) as a percentage. */
export const formatPercent = (fraction: number, lang: Lang) =>
  lang === 'vi' ? `${formatPointsVi(fraction * 100)} %` : `${formatPointsEn(fraction * 100)}%`;

/** An ISO day (2025-07-01) as 01/07/2025. */
export const formatDate = dayMonthYear;

/** Vietnam keeps UTC+7 all year (no daylight saving), as shared/domain/dates.ts counts its days. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** An instant (2025-07-01T02:30:00Z) as Vietnam's clocks read it: 01/07/2025 09:30. */
export const formatDateTime = (isoInstant: string) => {
  const local = new Date(Date.parse(isoInstant) + VIETNAM_OFFSET_MS).toISOString();
  return `${formatDate(local)} ${local.slice(11, 16)}`;
};
