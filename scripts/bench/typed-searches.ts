/**
 * Issue 16: does a search find the person the way officers type it, on the first page, and what
 * does it read for what it returns? A sample of current members is drawn while each province is
 * imported (a seeded reservoir, so two runs draw the same people); each is searched for in every
 * form that applies to them, as the organization's admin and as an officer of their commune.
 *
 * Items read count everything the request read: for a commune officer that includes the commune
 * itself (one item, read to check the scope), so their bound is ×1.5 the rows and that one item.
 *
 * "Indistinguishable": the member is not on the first page, but the page is full of people the
 * query cannot tell from them (the same name — for a mistyped one, the name it corrects to — or
 * the same given name and year): no order could put the one meant first. Reported beside the hit
 * rate, never counted as a hit.
 *
 * "Another's name": a mistyped name that is itself the whole name of a full page of people (a
 * letter dropped from "Ngân" leaves "Nga"). The issue's ranking lists those exact matches first, so
 * the one meant cannot be on the page; counted apart, neither a hit nor indistinguishable.
 *
 * "A similar name away": neither on page 1 nor indistinguishable, but one of the similar names the
 * first page offers (search.ts) finds the member on its own first page, or a full page of their
 * namesakes: the officer who typed "nguyen thi uong" for a Lương clicks "Nguyễn Thị Lương". Its
 * reads are the offered search's, not the query's; the query's own reads include the similar
 * names' lookups.
 *
 * Beside the issue's forms, the full name with the birth year is measured: it is what the members
 * list advises when more people match than its first page shows.
 *
 * A commune officer's given name and year reads the commune's people with that word and keeps
 * those born that year: its bound is those people, not ×1.5 the rows.
 */
import type { ImportDemoMembersOptions } from '#functions/local/demo/demo-members.ts';
import { DEMO_PASSWORD, DEMO_PROVINCE_ID } from '#functions/local/demo/seed-demo-province.ts';
import { mapConcurrently } from '#shared/concurrency.ts';
import { createMissingAccounts } from '#shared/domain/create-accounts.ts';
import { isCurrent } from '#shared/domain/members/lifecycle.ts';
import type { MemberSummary } from '#shared/domain/members/member.ts';
import type { SearchPage } from '#shared/domain/members/search.ts';
import { type Organization, tenantIdOf } from '#shared/domain/organizations.ts';
import { toTenantId } from '#shared/domain/tenant-id.ts';
import { foldVietnamese } from '#shared/domain/vietnamese-text.ts';
import { AccountRepository } from '#shared/store/repositories/accounts.ts';
import { en, printTable, writeResults } from './print.ts';
import type { BenchProvince } from './province.ts';
import { metered } from './session.ts';

const PAGE = 50;
/** The goals: the member on the first page, and items read per row returned. */
const GOALS = { hitRate: 0.99, readsPerRow: 1.5 } as const;
export const SAMPLE_SIZE = 1_000;
const CONCURRENT_QUERIES = 4;

export interface TypedSample {
  readonly organization: Organization;
  readonly id: string;
  readonly fullName: string;
  readonly birthYear: number;
  readonly phone: string | null;
  readonly cardNumber: string | null;
  readonly communeId: string | null;
  /** Draws for the mistyped form, fixed at sampling. */
  readonly typoDraws: readonly [number, number, number];
}

type Who = 'admin' | 'commune officer';
const WHO: readonly Who[] = ['admin', 'commune officer'];

const TYPO_KIND = 'a letter missing or swapped';

/** How officers type a member, each form for the members it applies to. */
const KINDS: Record<string, (s: TypedSample) => string | undefined> = {
  'full name, family first': (s) => s.fullName,
  'without diacritics': (s) => foldVietnamese(s.fullName),
  'in capitals': (s) => s.fullName.toUpperCase(),
  'given name + birth year': (s) => `${words(s.fullName).at(-1)} ${s.birthYear}`,
  // Not one of the forms: what the list advises when a name fills more than a page.
  'full name + birth year': (s) => `${s.fullName} ${s.birthYear}`,
  'middle + given name': (s) =>
    words(s.fullName).length >= 3 ? words(s.fullName).slice(1).join(' ') : undefined,
  [TYPO_KIND]: (s) => mistyped(foldVietnamese(s.fullName), s.typoDraws),
  'phone 0…': (s) => s.phone ?? undefined,
  'phone +84…': (s) => (s.phone ? `+84${s.phone.slice(1)}` : undefined),
  'phone spaced': (s) => s.phone?.replace(/^(\d{4})(\d{3})(\d+)$/, '$1 $2 $3'),
  'card number': (s) => s.cardNumber ?? undefined,
};

/**
 * `BENCH_KINDS="a letter missing or swapped;middle + given name"`: only those kinds are searched —
 * a change that touches one kind is measured at the full size in an hour less.
 */
function kindsToRun(): [string, (s: TypedSample) => string | undefined][] {
  const only = process.env.BENCH_KINDS?.split(';').map((kind) => kind.trim());
  const unknown = only?.filter((kind) => !(kind in KINDS)) ?? [];
  if (unknown.length > 0)
    throw new Error(
      `BENCH_KINDS: no kind ${unknown.join(', ')}; the kinds: ${Object.keys(KINDS).join('; ')}`,
    );
  return Object.entries(KINDS).filter(([kind]) => !only || only.includes(kind));
}

/** Misses kept by name in the results file, to be read one by one; the first five are printed. */
const MISSES_KEPT = 50;

const words = (name: string) => name.split(/\s+/).filter(Boolean);

/** One word of 4+ letters with a letter dropped or two neighbours swapped; none if no word is long enough. */
function mistyped(folded: string, [wordDraw, kindDraw, placeDraw]: readonly number[]): string | undefined {
  const all = folded.split(' ');
  const long = all.flatMap((word, i) => (word.length >= 4 ? [i] : []));
  if (long.length === 0) return undefined;
  const i = long[Math.floor((wordDraw as number) * long.length)] as number;
  const word = all[i] as string;
  const swaps = [...word].flatMap((letter, n) => (n + 1 < word.length && letter !== word[n + 1] ? [n] : []));
  let typo: string;
  if ((kindDraw as number) < 0.5 || swaps.length === 0) {
    const at = Math.floor((placeDraw as number) * word.length);
    typo = word.slice(0, at) + word.slice(at + 1);
  } else {
    const at = swaps[Math.floor((placeDraw as number) * swaps.length)] as number;
    typo = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  }
  return [...all.slice(0, i), typo, ...all.slice(i + 1)].join(' ');
}

/** A seeded generator (mulberry32): the same sample every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws SAMPLE_SIZE current members uniformly from those imported (reservoir sampling). */
export function typedSampler(): {
  onMember: NonNullable<ImportDemoMembersOptions['onMember']>;
  samples: () => TypedSample[];
} {
  const random = seeded(16);
  const kept: TypedSample[] = [];
  let seen = 0;
  return {
    onMember: (organization, _n, _generated, member) => {
      if (!isCurrent(member.status)) return;
      seen += 1;
      const slot = seen <= SAMPLE_SIZE ? seen - 1 : Math.floor(random() * seen);
      const draws = [random(), random(), random()] as const;
      if (slot >= SAMPLE_SIZE) return;
      kept[slot] = {
        organization,
        id: member.id,
        fullName: member.fullName,
        birthYear: Number(member.birthDate.slice(0, 4)),
        phone: member.phone,
        cardNumber: member.cardNumber,
        communeId: member.communeId ?? null,
        typoDraws: draws,
      };
    },
    samples: () => [...kept],
  };
}

export interface TypedResult {
  readonly kind: string;
  readonly who: Who;
  readonly queries: number;
  readonly hits: number;
  readonly indistinguishable: number;
  /** Mistyped names that are another name a full page of people share exactly. */
  readonly anotherName: number;
  /**
   * Neither on page 1 nor indistinguishable, but a similar name offered under the page finds the
   * member on its first page, or a full page of their namesakes: one click away.
   */
  readonly throughSimilar: number;
  /** Full-name queries whose first page lists every exact match before anyone else. */
  readonly rankedRight: number;
  readonly rankChecked: number;
  readonly emptyFirstPages: number;
  readonly rows: number;
  readonly itemsRead: number;
  readonly calls: number;
  readonly worstRatio: number;
  /** Queries reading within their bound: ×1.5 the rows returned, and the officer's commune (1 item). */
  readonly withinBound: number;
  readonly misses: readonly string[];
}

const FULL_NAME_KINDS = new Set(['full name, family first', 'without diacritics', 'in capitals']);
/** Kinds whose query names the whole person: a full page of the same name cannot be told apart. */
const SAME_NAME_KINDS = new Set([...FULL_NAME_KINDS, TYPO_KIND]);

const officerOf = (organization: Organization, communeId: string) => `${organization}.bench.${communeId}`;

export async function measureTypedSearches(
  p: BenchProvince,
  samples: readonly TypedSample[],
): Promise<TypedResult[]> {
  const accounts = new AccountRepository(p.table);
  const communes = new Set(samples.flatMap((s) => (s.communeId ? [`${s.organization}|${s.communeId}`] : [])));
  const officers = [...communes].map((key) => {
    const [organization, communeId] = key.split('|') as [Organization, string];
    return {
      username: officerOf(organization, communeId),
      password: DEMO_PASSWORD,
      tenantId: toTenantId(tenantIdOf(DEMO_PROVINCE_ID, organization)),
      role: 'unit_officer' as const,
      scope: { unitId: communeId },
      displayName: `Bench officer ${communeId}`,
    };
  });
  // Accounts are created in one transaction each call, at most 100 items.
  for (let i = 0; i < officers.length; i += 25)
    await createMissingAccounts(accounts, officers.slice(i, i + 25));
  const results: TypedResult[] = [];
  for (const [kind, form] of kindsToRun()) {
    for (const who of WHO) {
      const r = {
        kind,
        who,
        queries: 0,
        hits: 0,
        indistinguishable: 0,
        anotherName: 0,
        throughSimilar: 0,
        rankedRight: 0,
        rankChecked: 0,
        emptyFirstPages: 0,
        rows: 0,
        itemsRead: 0,
        calls: 0,
        worstRatio: 0,
        withinBound: 0,
        misses: [] as string[],
      };
      const queries = samples.flatMap((sample) => {
        const q = form(sample);
        if (q === undefined || (who === 'commune officer' && !sample.communeId)) return [];
        const username =
          who === 'admin'
            ? `${sample.organization}.admin`
            : officerOf(sample.organization, sample.communeId as string);
        return [{ sample, q, username }];
      });
      // A few at once, each metered on its own: DynamoDB Local answers several requests in parallel.
      await mapConcurrently(queries, CONCURRENT_QUERIES, async ({ sample, q, username }) => {
        const params = new URLSearchParams({ q, limit: String(PAGE) });
        const { body, reading } = await metered<SearchPage>(p, username, `/api/v1/members?${params}`);
        r.queries += 1;
        r.rows += body.items.length;
        r.itemsRead += reading.itemsRead;
        r.calls += reading.calls;
        r.worstRatio = Math.max(r.worstRatio, reading.itemsRead / Math.max(1, body.items.length));
        const scopeReads = who === 'commune officer' ? 1 : 0;
        if (reading.itemsRead <= GOALS.readsPerRow * Math.max(1, body.items.length) + scopeReads)
          r.withinBound += 1;
        if (body.items.length === 0 && body.nextCursor) r.emptyFirstPages += 1;
        if (body.items.some((m) => m.id === sample.id)) r.hits += 1;
        else if (indistinguishable(kind, sample, body.items)) r.indistinguishable += 1;
        else {
          const similar = body.similarNames ?? [];
          if (await foundThroughSimilar(p, username, sample, similar)) r.throughSimilar += 1;
          if (kind === TYPO_KIND && isFullPageOf(foldVietnamese(q), body.items)) r.anotherName += 1;
          else if (r.misses.length < MISSES_KEPT)
            r.misses.push(
              `${sample.organization} "${q}" for ${sample.fullName} (page: ${namesOn(body.items)}; ` +
                `similar: ${similar.join(', ') || 'none'})`,
            );
        }
        if (FULL_NAME_KINDS.has(kind)) {
          r.rankChecked += 1;
          const exact = body.items.map((m) => foldVietnamese(m.fullName) === foldVietnamese(sample.fullName));
          const firstOther = exact.indexOf(false);
          if (firstOther < 0 || !exact.slice(firstOther).includes(true)) r.rankedRight += 1;
        }
      });
      results.push(r);
      // Each kind's line carries the whole measure: at full size the final table comes an hour later.
      console.log(
        `  ${kind}, ${who}: ${r.queries} queries, ${r.hits} on page 1, ${r.indistinguishable} indistinguishable, ` +
          (kind === TYPO_KIND ? `${r.anotherName} another's name, ` : '') +
          `${r.throughSimilar} of the rest through a similar name, ` +
          `${r.rows} rows for ${r.itemsRead} items read, ${r.withinBound} within bound, ${r.calls} calls`,
      );
    }
  }
  return results;
}

/** Whether a similar name offered finds the member, or a full page of their namesakes, on its first page. */
async function foundThroughSimilar(
  p: BenchProvince,
  username: string,
  sample: TypedSample,
  similarNames: readonly string[],
): Promise<boolean> {
  for (const name of similarNames) {
    const params = new URLSearchParams({ q: name, limit: String(PAGE) });
    const { body } = await metered<SearchPage>(p, username, `/api/v1/members?${params}`);
    if (
      body.items.some((m) => m.id === sample.id) ||
      isFullPageOf(foldVietnamese(sample.fullName), body.items)
    )
      return true;
  }
  return false;
}

/** The names a page lists, commonest first, with how many carry each: what filled it instead. */
function namesOn(page: readonly MemberSummary[]): string {
  const counts = new Map<string, number>();
  for (const m of page) counts.set(m.fullName, (counts.get(m.fullName) ?? 0) + 1);
  const names = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = names.slice(0, 3).map(([name, n]) => `${name} ×${n}`);
  return names.length === 0 ? 'empty' : [...shown, ...(names.length > 3 ? ['…'] : [])].join(', ');
}

const isFullPageOf = (foldedName: string, page: readonly MemberSummary[]) =>
  page.length === PAGE && page.every((m) => foldVietnamese(m.fullName) === foldedName);

/** A full first page of people the query cannot tell from the member. */
function indistinguishable(kind: string, sample: TypedSample, page: readonly MemberSummary[]): boolean {
  if (SAME_NAME_KINDS.has(kind)) return isFullPageOf(foldVietnamese(sample.fullName), page);
  if (page.length < PAGE) return false;
  const same = (m: MemberSummary): boolean => {
    if (kind === 'full name + birth year')
      return (
        foldVietnamese(m.fullName) === foldVietnamese(sample.fullName) &&
        m.birthDate.startsWith(String(sample.birthYear))
      );
    if (kind === 'given name + birth year')
      return (
        foldVietnamese(words(m.fullName).at(-1) ?? '') ===
          foldVietnamese(words(sample.fullName).at(-1) ?? '') &&
        m.birthDate.startsWith(String(sample.birthYear))
      );
    if (kind === 'middle + given name')
      return foldVietnamese(m.fullName).endsWith(foldVietnamese(words(sample.fullName).slice(1).join(' ')));
    return false;
  };
  return page.every(same);
}

const percent = (part: number, whole: number) =>
  whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)} %`;

/** Prints both provinces' hit rates and reads per kind side by side; writes .data/bench/typed-searches.json. */
export async function reportTypedSearches(
  small: { members: number; results: readonly TypedResult[] },
  large: { members: number; results: readonly TypedResult[] },
): Promise<void> {
  console.log(
    `\nSearch as officers type it (issue 16): ${en.format(SAMPLE_SIZE)} current members sampled in each province, ` +
      `first page of ${PAGE}; goals: on the first page in ≥ ${GOALS.hitRate * 100} % of queries, items read ≤ ×${GOALS.readsPerRow} the rows returned`,
  );
  const header = (size: string, members: number) => [
    `${size} (${en.format(members)}): queries`,
    'on page 1',
    'or indistinguishable',
    'or a similar name away',
    'reads ÷ rows (worst)',
    'within bound',
    'calls/query',
  ];
  const cells = (r: TypedResult | undefined) =>
    r
      ? [
          en.format(r.queries),
          percent(r.hits, r.queries),
          percent(r.hits + r.indistinguishable, r.queries),
          percent(r.hits + r.indistinguishable + r.throughSimilar, r.queries),
          `×${(r.itemsRead / Math.max(1, r.rows)).toFixed(2)} (×${r.worstRatio.toFixed(1)})`,
          percent(r.withinBound, r.queries),
          (r.calls / Math.max(1, r.queries)).toFixed(1),
        ]
      : ['—', '—', '—', '—', '—', '—', '—'];
  printTable([
    ['query', 'as', ...header('small', small.members), ...header('large', large.members)],
    ...small.results.map((r, i) => [r.kind, r.who, ...cells(r), ...cells(large.results[i])]),
  ]);
  for (const [size, run] of [['small', small] as const, ['large', large] as const]) {
    const all = run.results;
    const sum = (pick: (r: TypedResult) => number) => all.reduce((total, r) => total + pick(r), 0);
    console.log(
      `${size}: on page 1 in ${percent(
        sum((r) => r.hits),
        sum((r) => r.queries),
      )} of ${en.format(sum((r) => r.queries))} queries ` +
        `(${percent(
          sum((r) => r.hits + r.indistinguishable),
          sum((r) => r.queries),
        )} with the indistinguishable, ${percent(
          sum((r) => r.hits + r.indistinguishable + r.throughSimilar),
          sum((r) => r.queries),
        )} with a similar name offered); ` +
        `exact full names first on ${percent(
          sum((r) => r.rankedRight),
          sum((r) => r.rankChecked),
        )} of full-name first pages; ` +
        `mistyped names that are another's name a full page shares: ${sum((r) => r.anotherName)}; ` +
        `empty first pages with more to come: ${sum((r) => r.emptyFirstPages)}; ` +
        `items read ÷ rows: ×${(
          sum((r) => r.itemsRead) /
            Math.max(
              1,
              sum((r) => r.rows),
            )
        ).toFixed(2)}, ` +
        `${percent(
          sum((r) => r.withinBound),
          sum((r) => r.queries),
        )} of queries within ×${GOALS.readsPerRow} the rows (+ 1 item, an officer's commune)`,
    );
    for (const r of all.filter((r) => r.misses.length > 0))
      console.log(`  missed, ${r.kind} as ${r.who}: ${r.misses.slice(0, 5).join('; ')}`);
  }
  const path = await writeResults('typed-searches', {
    emulator: 'DynamoDB Local, in memory, one per province',
    pageSize: PAGE,
    sampleSize: SAMPLE_SIZE,
    goals: GOALS,
    small,
    large,
  });
  console.log(`Results written to ${path}`);
}
