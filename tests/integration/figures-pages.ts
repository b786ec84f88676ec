/**
 * Reading the figures' pages in the figures tests (FiguresScene.page opens them): the numbers of a
 * row of one of their tables, the units the Front's table below lists, and the key figures shown.
 */

/** The caption of the Front's table of the unit's four organizations and their total. */
export const UNIT_TABLE = 'Bốn đoàn thể của đơn vị, cạnh nhau';

/** The numbers of a table's row, by its heading, in the first table of this caption. */
export function rowCells(page: string, caption: string, heading: string): string[] {
  const at = page.indexOf(`<caption>${caption}</caption>`);
  if (at < 0) throw new Error(`no table captioned ${caption}`);
  return [
    ...(page.slice(at).match(new RegExp(`<th scope="row">${heading}</th>(.*?)</tr>`))?.[1] ?? '').matchAll(
      /<td class="num">(.*?)<\/td>/g,
    ),
  ].map((m) => m[1] ?? '');
}

/** The units the Front's table below lists, in its order. */
export const listedUnits = (page: string) =>
  [...page.matchAll(/<th scope="row"><a href="\/front\?unitId=(\d+)/g)].map((m) => m[1]);

/** A key figure as a page shows it: its label, then its value. */
export const keyFigure = (label: string, value: string | number) =>
  new RegExp(`${label}</span><span class="value">${value}<`);
