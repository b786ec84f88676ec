/**
 * What the API adds to the one read behind `GET /api/v1/members/{id}`, in process (issue 13: at
 * most 1.5× the raw call): the request through the app — the token checked, the caller's scope,
 * the member read, its view — against a raw GetItem of the same item through the same document
 * client, taking turns, medians of BENCH_API_ROUNDS (default 400) after a warm-up of each.
 *
 *   BENCH_ONLY=api npm run bench        (a province of 1,000 members; in a full run, the small one)
 */
// biome-ignore lint/style/noRestrictedImports: the yardstick is a raw GetItem, without our store.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { demoMemberId } from '#functions/local/demo/demo-members.ts';
import { DEMO_PROVINCE_ID } from '#functions/local/demo/seed-demo-province.ts';
import { tenantIdOf } from '#shared/domain/organizations.ts';
import { en, printTable, writeResults } from './print.ts';
import type { BenchProvince } from './province.ts';
import { call } from './session.ts';
import { median, timed } from './timing.ts';

const ROUNDS = Number(process.env.BENCH_API_ROUNDS ?? 400);
const WARM_UP = 30;
const GOAL = 1.5;

export interface ApiOverhead {
  readonly members: number;
  readonly rounds: number;
  readonly apiMs: number;
  readonly rawMs: number;
  readonly apiCpuMs: number;
  readonly rawCpuMs: number;
  /** DynamoDB calls of one warm API request. */
  readonly calls: number;
}

export async function measureApiOverhead(p: BenchProvince, members: number): Promise<ApiOverhead> {
  const id = demoMemberId('farmers', 1);
  const path = `/api/v1/members/${id}`;
  // The member item's key as stored (docs/data-model.md): the yardstick reads it without our store.
  const raw = new GetCommand({
    TableName: p.table.tableName,
    Key: { PK: `${tenantIdOf(DEMO_PROVINCE_ID, 'farmers')}#MEMBER#${id}`, SK: 'MEMBER' },
  });
  const readRaw = async () => {
    const { Item } = await p.client.send(raw);
    if (!Item) throw new Error(`${id} is not stored`);
  };
  const readApi = () => call(p, 'farmers.admin', path);
  for (let i = 0; i < WARM_UP; i++) {
    await readApi();
    await readRaw();
  }
  p.meter.take();
  await readApi();
  const { calls } = p.meter.take();
  const api = { ms: [] as number[], cpu: [] as number[] };
  const rawTimes = { ms: [] as number[], cpu: [] as number[] };
  const time = async (into: typeof api, work: () => Promise<unknown>) => {
    const t = await timed(work);
    into.ms.push(t.ms);
    into.cpu.push(t.cpuMs);
  };
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      await time(api, readApi);
      await time(rawTimes, readRaw);
    } else {
      await time(rawTimes, readRaw);
      await time(api, readApi);
    }
  }
  p.meter.take();
  return {
    members,
    rounds: ROUNDS,
    apiMs: median(api.ms),
    rawMs: median(rawTimes.ms),
    apiCpuMs: median(api.cpu),
    rawCpuMs: median(rawTimes.cpu),
    calls,
  };
}

export async function reportApiOverhead(result: ApiOverhead): Promise<void> {
  const ratio = result.apiMs / result.rawMs;
  console.log(
    `\nGET /api/v1/members/{id} in process vs a raw GetItem of the member, ${en.format(result.members)} members ` +
      `(median of ${result.rounds}, taking turns; goal ≤ ×${GOAL})`,
  );
  printTable([
    ['call', 'wall', '÷ raw', 'CPU', '÷ raw'],
    [
      'raw GetItem (document client)',
      `${result.rawMs.toFixed(2)} ms`,
      '×1.00',
      `${result.rawCpuMs.toFixed(2)} ms`,
      '×1.00',
    ],
    [
      'GET /api/v1/members/{id}',
      `${result.apiMs.toFixed(2)} ms`,
      `×${ratio.toFixed(2)}`,
      `${result.apiCpuMs.toFixed(2)} ms`,
      `×${(result.apiCpuMs / result.rawCpuMs).toFixed(2)}`,
    ],
  ]);
  console.log(
    `API overhead ×${ratio.toFixed(2)} the raw call (goal ≤ ×${GOAL}: ${ratio <= GOAL ? 'met' : 'NOT met'})`,
  );
  console.log(`Results written to ${await writeResults('api-overhead', { ...result, ratio, goal: GOAL })}`);
}
