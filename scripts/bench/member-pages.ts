/**
 * The web admin's member list against the API call it wraps, in the same province and the same
 * run: each request is timed as GET /api/v1/members?… and as GET /members?…, alternately and in
 * turn first (API-page, page-API, …) so neither is always the one after, many times, and the
 * medians are compared. A request of ten milliseconds against DynamoDB Local now and then takes
 * three times as long (its JVM collecting): with many rounds the median is not one of those.
 * The page reads the same page of members through the same use case and draws it; the target is
 * a page within 1.5× the API's time.
 */
import { DEMO_COMMUNE } from '#functions/local/demo/seed-demo-province.ts';
import type { Organization } from '#shared/domain/organizations.ts';
import { PAGE } from './members-search.ts';
import type { Reading } from './meter.ts';
import { en, printTable, writeResults } from './print.ts';
import type { BenchProvince } from './province.ts';
import { call, pageGet } from './session.ts';
import { median, timed } from './timing.ts';

const ROUNDS = 31;
/** The member list of the province's largest organization. */
const ORGANIZATION: Organization = 'farmers';

interface Probe {
  readonly label: string;
  readonly as: 'admin' | 'officer';
  readonly query: Record<string, string>;
}

const PROBES: readonly Probe[] = [
  { label: 'list: province', as: 'admin', query: {} },
  { label: `list: commune (${DEMO_COMMUNE.name})`, as: 'admin', query: { unitId: DEMO_COMMUNE.code } },
  { label: 'search "nguyen van an", province', as: 'admin', query: { q: 'nguyen van an' } },
  { label: 'search "tran thi", province', as: 'admin', query: { q: 'tran thi' } },
  { label: 'search "an", commune officer', as: 'officer', query: { q: 'an', unitId: DEMO_COMMUNE.code } },
];

export interface PageVsApi {
  readonly label: string;
  readonly apiMs: number;
  readonly pageMs: number;
  readonly pageBytes: number;
  /** This process's CPU time per request (user + system), the app's own work: the wall time also
   * holds DynamoDB Local's, and whatever else the machine's two cores are doing meanwhile. */
  readonly apiCpuMs: number;
  readonly pageCpuMs: number;
  /** DynamoDB calls of one request of each, and the items they read. */
  readonly apiReading: Reading;
  readonly pageReading: Reading;
}

const collectGarbage = () => {
  if (typeof globalThis.gc !== 'function') throw new Error('npm run bench runs node with --expose-gc');
  globalThis.gc();
};

export async function measureMemberPages(p: BenchProvince): Promise<PageVsApi[]> {
  const results: PageVsApi[] = [];
  for (const probe of PROBES) {
    // What the import and the recount before left behind is collected now, not during the
    // timed requests (a page allocates more than the API call, so it would pay more of it): a
    // function serving pages does not hold a province's import in its heap.
    collectGarbage();
    const username = probe.as === 'admin' ? `${ORGANIZATION}.admin` : `${ORGANIZATION}.mytho`;
    const query = new URLSearchParams({ ...probe.query, limit: String(PAGE) });
    const api: number[] = [];
    const page: number[] = [];
    const apiCpu: number[] = [];
    const pageCpu: number[] = [];
    let pageBytes = 0;
    // One of each first, untimed, so neither pays for warming caches the other then uses, then
    // one of each counted: what the timed ones ask of the store.
    await call(p, username, `/api/v1/members?${query}`);
    await pageGet(p, username, `/members?${query}`);
    p.meter.take();
    await call(p, username, `/api/v1/members?${query}`);
    const apiReading = p.meter.take();
    await pageGet(p, username, `/members?${query}`);
    const pageReading = p.meter.take();
    const timeApi = async () => {
      const answered = await timed(() => call(p, username, `/api/v1/members?${query}`));
      api.push(answered.ms);
      apiCpu.push(answered.cpuMs);
    };
    const timePage = async () => {
      const drawn = await timed(() => pageGet(p, username, `/members?${query}`));
      page.push(drawn.ms);
      pageCpu.push(drawn.cpuMs);
      pageBytes = Buffer.byteLength(drawn.value);
    };
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) {
        await timeApi();
        await timePage();
      } else {
        await timePage();
        await timeApi();
      }
    }
    results.push({
      label: probe.label,
      apiMs: median(api),
      pageMs: median(page),
      pageBytes,
      apiCpuMs: median(apiCpu),
      pageCpuMs: median(pageCpu),
      apiReading,
      pageReading,
    });
  }
  return results;
}

const readingOf = (reading: Reading) => `${reading.calls} (${en.format(reading.itemsRead)})`;

export async function reportMemberPages(
  size: string,
  members: number,
  results: readonly PageVsApi[],
): Promise<void> {
  console.log(
    `\nThe member list page vs the API call it wraps, ${en.format(members)} members, ${ORGANIZATION} (median of ${ROUNDS}, alternating, each first in turn; target ≤ ×1.5)`,
  );
  printTable([
    [
      'request',
      'API ms',
      'page ms',
      'page ÷ API',
      'API CPU ms',
      'page CPU ms',
      'CPU page ÷ API',
      'page HTML',
      'calls (items) API / page',
    ],
    ...results.map((r) => [
      r.label,
      r.apiMs.toFixed(1),
      r.pageMs.toFixed(1),
      `×${(r.pageMs / r.apiMs).toFixed(2)}`,
      r.apiCpuMs.toFixed(1),
      r.pageCpuMs.toFixed(1),
      `×${(r.pageCpuMs / r.apiCpuMs).toFixed(2)}`,
      `${en.format(Math.round(r.pageBytes / 1024))} KB`,
      `${readingOf(r.apiReading)} / ${readingOf(r.pageReading)}`,
    ]),
  ]);
  const path = await writeResults(`member-pages-${size}`, {
    members,
    organization: ORGANIZATION,
    rounds: ROUNDS,
    results: results.map((r) => ({
      ...r,
      ratio: Math.round((r.pageMs / r.apiMs) * 100) / 100,
      cpuRatio: Math.round((r.pageCpuMs / r.apiCpuMs) * 100) / 100,
    })),
  });
  console.log(`Results written to ${path}`);
}
