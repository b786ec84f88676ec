/**
 * The units directly under a unit, each a link to its page, with its figures beside it when the
 * reader may read them (the rows of the parent's stats, matched by id). Closed units are shown on
 * request, without figures: theirs now count under what took them over.
 */
import type { FC } from 'hono/jsx';
import type { FullUnit } from '#shared/domain/units.ts';
import type { Stats } from '#shared/figures/reading/schemas.ts';
import type { Page } from '#shared/store/table.ts';
import { Pager } from '../components/pager.tsx';
import { TableWrap } from '../components/table-wrap.tsx';
import { unitHref } from '../components/unit-path.tsx';
import type { View } from '../http/view.ts';
import { FIGURE_COLUMNS, FigureValue } from './unit-figures.tsx';
import { unitTypeWord } from './unit-words.ts';

interface ChildrenProps {
  readonly view: View;
  readonly unit: FullUnit;
  readonly page: Page<FullUnit>;
  readonly stats: Stats | null;
  readonly withClosed: boolean;
}

export const ChildrenTable: FC<ChildrenProps> = ({ view, unit, page, stats, withClosed }) => {
  const rows = new Map(stats?.children.map((row) => [row.unitId, row]));
  const toggle = `${unitHref(unit.id)}${withClosed ? '' : '?closed=1'}`;
  return (
    <section aria-labelledby="children">
      <h2 id="children">{view.t('units.children')}</h2>
      <p>
        <a href={toggle}>{view.t(withClosed ? 'units.hideClosed' : 'units.showClosed')}</a>
      </p>
      {page.items.length === 0 ? (
        <p class="muted">{view.t('units.noChildren')}</p>
      ) : (
        <TableWrap label={`${view.t('units.children')}: ${unit.name}`}>
          <table class="figures">
            <caption>
              {view.t('units.children')}: {unit.name}
            </caption>
            <thead>
              <tr>
                <th scope="col">{view.t('units.name')}</th>
                <th scope="col">{view.t('units.type')}</th>
                {stats &&
                  FIGURE_COLUMNS.map((figure) => (
                    <th scope="col" class="num">
                      {view.t(figure.label)}
                    </th>
                  ))}
              </tr>
            </thead>
            <tbody>
              {page.items.map((child) => {
                const row = rows.get(child.id);
                return (
                  <tr>
                    <th scope="row">
                      <a href={unitHref(child.id)}>{child.name}</a>
                      {child.validTo && (
                        <>
                          {' '}
                          <span class="badge">{view.t('units.closed')}</span>
                        </>
                      )}
                    </th>
                    <td>{unitTypeWord(view, child)}</td>
                    {stats &&
                      FIGURE_COLUMNS.map((figure) => (
                        <td class="num">
                          {row ? <FigureValue view={view} figure={figure} row={row} /> : ''}
                        </td>
                      ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager view={view} nextCursor={page.nextCursor} />
    </section>
  );
};
