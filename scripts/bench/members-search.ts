/**
 * What member lists and searches cost to read, page by page, in the small and the large province.
 *
 * The small province's members are the first ones of the large one (the generator is a seeded
 * stream), so the people it picks while its members are imported are searched in both: a
 * current member's national id and the name whose rarest word is the rarest seen.
 */
import type { ImportDemoMembersOptions } from '#functions/local/demo/demo-members.ts';
import { DEMO_COMMUNE, DEMO_PROVINCE_ID } from '#functions/local/demo/seed-demo-province.ts';
import { ORGANIZATIONS, type Organization, tenantIdOf } from '#shared/domain/organizations.ts';
import { toTenantId } from '#shared/domain/tenant-id.ts';
import { estimatedWordShare } from '#shared/domain/vietnamese-names.ts';
import { foldVietnamese } from '#shared/domain/vietnamese-text.ts';
import { BranchRepository } from '#shared/store/repositories/branches.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import { type Compared, en, type Measured, printComparison, vi, writeResults } from './print.ts';
import type { BenchProvince } from './province.ts';
import { metered } from './session.ts';

export const PAGE = 50;
const NAME_SEARCHES = ['nguyen van an', 'an', 'thu', 'nguy', 'tran thi'];
/** Searches whose second page is read too. */
const SECOND_PAGES = new Set(['an', 'nguy']);

export interface Sample {
  /** A current member's national id: found in both provinces. */
  nationalId?: string;
  /** The name, typed family-first without diacritics, whose rarest word is the rarest seen. */
  rareName?: { q: string; share: number };
}

export type Samples = Record<Organization, Sample>;

interface Probe {
  readonly organization: Organization;
  readonly label: string;
  readonly as: 'admin' | 'officer';
  readonly query: Record<string, string>;
  /** Read the page after this probe's first one. */
  readonly secondPage: boolean;
}

export interface SearchResult {
  readonly probe: Probe;
  readonly first: Measured;
  readonly second: Measured | null;
}

/** What a province's searches cost, with the members they searched among. */
export interface Searched {
  readonly members: number;
  readonly counts: Record<Organization, number>;
  readonly results: readonly SearchResult[];
}

type Row = Compared & { organization: Organization; page: 1 | 2 };

/** Issue 13: a search reads at most this many items per row it returns. */
const SEARCH_READS_GOAL = 1.5;

export function emptySamples(): Samples {
  return Object.fromEntries(ORGANIZATIONS.map((o) => [o, {}])) as Samples;
}

/** Picks the people to search for from the members as they are imported. */
export function sampleFrom(samples: Samples): NonNullable<ImportDemoMembersOptions['onMember']> {
  return (organization, _n, generated, member) => {
    const sample = samples[organization];
    if (!sample.nationalId && member.status === 'active') sample.nationalId = generated.nationalId;
    const share = Math.min(...foldVietnamese(generated.fullName).split(' ').map(estimatedWordShare));
    if (member.status === 'active' && share < (sample.rareName?.share ?? 1))
      sample.rareName = { q: foldVietnamese(generated.fullName).toLowerCase(), share };
  };
}

export async function measureSearches(p: BenchProvince, samples: Samples): Promise<SearchResult[]> {
  const tenants = Object.fromEntries(
    ORGANIZATIONS.map((o) => [o, p.table.forTenant(toTenantId(tenantIdOf(DEMO_PROVINCE_ID, o)))]),
  ) as Record<Organization, ReturnType<BenchProvince['table']['forTenant']>>;
  // Every organization's copy of the tree has the same hamlets: the seed gives them fixed ids.
  const hamlet = (await new UnitRepository(tenants.farmers).children(DEMO_COMMUNE.code, 1)).items[0];
  if (!hamlet) throw new Error(`${DEMO_COMMUNE.name} has no hamlet`);
  const branchIds = {} as Record<Organization, string>;
  for (const organization of ORGANIZATIONS) {
    const branch = (await new BranchRepository(tenants[organization]).ofUnit(hamlet.id, 'residential', 1))
      .items[0];
    if (!branch) throw new Error(`${hamlet.name} has no ${organization} branch`);
    branchIds[organization] = branch.id;
  }
  const results: SearchResult[] = [];
  for (const probe of ORGANIZATIONS.flatMap((organization) => probes(organization, samples[organization]))) {
    const query = Object.fromEntries(
      Object.entries(probe.query).map(([name, value]) => [
        name,
        value === 'BRANCH' ? branchIds[probe.organization] : value === 'HAMLET' ? hamlet.id : value,
      ]),
    );
    results.push({ probe, ...(await measure(p, probe, query)) });
  }
  return results;
}

function probes(organization: Organization, sample: Sample): Probe[] {
  const probe = (label: string, as: Probe['as'], query: Record<string, string>, secondPage = false) => ({
    organization,
    label,
    as,
    query,
    secondPage,
  });
  const names = [...NAME_SEARCHES, ...(sample.rareName ? [sample.rareName.q] : [])];
  const rare = (q: string) => (q === sample.rareName?.q ? `rare name "${q}"` : `"${q}"`);
  return [
    probe('list: province', 'admin', {}, true),
    probe(`list: commune (${DEMO_COMMUNE.name})`, 'admin', { unitId: DEMO_COMMUNE.code }),
    probe('list: branch', 'admin', { branchId: 'BRANCH' }),
    probe('list: hamlet', 'admin', { unitId: 'HAMLET' }),
    ...names.map((q) => probe(`search ${rare(q)}, province`, 'admin', { q }, SECOND_PAGES.has(q))),
    probe('search "09" (phone), province', 'admin', { q: '09' }),
    ...(sample.nationalId
      ? [probe('search national id (12 digits), province', 'admin', { q: sample.nationalId })]
      : []),
    ...names.map((q) =>
      probe(`search ${rare(q)}, commune officer`, 'officer', { q, unitId: DEMO_COMMUNE.code }, q === 'an'),
    ),
  ];
}

async function measure(
  p: BenchProvince,
  probe: Probe,
  query: Record<string, string>,
): Promise<{ first: Measured; second: Measured | null }> {
  const username = probe.as === 'admin' ? `${probe.organization}.admin` : `${probe.organization}.mytho`;
  const page = async (cursor?: string) => {
    const params = new URLSearchParams({ ...query, limit: String(PAGE), ...(cursor && { cursor }) });
    const { body, reading, ms } = await metered<{ items: unknown[]; nextCursor: string | null }>(
      p,
      username,
      `/api/v1/members?${params}`,
    );
    return { measured: { ...reading, items: body.items.length, ms }, next: body.nextCursor };
  };
  const first = await page();
  const second = probe.secondPage && first.next ? (await page(first.next)).measured : null;
  return { first: first.measured, second };
}

/** Prints the searches of both provinces side by side and writes .data/bench/members-search.json. */
export async function reportSearches(small: Searched, large: Searched, samples: Samples): Promise<void> {
  const rows: Row[] = small.results.flatMap(({ probe, first, second }, i) => {
    const other = large.results[i];
    if (other?.probe.label !== probe.label) throw new Error('The two provinces ran different probes');
    const row = { organization: probe.organization, label: probe.label };
    return [
      { ...row, page: 1 as const, small: first, large: other.first },
      ...(probe.secondPage
        ? [{ ...row, label: `${probe.label}, page 2`, page: 2 as const, small: second, large: other.second }]
        : []),
    ];
  });
  console.log(`\nMember lists and searches, page size ${PAGE}`);
  for (const organization of ORGANIZATIONS) {
    const sample = samples[organization];
    console.log(
      `${organization}: rare name "${sample.rareName?.q ?? '—'}" (estimated share ${((sample.rareName?.share ?? 0) * 100).toFixed(3)} %), national id of a current member ${sample.nationalId ? `${sample.nationalId.slice(0, 3)}…` : '—'}`,
    );
  }
  for (const organization of ORGANIZATIONS) {
    console.log(
      `\n${organization} (${en.format(small.counts[organization])} vs ${en.format(large.counts[organization])} members)`,
    );
    printComparison(
      rows.filter((row) => row.organization === organization),
      { small: small.members, large: large.members },
      'items',
    );
  }
  console.log('\nFor the issue note:');
  for (const [size, p] of [['small', small] as const, ['large', large] as const]) {
    const perPage = (filter: (row: Row) => boolean) =>
      rows.filter(filter).flatMap((row) => (row[size] ? [row[size]] : []));
    const searches = (who: string) =>
      perPage(
        (row) =>
          row.label.startsWith('search') && row.label.includes(who) && !row.label.includes('national id'),
      );
    const lists = perPage((row) => row.label.startsWith('list'));
    console.log(
      `  In a province of ${en.format(p.members)} members (${vi.format(p.members)}), per page of ${PAGE}:`,
    );
    console.log(
      `    a name or phone search by an organization admin costs ${spread(searches(', province'))};`,
    );
    console.log(
      `    the same name searches by a commune officer cost ${spread(searches('commune officer'))};`,
    );
    console.log(`    a list (province, commune, branch, hamlet) costs ${spread(lists)}.`);
  }
  // Issue 13's goal, on the large province's full first pages of name and phone searches.
  for (const who of [', province', 'commune officer']) {
    const ratios = rows
      .filter((row) => row.page === 1 && row.label.startsWith('search') && row.label.includes(who))
      .flatMap((row) =>
        row.large && row.large.items === PAGE ? [{ row, ratio: row.large.itemsRead / PAGE }] : [],
      );
    const met = ratios.filter(({ ratio }) => ratio <= SEARCH_READS_GOAL);
    const worst = ratios.reduce((a, b) => (b.ratio > a.ratio ? b : a), ratios[0] ?? { row: null, ratio: 0 });
    console.log(
      `Search reads ÷ rows returned, full pages of searches${who === 'commune officer' ? ' by a commune officer' : ' by an admin'}: ` +
        `${met.length} of ${ratios.length} within ×${SEARCH_READS_GOAL} (goal: all)` +
        (worst.row
          ? `; the most: ×${worst.ratio.toFixed(1)} (${worst.row.organization}, ${worst.row.label})`
          : ''),
    );
  }
  const path = await writeResults('members-search', {
    emulator: 'DynamoDB Local, in memory, one per province',
    pageSize: PAGE,
    sizes: {
      small: { members: small.members, counts: small.counts },
      large: { members: large.members, counts: large.counts },
    },
    samples,
    rows,
  });
  console.log(`\nResults written to ${path}`);
}

/** "1–5 calls and 0.5–61.5 RCU (median 4.0 RCU, 37 items read)". */
function spread(measured: Measured[]): string {
  if (measured.length === 0) return 'nothing measured';
  const range = (values: number[], digits: number) => {
    const [low, high] = [Math.min(...values), Math.max(...values)];
    return low === high ? low.toFixed(digits) : `${low.toFixed(digits)}–${high.toFixed(digits)}`;
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const capacity = measured.map((m) => m.capacity);
  const read = measured.map((m) => m.itemsRead);
  const calls = range(
    measured.map((m) => m.calls),
    0,
  );
  return (
    `${calls} DynamoDB call${calls === '1' ? '' : 's'} and ${range(capacity, 1)} RCU ` +
    `(median ${median(capacity).toFixed(1)} RCU, ${en.format(median(read))} items read)`
  );
}
