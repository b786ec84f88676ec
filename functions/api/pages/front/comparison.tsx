/**
 * The comparison with the previous month-end or year-end: the choice between the two (a plain
 * GET form), the sentence a report writes about the total, in the reader's language, and the
 * members and coverage of each organization on both days with the change.
 */
import type { FC } from 'hono/jsx';
import type { Comparison } from '#shared/figures/reading/schemas.ts';
import { formatCount, formatDate } from '../components/format.ts';
import { SelectField } from '../components/forms.tsx';
import { TableWrap } from '../components/table-wrap.tsx';
import { previousMonthEnd } from '../home.tsx';
import type { View } from '../http/view.ts';
import { FigureCell, type Figures, organizationLabel, type Shown, shownOf } from './front-cells.tsx';

export const COMPARE_WITH = ['month', 'year'] as const;
export type CompareWith = (typeof COMPARE_WITH)[number];

/** The day compared with: the previous month-end, or the 31st of December before this year. */
export function compareFrom(compareWith: CompareWith, today: string): string {
  return compareWith === 'month' ? previousMonthEnd(today) : `${Number(today.slice(0, 4)) - 1}-12-31`;
}

/** Whether any organization had figures on the earlier day: without them there is nothing to say. */
export const hasEarlierFigures = (comparison: Comparison) =>
  comparison.sources.from.some((source) => source.tenant !== 'front' && source.available);

interface SectionProps {
  readonly view: View;
  readonly comparison: Comparison;
  readonly compareWith: CompareWith;
  /** The dashboard's current address parameters the form keeps (unit, sort). */
  readonly keep: Record<string, string>;
}

export const ComparisonSection: FC<SectionProps> = ({ view, comparison, compareWith, keep }) => (
  <section aria-labelledby="compare-title">
    <h2 id="compare-title">{view.t('front.compareTitle')}</h2>
    <form method="get" action="/front" class="filters">
      {Object.entries(keep).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <SelectField
        view={view}
        name="compare"
        label={view.t('front.compareWith')}
        form={{ values: { compare: compareWith }, errors: {} }}
        options={COMPARE_WITH.map((value) => ({
          value,
          label: view.t(value === 'month' ? 'front.compareMonth' : 'front.compareYear'),
        }))}
      />
      <div class="actions">
        <button type="submit" class="secondary">
          {view.t('front.compareShow')}
        </button>
      </div>
    </form>
    {hasEarlierFigures(comparison) ? (
      <>
        <p class="summary">{comparison.summary[view.lang]}</p>
        <ComparisonTable view={view} comparison={comparison} />
      </>
    ) : (
      <p class="notice warn">
        {formatDate(comparison.from)}: {view.t('front.compareNoFigures')}
      </p>
    )}
  </section>
);

/** A change, signed; hidden when either side was. */
function changeOf(value: number | null, before: Figures, after: Figures): Shown {
  if (value !== null) return { kind: 'value', value };
  return { kind: before.suppressed || after.suppressed ? 'hidden' : 'none' };
}

const ChangeCell: FC<{ view: View; shown: Shown; points?: boolean }> = ({ view, shown, points }) => {
  if (shown.kind !== 'value') return <FigureCell view={view} shown={shown} />;
  const sign = shown.value > 0 ? '+' : shown.value < 0 ? '−' : '';
  const amount = formatCount(Math.abs(shown.value), view.lang);
  return (
    <td class={shown.value > 0 ? 'num up' : shown.value < 0 ? 'num down' : 'num'}>
      {sign}
      {amount}
      {points ? ` ${view.t('front.points')}` : ''}
    </td>
  );
};

const ComparisonTable: FC<{ view: View; comparison: Comparison }> = ({ view, comparison }) => {
  const lines = [
    ...comparison.organizations.map((o) => ({ name: view.t(organizationLabel(o.organization)), ...o })),
    { name: view.t('front.total'), ...comparison.total },
  ];
  const days = [formatDate(comparison.from), formatDate(comparison.to)];
  return (
    <TableWrap label={view.t('front.compareCaption')}>
      <table>
        <caption>{view.t('front.compareCaption')}</caption>
        <thead>
          <tr>
            <th scope="col" rowspan={2}>
              {view.t('front.organization')}
            </th>
            <th scope="colgroup" colspan={3} class="group">
              {view.t('front.members')}
            </th>
            <th scope="colgroup" colspan={3} class="group">
              {view.t('front.coverage')}
            </th>
          </tr>
          <tr>
            {[0, 1].map(() => (
              <>
                {days.map((day) => (
                  <th scope="col" class="num">
                    {day}
                  </th>
                ))}
                <th scope="col" class="num">
                  {view.t('front.change')}
                </th>
              </>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr>
              <th scope="row">{line.name}</th>
              <FigureCell view={view} shown={shownOf(line.fromFigures, line.fromFigures.members.total)} />
              <FigureCell view={view} shown={shownOf(line.toFigures, line.toFigures.members.total)} />
              <ChangeCell
                view={view}
                shown={changeOf(line.change.members.total, line.fromFigures, line.toFigures)}
              />
              <FigureCell
                view={view}
                shown={shownOf(line.fromFigures, line.fromFigures.coverage, true)}
                percent
              />
              <FigureCell
                view={view}
                shown={shownOf(line.toFigures, line.toFigures.coverage, true)}
                percent
              />
              <ChangeCell
                view={view}
                shown={changeOf(line.change.coveragePoints, line.fromFigures, line.toFigures)}
                points
              />
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
};
