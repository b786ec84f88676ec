/**
 * The authorization matrix: every operation of the app's own OpenAPI document, called as every
 * persona, against the expectations in authorization-expectations.ts. Refused calls come first,
 * against a table that must not change under them; the allowed calls, which do change it, last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawItems } from '../setup/figures-oracle.ts';
import { EXPECTATIONS, type Expectation } from './authorization-expectations.ts';
import { type MatrixRequest, REQUESTS } from './authorization-matrix-requests.ts';
import {
  type Ids,
  type MatrixScene,
  MISSING_IDS,
  OTHER_TENANTS,
  PERSONAS,
  type Persona,
  PROVINCE_MEMBERS,
  setUpMatrixScene,
  VICTIM_TENANT,
} from './authorization-matrix-scene.ts';

type Outcome = 'ok' | 'own' | 'ownRules' | 'refused';

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

let scene: MatrixScene;
/** `METHOD PATH` of every operation the app documents. */
let documented: string[];
/** The whole table as the last call left it, sorted and serialized item by item. */
let table: string[];
let calls = 0;

const OPERATIONS = Object.keys(EXPECTATIONS);

beforeAll(async () => {
  scene = await setUpMatrixScene();
  const doc = (await (await scene.t.request('/openapi.json')).json()) as { paths: Record<string, object> };
  documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );
  table = await snapshot();
}, 180_000);

afterAll(() => {
  console.info(
    `authorization matrix: ${OPERATIONS.length} operations × ${PERSONAS.length} personas, ${calls} calls`,
  );
});

function outcomeOf(expectation: Expectation, persona: Persona): Outcome {
  if (expectation.ok === 'everyone' || expectation.ok.includes(persona)) return 'ok';
  if (expectation.own?.includes(persona)) return 'own';
  return expectation.ownRules?.includes(persona) ? 'ownRules' : 'refused';
}

async function snapshot(): Promise<string[]> {
  const items = await rawItems(scene.t);
  return items
    .filter((item) => item._entity !== 'api_key_rate')
    .map(withoutLastUse)
    .map(canonical)
    .sort();
}

/** A key's requests counted and its last use noted are the key's bookkeeping, not a change of what it asked about. */
function withoutLastUse(item: Record<string, unknown>): Record<string, unknown> {
  if (item._entity !== 'api_key') return item;
  const { lastUsedAt: _, ...rest } = item;
  return rest;
}

/** What changed between two snapshots, as items added and removed (a change is both). */
function changes(before: readonly string[], after: readonly string[], only?: (item: string) => boolean) {
  const [was, is] = [new Set(before), new Set(after)];
  const keep = (item: string) => !only || only(item);
  return [
    ...before.filter((item) => !is.has(item) && keep(item)).map((item) => `- ${item}`),
    ...after.filter((item) => !was.has(item) && keep(item)).map((item) => `+ ${item}`),
  ];
}

const ofVictim = (item: string) => item.includes(`"PK":"${VICTIM_TENANT}#`);
const isVictimAuditAdded = (change: string) =>
  change.startsWith('+ ') && ofVictim(change) && change.includes('"_entity":"audit"');

async function call(operation: string, persona: Persona, request: MatrixRequest): Promise<Answer> {
  calls++;
  const method = operation.split(' ')[0] as string;
  const headers = new Headers(request.headers);
  const authorization = scene.authorization(persona);
  if (authorization) headers.set('authorization', authorization);
  // A body is JSON unless the recipe sends a file (a string, with its own content type).
  const file = typeof request.body === 'string';
  if (request.body !== undefined && !file) headers.set('content-type', 'application/json');
  const response = await scene.t.app.request(request.path, {
    method,
    headers,
    ...(request.body !== undefined && {
      body: file ? (request.body as string) : JSON.stringify(request.body),
    }),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: new TextDecoder().decode(bytes),
  };
}

function build(operation: string, ids: Ids, persona: Persona): MatrixRequest {
  const recipe = REQUESTS[operation];
  if (!recipe) throw new Error(`no request recipe for ${operation} in authorization-matrix-requests.ts`);
  return recipe.build(ids, scene, persona);
}

/** JSON with keys sorted at every depth, so one item always serializes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/**
 * Victim text in a body, except what the caller sent itself (an id echoed in a 404 tells nothing)
 * and, to the victim's province, its hamlet on the shared map.
 */
function leaks(answer: Answer, request: MatrixRequest, persona: Persona): string[] {
  const sent = `${request.path} ${JSON.stringify(request.body ?? null)}`;
  const markers = PROVINCE_MEMBERS.includes(persona)
    ? scene.markers
    : [...scene.markers, ...scene.mapMarkers];
  return markers.filter((marker) => !sent.includes(marker) && answer.text.includes(marker));
}

/** The ids that exist nowhere, as a persona asks about them: the province's own map unit is no secret to it. */
function missingIdsFor(persona: Persona): Ids {
  return PROVINCE_MEMBERS.includes(persona) ? { ...MISSING_IDS, unit: scene.ids.unit } : MISSING_IDS;
}

/** Whether a request names one of the victim's records (else asking about missing ones is the same call). */
function namesVictimIds(request: MatrixRequest, persona: Persona): boolean {
  const sent = `${request.path} ${JSON.stringify(request.body ?? null)}`;
  const missing = Object.values(missingIdsFor(persona));
  return Object.values(scene.ids).some((id) => !missing.includes(id) && sent.includes(id));
}

/** A refusal without what differs by request alone: its id, its path and the ids it names. */
function comparable(answer: Answer, ids: Ids): string {
  let text = answer.text;
  try {
    const { requestId: _, instance: __, ...rest } = JSON.parse(text) as Record<string, unknown>;
    text = JSON.stringify(rest);
  } catch {
    // Not JSON: compared as it is.
  }
  for (const [name, id] of Object.entries(ids)) text = text.replaceAll(id, `{${name}}`);
  return `${answer.status} ${text}`;
}

const describeAnswer = (a: Answer) => `${a.status} ${a.text.slice(0, 300)}`;

describe('the OpenAPI document', () => {
  it('has an expectation and a request for every operation, and no expectation for one it lacks', () => {
    const unclassified = documented
      .filter((operation) => !EXPECTATIONS[operation])
      .map((operation) => `unclassified operation ${operation}`);
    const stale = OPERATIONS.filter((operation) => !documented.includes(operation)).map(
      (operation) => `expectation for an operation that no longer exists: ${operation}`,
    );
    const unbuilt = documented
      .filter((operation) => !REQUESTS[operation])
      .map((operation) => `no request recipe for ${operation}`);

    expect([...unclassified, ...stale, ...unbuilt]).toEqual([]);
  });
});

type Problem = [Persona | 'any persona', string];

/** Problems found, each blamed on a persona so a known bug can be told from a new one. */
function report(expectation: Expectation, problems: Problem[]): string[] {
  const lines: string[] = [];
  for (const [persona, problem] of problems) {
    const bug = persona === 'any persona' ? undefined : expectation.knownBugs?.[persona];
    lines.push(bug ? `KNOWN BUG (${bug}) — ${persona}: ${problem}` : `${persona}: ${problem}`);
  }
  for (const [persona, bug] of Object.entries(expectation.knownBugs ?? {}))
    if (!problems.some(([p]) => p === persona))
      lines.push(`knownBugs.${persona} no longer reproduces (${bug}): remove it from the expectations`);
  return lines;
}

const personasOf = (operation: string, outcomes: Outcome[]) =>
  PERSONAS.filter((persona) => outcomes.includes(outcomeOf(EXPECTATIONS[operation] as Expectation, persona)));

// Every refusal first, against a table only refusals see; the allowed calls, which change it, after.
describe('refused calls', () => {
  it.each(OPERATIONS.filter((operation) => personasOf(operation, ['refused', 'own', 'ownRules']).length > 0))(
    '%s refuses whoever it is not for (or answers from their own tenant), tells nothing, changes nothing',
    async (operation) => {
      const expectation = EXPECTATIONS[operation] as Expectation;
      const problems: Problem[] = [];
      if (!documented.includes(operation)) throw new Error(`${operation} is not in the OpenAPI document`);

      // A refused write is checked call by call; reads, which should never write, once for all
      // personas (the table is read whole each time: per call, it would double the matrix's time).
      const perCall = !operation.startsWith('GET ');
      const checkUnchanged = (persona: Persona | 'any persona', path: string, ownTenantOnly: boolean) =>
        snapshot().then((after) => {
          const changed = changes(table, after, ownTenantOnly ? ofVictim : undefined).filter(
            (change) => !(expectation.refusalAudited && isVictimAuditAdded(change)),
          );
          table = after;
          if (changed.length > 0)
            problems.push([persona, `changed the table:\n${changed.join('\n')} — ${path}`]);
        });

      for (const persona of personasOf(operation, ['refused', 'own', 'ownRules'])) {
        const outcome = outcomeOf(expectation, persona);
        const request = build(operation, scene.ids, persona);
        const answer = await call(operation, persona, request);
        if (perCall) await checkUnchanged(persona, request.path, outcome === 'own');
        const problem = (text: string) => problems.push([persona, `${text} — ${request.path}`]);

        if (outcome === 'own' && (answer.status < 200 || answer.status > 299))
          problem(`expected 2xx from its own tenant, got ${describeAnswer(answer)}`);
        if (
          outcome === 'ownRules' &&
          (![400, 422].includes(answer.status) || !answer.contentType.startsWith('application/problem+json'))
        )
          problem(`expected its own tenant's 400/422 problem, got ${describeAnswer(answer)}`);
        if (outcome === 'refused') {
          const expected = persona === 'anonymous' || persona === 'forged' ? [401] : [401, 403, 404];
          if (!expected.includes(answer.status))
            problem(`expected ${expected.join('/')}, got ${describeAnswer(answer)}`);
          else if (!answer.contentType.startsWith('application/problem+json'))
            problem(`refused without problem+json: ${answer.contentType}`);
        }
        const leaked = leaks(answer, request, persona);
        if (leaked.length > 0) problem(`the answer holds the victim’s ${leaked.join(', ')}`);

        // The same call about ids that exist nowhere must answer the same: existence is not told.
        if (OTHER_TENANTS.includes(persona) && namesVictimIds(request, persona)) {
          const missingIds = missingIdsFor(persona);
          const missing = build(operation, missingIds, persona);
          const elsewhere = await call(operation, persona, missing);
          if (perCall) await checkUnchanged(persona, missing.path, outcome === 'own');
          const [a, b] = [comparable(answer, scene.ids), comparable(elsewhere, missingIds)];
          if (a !== b) problem(`answers differ for the victim’s ids and missing ones:\n  ${a}\n  ${b}`);
        }
      }
      if (!perCall) await checkUnchanged('any persona', operation, false);

      expect(report(expectation, problems)).toEqual([]);
    },
    120_000,
  );
});

describe('allowed calls', () => {
  it.each(OPERATIONS)(
    '%s answers whoever it is for',
    async (operation) => {
      const expectation = EXPECTATIONS[operation] as Expectation;
      const problems: Problem[] = [];
      for (const persona of personasOf(operation, ['ok'])) {
        const fresh = (await REQUESTS[operation]?.fresh?.(scene, persona)) ?? {};
        const request = build(operation, { ...scene.ids, ...fresh }, persona);
        const answer = await call(operation, persona, request);
        if (answer.status < 200 || answer.status > 299)
          problems.push([persona, `expected 2xx, got ${describeAnswer(answer)} — ${request.path}`]);
      }
      expect(report(expectation, problems)).toEqual([]);
    },
    120_000,
  );
});
