/**
 * The page authorization matrix: every page operation the app registers (its pages and forms),
 * sent as every persona from a browser's session, against the cases in page-matrix/. The same
 * personas, victim and table checks as the API's matrix (authorization-matrix.test.ts), told in a
 * browser's terms: no session is sent to sign in, a refused officer gets 403/404 with nothing of
 * the victim's, and refused calls change nothing. Refusals first, the allowed calls last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_PATH } from '../../functions/api/pages/http/session-cookies.ts';
import { PAGE_ORIGIN, type PageClient, pageClient } from '../setup/page-client.ts';
import { rawItems } from '../setup/table-digest.ts';
import {
  type Ids,
  type MatrixScene,
  MISSING_IDS,
  OTHER_TENANTS,
  PAGE_PERSONAS,
  type Persona,
  PROVINCE_MEMBERS,
  setUpMatrixScene,
  USERNAMES,
  VICTIM_TENANT,
} from './authorization-matrix-scene.ts';
import { AREA_CASES, PAGE_CASES } from './page-matrix/index.ts';
import { type PageCase, type PageRequest, SIGNED_IN } from './page-matrix/page-case.ts';

type Outcome = 'ok' | 'own' | 'refused';

interface Answer {
  readonly status: number;
  readonly location: string;
  readonly text: string;
  readonly requestId: string;
}

/**
 * Paths the app serves that are not pages: the API (its own matrix), its documents, the assets,
 * and on one machine the file store's signed links, which answer to their signature and not to a
 * session (tests/integration/file-stores.test.ts). Written out here rather than taken from the
 * page layer, so a page it mistook for one of these would still be found.
 */
const NOT_A_PAGE = /^\/(api|docs|assets|files|\.well-known)(\/|$)|^\/(openapi\.json|health|favicon\.ico)$/;

let scene: MatrixScene;
/** `METHOD path` of every page operation the app registers. */
let registered: string[];
/** Each persona's browser as it stands after signing in once; each call starts from a copy. */
const browsers = new Map<Persona, PageClient>();
/** The whole table as the last call left it, item by item. */
let table: string[];
let calls = 0;

const OPERATIONS = Object.keys(PAGE_CASES);
const caseOf = (operation: string) => PAGE_CASES[operation] as PageCase;
const methodOf = (operation: string) => operation.split(' ')[0] as string;

beforeAll(async () => {
  scene = await setUpMatrixScene();
  registered = pageOperations();
  for (const [persona, browser] of await openBrowsers(PAGE_PERSONAS)) browsers.set(persona, browser);
  table = await rawItems(scene.t);
}, 180_000);

afterAll(() => {
  console.info(
    `page matrix: ${OPERATIONS.length} operations × ${PAGE_PERSONAS.length} personas, ${calls} calls`,
  );
});

/** The app's own routes under the page paths, without the middleware every path passes through. */
function pageOperations(): string[] {
  const operations = scene.t.app.routes
    .filter((route) => !(route.method === 'ALL' && route.path.endsWith('*')))
    .filter((route) => !NOT_A_PAGE.test(route.path))
    .map((route) => `${route.method} ${route.path}`);
  return [...new Set(operations)];
}

/**
 * A persona's browser: a visitor holds the form token the sign-in page hands out; the forged
 * session is the owner's token re-signed by a stranger; everyone else signs in through the form.
 */
async function openBrowser(persona: Persona): Promise<PageClient> {
  const browser = pageClient(scene.t);
  const username = USERNAMES[persona];
  if (username) {
    await browser.signIn(username);
    return browser;
  }
  await browser.get('/');
  if (persona === 'forged')
    browser.jar.set('session', { value: scene.authorization('forged').replace(/^Bearer /, ''), path: '/' });
  return browser;
}

/** Browsers opened side by side: signing in is the slowest step of the matrix. */
async function openBrowsers(personas: readonly Persona[]): Promise<Map<Persona, PageClient>> {
  const opened = await Promise.all(
    personas.map(async (persona) => [persona, await openBrowser(persona)] as const),
  );
  return new Map(opened);
}

/** A copy of the persona's browser, so what one call does to its cookies stays with that call. */
function copyOf(persona: Persona): PageClient {
  const copy = pageClient(scene.t);
  for (const [name, cookie] of (browsers.get(persona) as PageClient).jar) copy.jar.set(name, cookie);
  return copy;
}

/**
 * For the calls that use up their session, a second browser per persona, which keeps what each
 * call does to it: a refresh moves its session on, so the next call goes on from there; once a
 * call has taken a cookie it was opened with (signing out), it is opened again when next needed.
 */
const spares = new Map<Persona, PageClient>();

const intact = (persona: Persona, spare: PageClient | undefined) =>
  spare !== undefined &&
  [...(browsers.get(persona) as PageClient).jar.keys()].every((name) => spare.jar.has(name));

/** The browser each persona sends an operation's call from: a copy of theirs, or its spare. */
async function browsersFor(
  pageCase: PageCase,
  personas: readonly Persona[],
): Promise<Map<Persona, PageClient>> {
  if (!pageCase.usesUpSession) return new Map(personas.map((persona) => [persona, copyOf(persona)]));
  const stale = personas.filter((persona) => !intact(persona, spares.get(persona)));
  for (const [persona, spare] of await openBrowsers(stale)) spares.set(persona, spare);
  return new Map(personas.map((persona) => [persona, spares.get(persona) as PageClient]));
}

async function call(method: string, request: PageRequest, browser: PageClient): Promise<Answer> {
  calls++;
  const response =
    method === 'POST'
      ? await browser.post(request.path, request.form ?? {}, request.files ? { files: request.files } : {})
      : await browser.get(request.path);
  return {
    status: response.status,
    location: response.headers.get('location') ?? '',
    text: await response.text(),
    requestId: response.headers.get('x-request-id') ?? '',
  };
}

function outcomeOf(pageCase: PageCase, persona: Persona): Outcome {
  if (pageCase.ok === 'everyone' || pageCase.ok.includes(persona)) return 'ok';
  return pageCase.own?.includes(persona) ? 'own' : 'refused';
}

const isPage = (answer: Answer) => answer.status >= 200 && answer.status <= 299;
const redirectPath = (answer: Answer) => new URL(answer.location, PAGE_ORIGIN);

/** Sent to the sign-in page and asked to come back: how the page layer turns away a missing session. */
function sentToSignIn(answer: Answer): boolean {
  if (answer.status !== 303 || !answer.location) return false;
  const to = redirectPath(answer);
  return to.pathname === '/' && to.searchParams.has('back');
}

const sentThroughRefresh = (answer: Answer) =>
  answer.status === 307 && redirectPath(answer).pathname === REFRESH_PATH;

/** A page, or a redirect that is neither signing in again nor refreshing: a form that worked. */
const isAllowed = (answer: Answer) =>
  isPage(answer) ||
  (answer.status >= 300 && answer.status <= 399 && !sentToSignIn(answer) && !sentThroughRefresh(answer));

function describeAnswer(answer: Answer): string {
  const title = /<title>([^<]*)<\/title>/.exec(answer.text)?.[1];
  return [answer.status, answer.location && `→ ${answer.location}`, title].filter(Boolean).join(' ');
}

const sentText = (request: PageRequest) => `${request.path} ${JSON.stringify(request.form ?? null)}`;

/**
 * Victim text in an answer, except what the caller sent itself (an id echoed in a link back
 * tells nothing) and, to the victim's province, its hamlet on the shared map.
 */
function leaks(answer: Answer, request: PageRequest, persona: Persona): string[] {
  const sent = sentText(request);
  const markers = PROVINCE_MEMBERS.includes(persona)
    ? scene.markers
    : [...scene.markers, ...scene.mapMarkers];
  const answered = `${answer.location} ${answer.text}`;
  return markers.filter((marker) => !sent.includes(marker) && answered.includes(marker));
}

/** The ids that exist nowhere, as a persona asks about them: the province's own map unit is no secret to it. */
function missingIdsFor(persona: Persona): Ids {
  return PROVINCE_MEMBERS.includes(persona) ? { ...MISSING_IDS, unit: scene.ids.unit } : MISSING_IDS;
}

function namesVictimIds(request: PageRequest, persona: Persona): boolean {
  const sent = sentText(request);
  const missing = Object.values(missingIdsFor(persona));
  return Object.values(scene.ids).some((id) => !missing.includes(id) && sent.includes(id));
}

/**
 * A refusal without what differs by request alone: its request id, form token, and the ids the
 * request names (only those: the victim's province id is also in every alpha user's name).
 */
function comparable(answer: Answer, request: PageRequest, ids: Ids): string {
  const sent = sentText(request);
  let text = `${answer.status} ${answer.location} ${answer.text}`.replace(/name="_csrf" value="[^"]*"/g, '');
  if (answer.requestId) text = text.replaceAll(answer.requestId, '{requestId}');
  // A username's province prefix (`alpha.women`) is the signed-in user's, not an id the request names.
  for (const [name, id] of Object.entries(ids))
    if (sent.includes(id))
      text = text.replace(new RegExp(`${escapeRegExp(id)}(?!\\.[a-z])`, 'g'), `{${name}}`);
  return text;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where two answers part, with a little of each around it; undefined when they are the same. */
function firstDifference(a: string, b: string): string | undefined {
  if (a === b) return undefined;
  let at = 0;
  while (a[at] === b[at]) at++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 40), at + 60));
  return `from character ${at}: ${around(a)} / ${around(b)}`;
}

/** What changed between two snapshots, as items removed and added (a change is both). */
function changes(before: readonly string[], after: readonly string[]): string[] {
  const [was, is] = [new Set(before), new Set(after)];
  return [
    ...before.filter((item) => !is.has(item)).map((item) => `- ${item}`),
    ...after.filter((item) => !was.has(item)).map((item) => `+ ${item}`),
  ];
}

const ofVictim = (change: string) => change.includes(`"PK":"${VICTIM_TENANT}#`);
const isVictimAuditAdded = (change: string) =>
  change.startsWith('+ ') && ofVictim(change) && change.includes('"_entity":"audit"');

/** The file a path's case belongs in: the area named by its first segment, or one already holding that segment. */
function areaOf(path: string): string {
  const segment = path.split('/')[1] ?? '';
  if (AREA_CASES[segment]) return segment;
  const holder = Object.entries(AREA_CASES).find(([, cases]) =>
    Object.keys(cases).some((operation) => operation.split(' ')[1]?.split('/')[1] === segment),
  );
  return holder?.[0] ?? '<area>';
}

describe('the page routes', () => {
  it('each have exactly one case, and every case a route', () => {
    const problems: string[] = [];
    for (const operation of registered) {
      const [method = '', path = ''] = operation.split(' ');
      if (method !== 'GET' && method !== 'POST')
        problems.push(
          `${operation}: pages answer GET and POST only (plain links and forms); the matrix cannot send it`,
        );
      else if (!PAGE_CASES[operation])
        problems.push(
          `unclassified page operation ${operation}: add a case in tests/integration/page-matrix/${areaOf(path)}.ts`,
        );
    }
    for (const operation of OPERATIONS)
      if (!registered.includes(operation))
        problems.push(`case for a page operation the app does not register: ${operation}`);
    for (const operation of OPERATIONS) {
      const areas = Object.keys(AREA_CASES).filter((area) => AREA_CASES[area]?.[operation]);
      if (areas.length > 1)
        problems.push(`${operation} has a case in each of ${areas.map((a) => `${a}.ts`).join(', ')}`);
    }
    expect(problems).toEqual([]);
  });
});

const personasOf = (operation: string, outcomes: Outcome[]) =>
  PAGE_PERSONAS.filter((persona) => outcomes.includes(outcomeOf(caseOf(operation), persona)));

/** Where a browser turned away should come back to after signing in: the page it asked for. */
function backOf(request: PageRequest): string {
  const url = new URL(request.path, PAGE_ORIGIN);
  return url.pathname === REFRESH_PATH ? (url.searchParams.get('back') ?? '/') : request.path;
}

const sentToSignInFor = (answer: Answer, request: PageRequest) =>
  sentToSignIn(answer) && redirectPath(answer).searchParams.get('back') === backOf(request);

/** What a refusal must look like for a persona; undefined when it does. */
async function refusalProblem(
  persona: Persona,
  method: string,
  request: PageRequest,
  answer: Answer,
  browser: PageClient,
): Promise<string | undefined> {
  const toSignIn = `expected 303 to sign in and back to ${backOf(request)}`;
  if (persona === 'anonymous')
    return sentToSignInFor(answer, request) ? undefined : `${toSignIn}, got ${describeAnswer(answer)}`;
  if (persona === 'forged') {
    // A token that does not verify is taken as an expired one: through the refresh path (307, so
    // a form goes on as it was), which, with no refresh token to trade, ends at signing in.
    if (new URL(request.path, PAGE_ORIGIN).pathname === REFRESH_PATH)
      return sentToSignInFor(answer, request) ? undefined : `${toSignIn}, got ${describeAnswer(answer)}`;
    const refresh = `${REFRESH_PATH}?back=${encodeURIComponent(request.path)}`;
    if (answer.status !== 307 || answer.location !== refresh)
      return `expected 307 to ${refresh}, got ${describeAnswer(answer)}`;
    const refreshed = await call(method, { ...request, path: refresh }, browser);
    return sentToSignInFor(refreshed, request)
      ? undefined
      : `the refresh let the forged session through: ${describeAnswer(refreshed)}`;
  }
  return answer.status === 403 || answer.status === 404
    ? undefined
    : `expected 403/404, got ${describeAnswer(answer)}`;
}

// Every refusal first, against a table only refusals see; the allowed calls, which change it, after.
describe('refused calls', () => {
  it.each(OPERATIONS.filter((operation) => personasOf(operation, ['refused', 'own']).length > 0))(
    '%s refuses whoever it is not for (or answers from their own tenant), tells nothing, changes nothing',
    async (operation) => {
      const pageCase = caseOf(operation);
      const method = methodOf(operation);
      const problems: string[] = [];
      const refused = personasOf(operation, ['refused']);
      const own = personasOf(operation, ['own']);
      const sessions = await browsersFor(pageCase, [...refused, ...own]);
      // Spare sessions signed in on the way are part of the table the calls start from.
      if (pageCase.usesUpSession) table = await rawItems(scene.t);

      const checkUnchanged = async (who: string, victimOnly: boolean) => {
        const after = await rawItems(scene.t);
        const changed = changes(table, after).filter(
          (change) =>
            (!victimOnly || ofVictim(change)) && !(pageCase.refusalAudited && isVictimAuditAdded(change)),
        );
        table = after;
        if (changed.length > 0) problems.push(`${who} changed the table:\n${changed.join('\n')}`);
      };

      const send = async (persona: Persona) => {
        const outcome = outcomeOf(pageCase, persona);
        const browser = sessions.get(persona) as PageClient;
        const request = pageCase.build(scene.ids, scene, persona);
        const answer = await call(method, request, browser);
        const problem = (text: string) => problems.push(`${persona}: ${text} — ${request.path}`);

        if (outcome === 'own' && !isAllowed(answer))
          problem(`expected an answer from its own tenant, got ${describeAnswer(answer)}`);
        if (outcome === 'refused') {
          const refusal = await refusalProblem(persona, method, request, answer, browser);
          if (refusal) problem(refusal);
        }
        const leaked = leaks(answer, request, persona);
        if (leaked.length > 0) problem(`the answer holds the victim’s ${leaked.join(', ')}`);

        // The same call about ids that exist nowhere must answer the same: existence is not told.
        if (OTHER_TENANTS.includes(persona) && namesVictimIds(request, persona)) {
          const missingIds = missingIdsFor(persona);
          const missing = pageCase.build(missingIds, scene, persona);
          const elsewhere = await call(method, missing, copyOf(persona));
          const difference = firstDifference(
            comparable(answer, request, scene.ids),
            comparable(elsewhere, missing, missingIds),
          );
          if (difference) problem(`answers differ for the victim’s ids and missing ones, ${difference}`);
        }
      };

      // The table is read after each group of calls, not each call (that would double the
      // matrix's time): refusals may change nothing at all; forms answered from the persona's own
      // tenant, nothing of the victim's; pages, which never write, are read once after both.
      for (const persona of refused) await send(persona);
      if (method === 'POST') await checkUnchanged(`refused calls (${refused.join(', ')})`, false);
      for (const persona of own) await send(persona);
      if (method === 'POST') await checkUnchanged(`own-tenant calls (${own.join(', ')})`, true);
      else await checkUnchanged('calls to a page', false);

      expect(problems).toEqual([]);
    },
    120_000,
  );
});

describe('allowed calls', () => {
  it.each(OPERATIONS)(
    '%s answers whoever it is for',
    async (operation) => {
      const pageCase = caseOf(operation);
      const problems: string[] = [];
      const personas = personasOf(operation, ['ok']);
      const sessions = await browsersFor(pageCase, personas);
      for (const persona of personas) {
        const fresh = (await pageCase.fresh?.(scene, persona)) ?? {};
        const request = pageCase.build({ ...scene.ids, ...fresh }, scene, persona);
        const answer = await call(methodOf(operation), request, sessions.get(persona) as PageClient);
        if (!isAllowed(answer))
          problems.push(
            `${persona}: expected a page or a redirect other than signing in, got ${describeAnswer(answer)} — ${request.path}`,
          );
      }
      expect(problems).toEqual([]);
    },
    120_000,
  );
});

/** The page operation serving a path, by the app's route patterns (`/members/:id`). */
function pageServing(path: string): string | undefined {
  const matches = (pattern: string) =>
    new RegExp(
      `^${pattern
        .split('/')
        .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/')}$`,
    ).test(path);
  return registered.find((operation) => operation.startsWith('GET ') && matches(operation.slice(4)));
}

/**
 * Follows a link as a browser would, through redirects that stay on pages, to the page it ends
 * on; a redirect to signing in ends there too.
 */
async function open(link: string, persona: Persona): Promise<Answer> {
  const browser = copyOf(persona);
  let answer = await call('GET', { path: link }, browser);
  for (let hops = 0; hops < 5 && answer.location && !sentToSignIn(answer); hops++) {
    const to = redirectPath(answer);
    answer = await call('GET', { path: to.pathname + to.search }, browser);
  }
  return answer;
}

// A case classifies a persona against the victim's records; a menu link is the bare page, which
// an admin of another tenant opens on its own records. So each link is followed as it is.
describe('the navigation', () => {
  it.each(SIGNED_IN)('offers %s only pages it may open', async (persona) => {
    const problems: string[] = [];
    // Where signing in lands: the sign-in page sends the signed-in on to their first page.
    const landing = (await call('GET', { path: '/' }, copyOf(persona))).location;
    if (!landing) throw new Error(`the sign-in page did not send ${persona} on to a page`);
    const page = await open(landing, persona);
    if (!isPage(page)) problems.push(`lands on ${landing}, which answers ${describeAnswer(page)}`);
    const nav = /<nav class="main"[^>]*>([\s\S]*?)<\/nav>/.exec(page.text)?.[1] ?? '';
    const links = [...nav.matchAll(/href="([^"]+)"/g)].map((match) => match[1] as string);
    if (isPage(page) && links.length === 0) problems.push(`no navigation on ${landing}`);
    for (const link of links) {
      const operation = pageServing(link.split('?')[0] as string);
      if (!operation) problems.push(`offers ${link}, which no page serves`);
      else if (!PAGE_CASES[operation]) problems.push(`offers ${link}, whose page ${operation} has no case`);
      else {
        const opened = link === landing ? page : await open(link, persona);
        if (!isPage(opened)) problems.push(`offers ${link}, which answers ${describeAnswer(opened)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
