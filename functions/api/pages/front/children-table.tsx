/**
 * A row per unit below (communes of the province, hamlets of a commune), sortable by any column
 * on the server: each heading is a link to the same page sorted by it, the sorted heading says
 * so (aria-sort), and a unit's name opens its own dashboard, one level down.
 */
import type { FC } from 'hono/jsx';
import type { FrontRow } from '#shared/figures/reading/schemas.ts';
import { TableWrap } from '../components/table-wrap.tsx';
import type { View } from '../http/view.ts';
import { FigureCell, organizationLabel, shownOf } from './front-cells.tsx';
import {
  COLUMN_GROUPS,
  type ColumnGroup,
  FRONT_COLUMNS,
  figuresOf,
  NAME_SORT,
  type Sort,
  sortRows,
} from './front-columns.ts';

interface TableProps {
  readonly view: View;
  readonly rows: readonly FrontRow[];
  readonly sort: Sort;
  /** The dashboard's address for a sort, and for a unit's drill-down. */
  readonly sortHref: (sort: Sort) => string;
  readonly unitHref: (unitId: string) => string;
}

const groupName = (view: View, group: ColumnGroup) =>
  view.t(group === 'total' ? 'front.total' : organizationLabel(group));

const SortHeading: FC<{
  view: View;
  sortKey: string;
  label: string;
  context?: string;
  numeric: boolean;
  rowspan?: number;
  props: TableProps;
}> = ({ view, sortKey, label, context, numeric, rowspan, props }) => {
  const sorted = props.sort.key === sortKey;
  const next: Sort = sorted
    ? { key: sortKey, dir: props.sort.dir === 'asc' ? 'desc' : 'asc' }
    : { key: sortKey, dir: numeric ? 'desc' : 'asc' };
  const state = sorted
    ? view.t(props.sort.dir === 'asc' ? 'front.sortedAscending' : 'front.sortedDescending')
    : undefined;
  return (
    <th
      scope="col"
      rowspan={rowspan}
      class={numeric ? 'num' : undefined}
      aria-sort={sorted ? (props.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <a href={props.sortHref(next)}>
        {label}
        {sorted && (
          <span aria-hidden="true" class="sort-mark">
            {props.sort.dir === 'asc' ? ' ▲' : ' ▼'}
          </span>
        )}
        <span class="sr-only">
          {context ? ` — ${context}` : ''}
          {state ? ` (${state})` : ''}
        </span>
      </a>
    </th>
  );
};

export const ChildrenTable: FC<TableProps> = (props) => {
  const { view, rows, sort } = props;
  const year = rows[0]?.total.party.year;
  return (
    <TableWrap label={view.t('front.childrenTitle')} class="front-table">
      <table>
        <caption>{view.t('front.childrenCaption')}</caption>
        <thead>
          <tr>
            <SortHeading
              view={view}
              sortKey={NAME_SORT}
              label={view.t('front.unit')}
              numeric={false}
              rowspan={2}
              props={props}
            />
            {COLUMN_GROUPS.map((group) => (
              <th
                scope="colgroup"
                colspan={FRONT_COLUMNS.filter((c) => c.group === group).length}
                class="group"
              >
                {groupName(view, group)}
              </th>
            ))}
          </tr>
          <tr>
            {FRONT_COLUMNS.map((column) => (
              <SortHeading
                view={view}
                sortKey={column.key}
                label={
                  column.yearly && year !== undefined
                    ? `${view.t(column.label)} ${view.t('front.inYear')} ${year}`
                    : view.t(column.label)
                }
                context={groupName(view, column.group)}
                numeric
                props={props}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {sortRows(rows, sort).map((row) => (
            <tr>
              <th scope="row">
                {row.level === 'hamlet' ? row.name : <a href={props.unitHref(row.unitId)}>{row.name}</a>}
              </th>
              {FRONT_COLUMNS.map((column) => {
                const figures = figuresOf(row, column.group);
                return (
                  <FigureCell
                    view={view}
                    shown={shownOf(figures, column.value(figures), column.percent)}
                    percent={column.percent}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
};
