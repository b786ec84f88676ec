/**
 * A table as CSV, written row by row as it is read: UTF-8 with a byte-order mark, so Excel opens
 * Vietnamese text as Vietnamese; CRLF line ends and quoting per RFC 4180.
 */
import type { Column } from './member-columns.ts';
import { spreadsheetSafe } from './spreadsheet-safe.ts';

const BOM = '\uFEFF';

function field(value: string): string {
  const safe = spreadsheetSafe(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const line = (cells: readonly string[]) => `${cells.map(field).join(',')}\r\n`;

export function csvStream<Row>(
  columns: readonly Pick<Column<Row>, 'header' | 'cell'>[],
  rows: AsyncIterable<Row>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(BOM + line(columns.map((c) => c.header))));
        return;
      }
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(line(columns.map((c) => c.cell(next.value)))));
    },
    // The reader went away: let the rows finish (their reader records what was sent).
    async cancel() {
      await iterator.return?.();
    },
  });
}
