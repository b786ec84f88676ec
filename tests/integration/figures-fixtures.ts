/**
 * Fixtures for the figures tests: a province whose organizations have hamlets, and aggregate
 * items written straight into the table as the stream function would keep them (the readers are
 * tested apart from the writer). Counter names are spelled out here on purpose: they are the
 * contract between the two.
 */

import { createApp } from '../../functions/api/app.ts';
import { onboardProvince } from '../../shared/domain/onboard-province.ts';
import { onboardProvinceSchema } from '../../shared/domain/provinces.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { createDocumentClient } from '../../shared/store/dynamodb-client.ts';
import { ProvinceRepository } from '../../shared/store/repositories/provinces.ts';
import { Table } from '../../shared/store/table.ts';
import { vietnamDayClock } from '../setup/clock.ts';
import { provinceBody, seedUnits, TEST_COMMUNES, type TestApp, testHamlet } from '../setup/test-app.ts';

export const ORGS = ['farmers', 'women', 'veterans', 'youth'] as const;
export type Org = (typeof ORGS)[number];

/**
 * The clock of the figures tests' apps (createTestApp({ clock: FIGURES_CLOCK.clock })), made when
 * the file loads so that TODAY and its YEAR, which ages and target years follow, are the server's.
 */
export const FIGURES_CLOCK = vietnamDayClock();
export const TODAY = FIGURES_CLOCK.today;
export const YEAR = Number(TODAY.slice(0, 4));
export const LAST = YEAR - 1;
/** Last year's end: the day the end-to-end tests snapshot, to read and compare the past with. */
export const YEAR_END = `${LAST}-12-31`;

/**
 * When figuresProvince's provinces came on the platform: the day their unit tree starts, so that
 * tests may snapshot the past days they read (a snapshot before onboarding is refused).
 */
export const ONBOARDED_AT = new Date('2025-07-01T08:00:00+07:00');

/**
 * Onboards `id` (province 82, communes 28249 and 28261) as of ONBOARDED_AT and puts hamlets
 * 28261-01, 28261-02, 28249-01 and 28249-02 in its map; 28249-02 is where only the women's union
 * has a branch, the others have none there.
 */
export async function figuresProvince(t: TestApp, id: string): Promise<void> {
  await onboardProvince(
    new ProvinceRepository(t.deps.table),
    onboardProvinceSchema.parse(provinceBody(id, { code: '82', communes: TEST_COMMUNES })),
    ONBOARDED_AT,
  );
  // The map is the province's: seeded once, through any of its tenants.
  await seedUnits(t, `${id}:front`, [
    testHamlet('28261-01', '28261', 'Khóm 1'),
    testHamlet('28261-02', '28261', 'Khóm 2'),
    testHamlet('28249-01', '28249', 'Ấp Bình Tạo'),
    testHamlet('28249-02', '28249', 'Ấp Mới'),
  ]);
}

export type Counts = Record<string, number>;

/** The units above one of the fixture's units: hamlets sit in a commune, communes in province 82. */
export function ancestorsOf(unitId: string): string[] {
  if (unitId === '82') return [];
  const dash = unitId.indexOf('-');
  return dash < 0 ? ['82'] : ['82', unitId.slice(0, dash)];
}

/**
 * Writes the aggregate items of a tenant from what each unit holds itself: every count is added
 * to the unit and all its ancestors (aggregates are subtree totals), then each item is put whole.
 */
export async function writeAggregates(
  t: TestApp,
  tenant: string,
  own: Record<string, Counts>,
  sk = 'CURRENT',
): Promise<void> {
  const totals = new Map<string, Counts>();
  for (const [unitId, counts] of Object.entries(own)) {
    for (const id of [unitId, ...ancestorsOf(unitId)]) {
      const total = totals.get(id) ?? {};
      for (const [name, value] of Object.entries(counts)) total[name] = (total[name] ?? 0) + value;
      totals.set(id, total);
    }
  }
  await t.deps.table.forTenant(toTenantId(tenant)).putMany(
    [...totals].map(([unitId, counts]) => ({
      entity: 'aggregate',
      key: { pk: `AGG#${unitId}`, sk },
      data: counts,
    })),
  );
}

/** Multiplies every count: the same figures for a province ten times as big. */
export function scaled(own: Record<string, Counts>, factor: number): Record<string, Counts> {
  return Object.fromEntries(
    Object.entries(own).map(([unitId, counts]) => [
      unitId,
      Object.fromEntries(Object.entries(counts).map(([name, value]) => [name, value * factor])),
    ]),
  );
}

/**
 * Current members of one unit: `active`, `away`, `lapsed`, `ages` (age this year → how many,
 * written as `born_<yyyy>`) and any other counter by its stored name.
 */
export function members(spec: {
  [counter: string]: number | Record<number, number> | undefined;
  ages?: Record<number, number>;
}): Counts {
  const {
    active = 0,
    away = 0,
    lapsed = 0,
    ages = {},
    ...rest
  } = spec as Counts & { ages?: Record<number, number> };
  const counts: Counts = {
    members_active: active,
    members_away: away,
    members_lapsed: lapsed,
    ...(rest as Counts),
  };
  for (const [age, n] of Object.entries(ages)) counts[`born_${YEAR - Number(age)}`] = n;
  return counts;
}

export interface SentCommand {
  readonly name: string;
  readonly input: Record<string, unknown>;
  /** Items a query or scan read, filtered out or not (its ScannedCount), once answered. */
  scanned?: number;
}

/**
 * The same app over a client that records every DynamoDB command it sends: a request's reads
 * are what it costs.
 */
export function countingApp(t: TestApp) {
  const client = createDocumentClient({ endpoint: t.env.DYNAMODB_ENDPOINT, region: t.env.AWS_REGION });
  const sent: SentCommand[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command: SentCommand = {
        name: String(context.commandName),
        input: args.input as Record<string, unknown>,
      };
      sent.push(command);
      const result = await next(args);
      command.scanned = (result.output as { ScannedCount?: number }).ScannedCount;
      return result;
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  const app = createApp({ ...t.deps, table: new Table(client, t.env.TABLE_NAME) });
  const request = async (path: string, token: string) => {
    sent.length = 0;
    const response = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
    return { response, commands: [...sent] };
  };
  return { request };
}

/** Every key value a command names (partition keys of gets and queries), to prove what was read. */
export function keysNamed(command: SentCommand): string[] {
  return JSON.stringify(command.input).match(/"[^"]*#[^"]*"/g) ?? [];
}
