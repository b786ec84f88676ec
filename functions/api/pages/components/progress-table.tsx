/**
 * A year's campaign progress under a unit (branch ratings, member reviews): a row per unit right
 * below it, each a link down into it, one for the unit's own branches, and the total; the
 * campaign says which counts are its columns.
 */
import type { View } from '../http/view.ts';
import { formatCount } from './format.ts';
import { withQuery } from './pager.tsx';
import { TableWrap } from './table-wrap.tsx';

export interface ProgressColumn<Counts> {
  readonly label: string;
  readonly value: (counts: Counts) => number;
}

interface ProgressTableProps<Counts> {
  readonly view: View;
  readonly caption: string;
  readonly words: { readonly unit: string; readonly own: string; readonly total: string };
  readonly columns: readonly ProgressColumn<Counts>[];
  readonly rows: readonly (Counts & { unitId: string; name: string; own: boolean })[];
  readonly total: Counts;
}

export const ProgressTable = <Counts,>({
  view,
  caption,
  words,
  columns,
  rows,
  total,
}: ProgressTableProps<Counts>) => {
  const cells = (counts: Counts) =>
    columns.map((column) => <td class="num">{formatCount(column.value(counts), view.lang)}</td>);
  return (
    <TableWrap label={caption}>
      <table class="figures progress-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{words.unit}</th>
            {columns.map((column) => (
              <th scope="col" class="num">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <th scope="row">
                {row.own ? (
                  `${row.name} (${words.own})`
                ) : (
                  <a href={withQuery(view.here, { unitId: row.unitId, cursor: undefined, done: undefined })}>
                    {row.name}
                  </a>
                )}
              </th>
              {cells(row)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{words.total}</th>
            {cells(total)}
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
};
