/**
 * One figure of the Front's tables as the reader sees it: a number, a hidden one (suppressed:
 * "*", said as "hidden" to a screen reader) or none ("—": no figures for the day, or no target
 * population for a coverage). A null count means either; the row's `suppressed` tells which, as
 * the workbooks tell it.
 */
import type { FC } from 'hono/jsx';
import type { Organization } from '#shared/domain/organizations.ts';
import type { UiTextKey } from '#shared/domain/ui-text/index.ts';
import type { OrganizationFigures, TotalFigures } from '#shared/figures/reading/schemas.ts';
import { formatCount, formatPercent } from '../components/format.ts';
import type { View } from '../http/view.ts';

export type Figures = OrganizationFigures | TotalFigures;

export type Shown = { readonly kind: 'value'; readonly value: number } | { readonly kind: 'hidden' | 'none' };

/** What a count or coverage of these figures shows. */
export function shownOf(figures: Figures, value: number | null, coverage = false): Shown {
  if (value !== null) return { kind: 'value', value };
  if (coverage && !figures.targetPopulation) return { kind: 'none' };
  return { kind: figures.suppressed ? 'hidden' : 'none' };
}

export const organizationLabel = (organization: Organization): UiTextKey => `front.org.${organization}`;

/** The mark of a hidden figure, with its meaning for those who do not see the asterisk. */
export const HiddenMark: FC<{ view: View }> = ({ view }) => (
  <span class="suppressed">
    <span aria-hidden="true">*</span>
    <span class="sr-only">{view.t('front.hiddenValue')}</span>
  </span>
);

export const FigureText: FC<{ view: View; shown: Shown; percent?: boolean }> = ({ view, shown, percent }) => {
  if (shown.kind !== 'value')
    return shown.kind === 'hidden' ? <HiddenMark view={view} /> : <span class="muted">—</span>;
  return <>{percent ? formatPercent(shown.value, view.lang) : formatCount(shown.value, view.lang)}</>;
};

/** A numeric table cell. */
export const FigureCell: FC<{ view: View; shown: Shown; percent?: boolean }> = (props) => (
  <td class="num">
    <FigureText {...props} />
  </td>
);

/** Under every table with hidden figures: what "*" and "—" mean. */
export const Legend: FC<{ view: View }> = ({ view }) => (
  <section class="legend" aria-labelledby="legend-title">
    <h2 id="legend-title">{view.t('front.legendTitle')}</h2>
    <dl class="facts">
      <dt>
        <span aria-hidden="true">*</span>
        <span class="sr-only">{view.t('front.hiddenValue')}</span>
      </dt>
      <dd>{view.t('front.legendSuppressed')}</dd>
      <dt>—</dt>
      <dd>{view.t('front.legendMissing')}</dd>
    </dl>
  </section>
);
