/**
 * A list of records as a table in its scrolling box, or a sentence when there are none: the
 * column headings given once, the last one read by screen readers only when it heads a column
 * of buttons. Rows are the children.
 */
import type { FC, PropsWithChildren } from 'hono/jsx';
import { TableWrap } from './table-wrap.tsx';

export interface RecordTableProps {
  readonly label: string;
  readonly columns: readonly string[];
  /** The heading of a last column of actions, for screen readers. */
  readonly actions?: string;
  readonly count: number;
  readonly empty: string;
}

export const RecordTable: FC<PropsWithChildren<RecordTableProps>> = ({
  label,
  columns,
  actions,
  count,
  empty,
  children,
}) =>
  count === 0 ? (
    <p>{empty}</p>
  ) : (
    <TableWrap label={label}>
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col">{column}</th>
            ))}
            {actions && (
              <th scope="col">
                <span class="sr-only">{actions}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableWrap>
  );
