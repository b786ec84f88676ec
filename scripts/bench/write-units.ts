/**
 * What a write costs on AWS, from the item written: DynamoDB Local reports no write capacity, so
 * the bench prices each put by AWS's published rules — one write unit per started KB of the item,
 * plus, for every index whose keys the item carries, one per started KB of what that index
 * projects (the table's and the index's keys, then the whole item or the attributes it includes).
 *
 * Sizes follow AWS's item-size rules: names and strings in UTF-8 bytes, numbers one byte per two
 * significant digits plus one, booleans and nulls one byte, three bytes per list or map plus one
 * per element.
 */
import { tableDefinition as def } from '#shared/store/table-definition.ts';

type Attributes = Readonly<Record<string, unknown>>;

export function attributeSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') {
    const digits = String(Math.abs(value)).replace('.', '').replace(/^0+/, '').replace(/e.*$/, '');
    return Math.ceil(digits.length / 2) + 1;
  }
  if (Array.isArray(value))
    return 3 + value.reduce((sum: number, element) => sum + 1 + attributeSize(element), 0);
  if (value instanceof Set)
    return [...value].reduce((sum: number, element) => sum + attributeSize(element), 0);
  if (typeof value === 'object') return 3 + attributesSize(value as Attributes) + Object.keys(value).length;
  return 0;
}

export function attributesSize(item: Attributes): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + attributeSize(value),
    0,
  );
}

const units = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** The write units of putting `item`: the table's, and each index's that holds it. */
export function writeUnits(item: Attributes): number {
  let total = units(attributesSize(item));
  const tableKeys = [def.partitionKey, def.sortKey];
  for (const index of def.indexes) {
    if (item[index.partitionKey] === undefined || item[index.sortKey] === undefined) continue;
    const projected =
      index.projection === 'ALL'
        ? item
        : Object.fromEntries(
            [...tableKeys, index.partitionKey, index.sortKey, ...index.attributes]
              .filter((name) => item[name] !== undefined)
              .map((name) => [name, item[name]]),
          );
    total += units(attributesSize(projected));
  }
  return total;
}
