/** The CSV writer: RFC 4180 quoting, the byte-order mark, and cells a spreadsheet would run kept as text. */
import { describe, expect, it } from 'vitest';
import { csvStream } from '../../shared/exports/csv.ts';

async function* rowsOf<T>(rows: readonly T[]) {
  yield* rows;
}

/** The stream's text, its byte-order mark kept (Response.text() would drop it). */
const text = async (values: readonly string[]) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(
    await new Response(
      csvStream(
        [
          { header: 'Tên', cell: (row: string) => row },
          { header: 'Độ dài', cell: (row: string) => String(row.length) },
        ],
        rowsOf(values),
      ),
    ).arrayBuffer(),
  );

describe('csvStream', () => {
  it('starts with a byte-order mark and the headers, and ends every line with CRLF', async () => {
    expect(await text(['Lê Thị Ánh'])).toBe('\uFEFFTên,Độ dài\r\nLê Thị Ánh,10\r\n');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', async () => {
    expect(await text(['a,b', 'say "hi"', 'two\nlines'])).toBe(
      '\uFEFFTên,Độ dài\r\n"a,b",3\r\n"say ""hi""",8\r\n"two\nlines",9\r\n',
    );
  });

  it('keeps what Excel would read as a formula as text, behind an apostrophe', async () => {
    const lines = (await text(['=HYPERLINK("x")', '+84912', '-1', '@SUM(A1)', 'An=1'])).split('\r\n');
    expect(lines.slice(1, -1)).toEqual([
      `"'=HYPERLINK(""x"")",15`,
      "'+84912,6",
      "'-1,2",
      "'@SUM(A1),8",
      'An=1,4',
    ]);
  });

  it('writes only the headers when there are no rows', async () => {
    expect(await text([])).toBe('\uFEFFTên,Độ dài\r\n');
  });
});
