/**
 * How a schema changed for the side that uses it. Where clients send (`request`), a value the
 * released schema accepted must still be accepted: no type, enum value or field taken away, no
 * tighter bound, no field newly required. Where clients read (`response`), what they relied on
 * must still come: no field dropped or made optional, no other type. New enum values in a
 * response are not counted: docs/api-versioning.md asks clients to tolerate them.
 */
import { isObject, type Json, type OpenApiDocument, resolve } from './openapi-document.ts';

export type Side = 'request' | 'response';

export interface SchemaComparison {
  readonly released: OpenApiDocument;
  readonly current: OpenApiDocument;
  readonly changes: string[];
  /** Pairs of schemas already compared, so recursive schemas end. */
  readonly seen: Set<string>;
}

const LOWER_BOUNDS = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'] as const;
const UPPER_BOUNDS = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'] as const;
const COMBINATORS = ['anyOf', 'oneOf', 'allOf'] as const;

export function compareSchemas(
  comparison: SchemaComparison,
  releasedNode: unknown,
  currentNode: unknown,
  where: string,
  side: Side,
) {
  const pairKey = `${side}|${where}|${refOf(releasedNode)}|${refOf(currentNode)}`;
  if (refOf(releasedNode) && comparison.seen.has(pairKey)) return;
  comparison.seen.add(pairKey);

  const before = resolve(comparison.released, releasedNode);
  const after = resolve(comparison.current, currentNode);
  if (!isObject(before) || !isObject(after)) return;
  const report = (change: string) => comparison.changes.push(`${where}: ${change}`);

  compareTypes(before, after, side, report);
  if (side === 'request') compareRequestLimits(before, after, report);
  if ('const' in before && JSON.stringify(before.const) !== JSON.stringify(after.const))
    report(`constant ${JSON.stringify(before.const)} changed`);

  const beforeProperties = isObject(before.properties) ? before.properties : {};
  const afterProperties = isObject(after.properties) ? after.properties : {};
  for (const [name, schema] of Object.entries(beforeProperties)) {
    if (!(name in afterProperties)) report(`field "${name}" removed`);
    else compareSchemas(comparison, schema, afterProperties[name], `${where}.${name}`, side);
  }
  const beforeRequired = new Set(stringsOf(before.required));
  const afterRequired = new Set(stringsOf(after.required));
  if (side === 'request')
    for (const name of afterRequired) if (!beforeRequired.has(name)) report(`field "${name}" now required`);
  if (side === 'response')
    for (const name of beforeRequired)
      if (!afterRequired.has(name) && name in afterProperties)
        report(`field "${name}" no longer always sent`);

  if (before.items !== undefined && after.items !== undefined)
    compareSchemas(comparison, before.items, after.items, `${where}[]`, side);
  if (isObject(before.additionalProperties) && isObject(after.additionalProperties))
    compareSchemas(comparison, before.additionalProperties, after.additionalProperties, `${where}{}`, side);
  for (const combinator of COMBINATORS) compareOptions(comparison, before, after, combinator, where, side);
}

function compareTypes(before: Json, after: Json, side: Side, report: (change: string) => void) {
  const beforeTypes = typesOf(before);
  const afterTypes = typesOf(after);
  if (beforeTypes.size > 0 && afterTypes.size > 0) {
    // What one side holds that the other does not: taken away from senders, new to readers.
    const [from, to] = side === 'request' ? [beforeTypes, afterTypes] : [afterTypes, beforeTypes];
    const lost = [...from].filter((type) => !to.has(type) && !(type === 'integer' && to.has('number')));
    if (lost.length > 0) report(`type ${[...beforeTypes].join('|')} became ${[...afterTypes].join('|')}`);
  }
  if (side === 'request' && Array.isArray(before.enum)) {
    const kept = new Set((Array.isArray(after.enum) ? after.enum : before.enum).map(String));
    const removed = before.enum.map(String).filter((value) => !kept.has(value));
    if (removed.length > 0) report(`enum value(s) ${removed.join(', ')} no longer accepted`);
  }
  if (side === 'request' && !Array.isArray(before.enum) && Array.isArray(after.enum))
    report('now limited to an enum');
}

function compareRequestLimits(before: Json, after: Json, report: (change: string) => void) {
  for (const bound of LOWER_BOUNDS)
    if (typeof after[bound] === 'number' && !((before[bound] as number) >= after[bound]))
      report(`${bound} raised to ${after[bound]}`);
  for (const bound of UPPER_BOUNDS)
    if (typeof after[bound] === 'number' && !((before[bound] as number) <= after[bound]))
      report(`${bound} lowered to ${after[bound]}`);
  if (after.pattern !== undefined && after.pattern !== before.pattern) report(`pattern now ${after.pattern}`);
  if (before.additionalProperties !== false && after.additionalProperties === false)
    report('no longer accepts other fields');
}

/** Alternatives compared in order; a sender losing one, or a reader meeting a new one (`null`), is told. */
function compareOptions(
  comparison: SchemaComparison,
  before: Json,
  after: Json,
  combinator: (typeof COMBINATORS)[number],
  where: string,
  side: Side,
) {
  const beforeOptions = Array.isArray(before[combinator]) ? (before[combinator] as unknown[]) : [];
  const afterOptions = Array.isArray(after[combinator]) ? (after[combinator] as unknown[]) : [];
  if (beforeOptions.length === afterOptions.length)
    beforeOptions.forEach((option, i) => {
      compareSchemas(comparison, option, afterOptions[i], `${where}<${combinator}[${i}]>`, side);
    });
  else if (
    side === 'request'
      ? afterOptions.length < beforeOptions.length
      : // A new oneOf alternative is a new kind (an event type), tolerated as a new enum value is.
        afterOptions.length > beforeOptions.length && combinator !== 'oneOf'
  )
    comparison.changes.push(
      `${where}: ${combinator} went from ${beforeOptions.length} to ${afterOptions.length} alternatives`,
    );
}

function typesOf(schema: Json): Set<string> {
  if (typeof schema.type === 'string') return new Set([schema.type]);
  return new Set(stringsOf(schema.type));
}

const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

const refOf = (node: unknown) => (isObject(node) && typeof node.$ref === 'string' ? node.$ref : '');
