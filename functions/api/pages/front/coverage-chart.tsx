/**
 * Coverage per organization as horizontal bars, drawn on the server: an SVG with presentation
 * attributes only (the CSP allows no style attribute), each bar's label above it so the text
 * stays legible when a phone shrinks the drawing. A screen reader gets the same numbers from
 * its title and description; the table beside it holds them too.
 */
import type { FC } from 'hono/jsx';
import type { FrontRow } from '#shared/figures/reading/schemas.ts';
import { formatPercent } from '../components/format.ts';
import type { View } from '../http/view.ts';
import { type Figures, organizationLabel, shownOf } from './front-cells.tsx';

const WIDTH = 320;
const LINE = 46;
const BAR = 16;
const INK = '#1b1f24';
const TRACK = '#e3e8ee';
// Bars meet 3:1 against white and the track; the total stands apart in the brand's darker ink.
const BAR_FILL = '#2f6db0';
const TOTAL_FILL = '#0b3a66';

interface Bar {
  readonly name: string;
  readonly figures: Figures;
  readonly total: boolean;
}

export const CoverageChart: FC<{ view: View; row: FrontRow }> = ({ view, row }) => {
  const bars: Bar[] = [
    ...row.organizations.map((o) => ({
      name: view.t(organizationLabel(o.organization)),
      figures: o,
      total: false,
    })),
    { name: view.t('front.total'), figures: row.total, total: true },
  ];
  const said = (bar: Bar) => {
    const shown = shownOf(bar.figures, bar.figures.coverage, true);
    if (shown.kind === 'value') return formatPercent(shown.value, view.lang);
    return shown.kind === 'hidden' ? view.t('front.hiddenValue') : view.t('front.noTarget');
  };
  const height = bars.length * LINE;
  return (
    <svg
      class="chart"
      role="img"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width={WIDTH}
      height={height}
      aria-labelledby="coverage-chart-title"
      aria-describedby="coverage-chart-desc"
    >
      <title id="coverage-chart-title">{view.t('front.chartTitle')}</title>
      <desc id="coverage-chart-desc">{bars.map((bar) => `${bar.name}: ${said(bar)}`).join('; ')}</desc>
      {bars.map((bar, i) => {
        const coverage = bar.figures.coverage;
        const top = i * LINE;
        const length = coverage === null ? 0 : Math.round(Math.min(1, Math.max(0, coverage)) * WIDTH);
        const shown = shownOf(bar.figures, coverage, true);
        return (
          <g>
            <text x="0" y={top + 15} font-size="14" fill={INK} font-weight={bar.total ? '700' : '400'}>
              {`${bar.name}: ${shown.kind === 'hidden' ? '*' : shown.kind === 'none' ? '—' : said(bar)}`}
            </text>
            <rect x="0" y={top + 22} width={WIDTH} height={BAR} fill={TRACK} />
            {length > 0 && (
              <rect x="0" y={top + 22} width={length} height={BAR} fill={bar.total ? TOTAL_FILL : BAR_FILL} />
            )}
          </g>
        );
      })}
    </svg>
  );
};
