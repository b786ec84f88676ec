/**
 * The breaking changes of a new OpenAPI document against the released one: an operation or a
 * webhook removed, a parameter removed or newly required, a request body or a success response
 * changed in a way its clients would notice (schema-changes.ts). A release may carry them only
 * with a higher major version (docs/api-versioning.md).
 */
import {
  isObject,
  type Json,
  majorOf,
  type OpenApiDocument,
  operationsOf,
  resolve,
} from './openapi-document.ts';
import { compareSchemas, type SchemaComparison, type Side } from './schema-changes.ts';

export function breakingChanges(released: OpenApiDocument, current: OpenApiDocument): string[] {
  const comparison: SchemaComparison = { released, current, changes: [], seen: new Set() };
  compareOperations(comparison, operationsOf(released.paths), operationsOf(current.paths), 'request');
  // A webhook's body is what the API sends: its receivers read it as clients read a response.
  compareOperations(comparison, operationsOf(released.webhooks), operationsOf(current.webhooks), 'response');
  return comparison.changes;
}

/** Breaking changes are allowed only with a higher major version than the released one. */
export function releaseRefusals(released: OpenApiDocument, current: OpenApiDocument): string[] {
  if (majorOf(current.info.version) > majorOf(released.info.version)) return [];
  return breakingChanges(released, current);
}

function compareOperations(
  comparison: SchemaComparison,
  before: Map<string, Json>,
  after: Map<string, Json>,
  bodySide: Side,
) {
  for (const [name, operation] of before) {
    const successor = after.get(name);
    if (!successor) comparison.changes.push(`${name}: removed`);
    else {
      compareParameters(comparison, name, operation, successor);
      compareRequestBody(comparison, name, operation, successor, bodySide);
      compareResponses(comparison, name, operation, successor);
    }
  }
}

function compareParameters(comparison: SchemaComparison, name: string, before: Json, after: Json) {
  const released = parametersOf(comparison.released, before);
  const current = parametersOf(comparison.current, after);
  for (const [key, parameter] of released) {
    const successor = current.get(key);
    if (!successor) comparison.changes.push(`${name}: parameter ${key} removed`);
    else
      compareSchemas(comparison, parameter.schema, successor.schema, `${name} parameter ${key}`, 'request');
  }
  for (const [key, parameter] of current)
    if (parameter.required === true && released.get(key)?.required !== true)
      comparison.changes.push(`${name}: parameter ${key} now required`);
}

function parametersOf(document: OpenApiDocument, operation: Json): Map<string, Json> {
  const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
  return new Map(
    parameters
      .map((parameter) => resolve(document, parameter))
      .filter(isObject)
      .map((parameter) => [`${parameter.in} ${parameter.name}`, parameter]),
  );
}

/** `side`: an operation's body is sent by its client; a webhook's is read by its receiver. */
function compareRequestBody(
  comparison: SchemaComparison,
  name: string,
  before: Json,
  after: Json,
  side: Side,
) {
  const released = resolve(comparison.released, before.requestBody);
  const current = resolve(comparison.current, after.requestBody);
  if (!isObject(released)) {
    if (isObject(current) && current.required === true)
      comparison.changes.push(`${name}: request body now required`);
    return;
  }
  compareContent(comparison, `${name} body`, released, current, side);
}

function compareResponses(comparison: SchemaComparison, name: string, before: Json, after: Json) {
  const released = isObject(before.responses) ? before.responses : {};
  const current = isObject(after.responses) ? after.responses : {};
  for (const [status, response] of Object.entries(released)) {
    if (!status.startsWith('2')) continue;
    if (!(status in current)) comparison.changes.push(`${name}: response ${status} removed`);
    else
      compareContent(
        comparison,
        `${name} ${status}`,
        resolve(comparison.released, response),
        resolve(comparison.current, current[status]),
        'response',
      );
  }
}

function compareContent(
  comparison: SchemaComparison,
  where: string,
  before: unknown,
  after: unknown,
  side: Side,
) {
  const released = isObject(before) && isObject(before.content) ? before.content : {};
  const current = isObject(after) && isObject(after.content) ? after.content : {};
  for (const [mediaType, media] of Object.entries(released)) {
    const successor = current[mediaType];
    if (!isObject(successor))
      comparison.changes.push(`${where}: ${mediaType} no longer ${side === 'request' ? 'accepted' : 'sent'}`);
    else if (isObject(media))
      compareSchemas(comparison, media.schema, successor.schema, `${where} ${mediaType}`, side);
  }
}
