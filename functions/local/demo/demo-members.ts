/**
 * Members of the demo province: generated (generate-members.ts) over each organization's branches
 * as the seed stored them, some women also farmers (shared-people.ts), checked and shaped like an
 * import (importedMember), and bulk-written, each chunk counted by the load itself as it goes
 * (shared/figures/bulk-load.ts): the figures are settled when the last chunk is written.
 * `npm start` runs this in the background; the benchmark runs it to fill its tables.
 *
 * Resumable: each organization keeps a plan item (`<t>#DEMO_MEMBERS` / `PLAN`) holding what the
 * generator needs to repeat itself exactly — the count, the day it called today, the recording
 * time, the branches — and how many members are written. Members are written in order, in chunks,
 * and the plan moves on after each chunk, so a stopped run resumes at the last finished chunk and
 * rewrites (identically: fixed ids, fixed keys) whatever the unfinished one had put.
 */
import { mapConcurrently, quietly } from '#shared/concurrency.ts';
import { logger } from '#shared/config/logger.ts';
import type { FullBranch } from '#shared/domain/branches.ts';
import { DEFAULT_ELIGIBILITY } from '#shared/domain/members/eligibility.ts';
import { historyOf } from '#shared/domain/members/history.ts';
import { type ImportContext, importedMember } from '#shared/domain/members/import-members.ts';
import type { Member, MemberEvent } from '#shared/domain/members/member.ts';
import { placementOf } from '#shared/domain/members/member-workspace.ts';
import { nameKeys } from '#shared/domain/members/search.ts';
import { ORGANIZATIONS, type Organization, tenantIdOf } from '#shared/domain/organizations.ts';
import { toTenantId } from '#shared/domain/tenant-id.ts';
import { type FullUnit, isValidOn } from '#shared/domain/units.ts';
import { createChangeApplier } from '#shared/figures/apply-changes.ts';
import { countLoadedMembers } from '#shared/figures/bulk-load.ts';
import type { NationalIdVault } from '#shared/privacy/national-id-vault.ts';
import { BranchRepository } from '#shared/store/repositories/branches.ts';
import { MemberRepository } from '#shared/store/repositories/members.ts';
import { ProvinceRepository } from '#shared/store/repositories/provinces.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import type { Table, TenantTable } from '#shared/store/table.ts';
import { type GeneratedMember, type GeneratorBranch, generateMembers } from './generate-members.ts';
import { DEMO_PROVINCE_ID } from './seed-demo-province.ts';
import { withFarmersAmongWomen } from './shared-people.ts';

/** The article's year: any fixed number would do, as long as a re-run uses the same one. */
export const DEMO_MEMBERS_SEED = 2020;

/** Who the history says recorded the demo members, and set the demo's targets: no person did. */
export const RECORDED_BY = { userId: 'demo-seed', username: 'demo.seed' };

const PLAN_KEY = { pk: 'DEMO_MEMBERS', sk: 'PLAN' };

interface Plan {
  readonly count: number;
  readonly written: number;
  readonly seed: number;
  /** YYYY-MM-DD: the generator's today. */
  readonly today: string;
  /** The members' creation and the events' recording time: part of the events' keys. */
  readonly at: string;
  /** The branches members were drawn over, in the generator's order. */
  readonly branchIds: readonly string[];
}

export interface DemoMembersProgress {
  readonly organization: Organization;
  /** Members written, this run and before, across all organizations. */
  readonly done: number;
  readonly total: number;
  /** Items this run wrote so far. */
  readonly items: number;
}

export interface ImportDemoMembersOptions {
  readonly table: Table;
  readonly vault: NationalIdVault;
  /** Members wanted per organization; an organization with more already keeps them. */
  readonly counts: Readonly<Record<Organization, number>>;
  readonly seed?: number;
  /** Used when an organization has no plan yet; an existing plan keeps its own. Default: now. */
  readonly today?: string;
  readonly at?: string;
  /** BatchWrite calls in flight. */
  readonly concurrency?: number;
  /** Members per checkpoint: what a stopped run may have to redo. */
  readonly chunkSize?: number;
  /** Checked between chunks: the run stops before the next one. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DemoMembersProgress) => void;
  /** Sees every member written this run, with its 1-based number in its organization. */
  readonly onMember?: (
    organization: Organization,
    n: number,
    generated: GeneratedMember,
    member: Member,
  ) => void;
  readonly witness?: DemoMembersWitness;
  /** Other members than the demo's own, from the same generator: the article's build (article/). */
  readonly shape?: DemoMembersShape;
  /**
   * Who counts the members in the figures: the load itself as it writes them (the default), or
   * the stream, as if officers had admitted them one by one (the stream's benchmark).
   */
  readonly countedBy?: 'load' | 'stream';
}

/**
 * Changes to what the generator gives, for a build that needs exact figures. A plan made with a
 * shape must be resumed with the same one: the members are numbered and written as shaped.
 */
export interface DemoMembersShape {
  /** Which of the organization's branches members are drawn over. */
  readonly branch?: (placed: PlacedBranch) => boolean;
  /** The generated members, one for one and in order: as many come out as went in. */
  readonly members?: (
    organization: Organization,
    generated: Iterable<GeneratedMember>,
  ) => Iterable<GeneratedMember>;
  /** The member as stored, given what a generated one does not carry (its introductions to the Party). */
  readonly stored?: (organization: Organization, n: number, member: Member) => Member;
}

/**
 * Told about every member of the plans, those an earlier run wrote included, as stored with its
 * history, and about each organization's branches: what the demo's figures are made from
 * (demo-figures.ts). Given one, the import replays finished plans too, writing nothing for them.
 */
export interface DemoMembersWitness {
  branches(organization: Organization, placed: readonly PlacedBranch[]): void;
  member(organization: Organization, member: Member, events: readonly MemberEvent[]): void;
}

export interface DemoMembersResult {
  /** Members of all organizations, written before or now. */
  readonly total: number;
  /** Members and items this run wrote. */
  readonly written: number;
  readonly items: number;
  readonly ms: number;
  readonly stopped: boolean;
}

/** A deterministic id, so a re-run overwrites a member rather than adding a twin. */
export function demoMemberId(organization: Organization, n: number): string {
  return `m-${organization}-${n}`;
}

export async function importDemoMembers(options: ImportDemoMembersOptions): Promise<DemoMembersResult> {
  const started = performance.now();
  const province = await new ProvinceRepository(options.table).get(DEMO_PROVINCE_ID);
  if (!province) throw new Error(`The demo province ${DEMO_PROVINCE_ID} is not seeded`);
  const now = new Date().toISOString();
  const tenants = ORGANIZATIONS.map((organization) => ({
    organization,
    table: options.table.forTenant(toTenantId(tenantIdOf(DEMO_PROVINCE_ID, organization))),
  }));

  // Every plan first, so the progress has its total from the start. A new plan walks the tree,
  // which the writing below reuses: on the disk-backed emulator a walk is thousands of reads.
  const walked = new Map<Organization, PlacedBranch[]>();
  const plans = await Promise.all(
    tenants.map(async ({ organization, table }) => {
      const wanted = options.counts[organization];
      const stored = await table.get<Plan>(PLAN_KEY);
      if (stored && stored.count >= wanted) return stored;
      if (!stored && wanted === 0) return undefined;
      let plan: Plan;
      if (stored) plan = { ...stored, count: wanted };
      else {
        const placed = await placedBranches(table, province.code);
        walked.set(organization, placed);
        plan = {
          count: wanted,
          written: 0,
          seed: options.seed ?? DEMO_MEMBERS_SEED,
          today: options.today ?? now.slice(0, 10),
          at: options.at ?? now,
          branchIds: placed
            .filter(
              (placed) =>
                placed.branch.status === 'active' &&
                isValidOn(placed.unit, now.slice(0, 10)) &&
                (options.shape?.branch?.(placed) ?? true),
            )
            .map(({ branch }) => branch.id)
            .sort(),
        };
      }
      await savePlan(table, plan);
      return plan;
    }),
  );
  const total = plans.reduce((sum, plan) => sum + (plan?.count ?? 0), 0);
  let done = plans.reduce((sum, plan) => sum + (plan?.written ?? 0), 0);
  let written = 0;
  let items = 0;
  const result = (stopped: boolean): DemoMembersResult => ({
    total,
    written,
    items,
    ms: performance.now() - started,
    stopped,
  });

  const treeOf = async (i: number) => {
    const { organization, table } = tenants[i] as (typeof tenants)[number];
    const tree = walked.get(organization) ?? (await placedBranches(table, province.code));
    walked.set(organization, tree);
    return tree;
  };
  // The branches each organization's members are drawn over, as its plan lists them.
  const branchesOf = async (i: number, plan: Plan) => {
    const organization = ORGANIZATIONS[i] as Organization;
    const tree = await treeOf(i);
    const placed = new Map(tree.map((p) => [p.branch.id, p]));
    return plan.branchIds.map((id): GeneratorBranch & { placed: PlacedBranch } => {
      const p = placed.get(id);
      if (!p) throw new Error(`The demo branch ${id} of ${organization} is gone`);
      return { id, unitId: p.unit.id, kind: p.branch.kind, place: p.place, placed: p };
    });
  };
  const FARMERS = ORGANIZATIONS.indexOf('farmers');
  const membersOf = async (i: number, plan: Plan): Promise<Iterable<GeneratedMember>> => {
    const organization = ORGANIZATIONS[i] as Organization;
    const members = generateMembers({
      organization,
      branches: await branchesOf(i, plan),
      count: plan.count,
      seed: plan.seed,
      today: plan.today,
      provinceName: province.name,
    });
    const farmers = plans[FARMERS];
    const paired =
      organization !== 'women' || !farmers
        ? members
        : withFarmersAmongWomen(members, (await membersOf(FARMERS, farmers))[Symbol.iterator]());
    return options.shape?.members?.(organization, paired) ?? paired;
  };

  const witness = options.witness;
  const applier = createChangeApplier(options.table, { log: logger });
  const countedBy = options.countedBy ?? 'load';
  for (const [i, { organization, table }] of tenants.entries()) {
    let plan = plans[i];
    if (!plan || (plan.written >= plan.count && !witness)) continue;
    options.onProgress?.({ organization, done, total, items });
    const branches = await branchesOf(i, plan);
    witness?.branches(organization, await treeOf(i));
    const ctx: ImportContext = {
      rules: DEFAULT_ELIGIBILITY[organization],
      cipher: await options.vault.cipherFor(table.tenant),
      recordedBy: RECORDED_BY,
      at: plan.at,
    };
    const members = new MemberRepository(table);
    // The plan's time names the load: a resumed or extended plan goes on counting where it was.
    const loadId = `DEMO_MEMBERS#${plan.at}`;
    const byId = new Map(branches.map((b) => [b.id, b.placed]));
    let chunk: { member: Member; events: MemberEvent[] }[] = [];
    let n = 0;
    /** The last member number the chunk being counted reaches, once counted. */
    let counted: Promise<number> | undefined;
    const moveOn = async () => {
      const upTo = await counted;
      counted = undefined;
      if (upTo === undefined || !plan) return;
      plan = { ...plan, written: upTo };
      await savePlan(table, plan);
    };
    for (const generated of await membersOf(i, plan)) {
      n += 1;
      // The generator is replayed from the start: members before the checkpoint are already in.
      if (n <= plan.written && !witness) continue;
      const home = byId.get(generated.branchId) as PlacedBranch;
      const imported = importedMember(
        generated,
        demoMemberId(organization, n),
        placementOf(home.branch, home.unit),
        ctx,
      );
      if (options.shape?.stored) imported.member = options.shape.stored(organization, n, imported.member);
      witness?.member(organization, imported.member, historyOf(imported.member, imported.events));
      if (n <= plan.written) continue;
      options.onMember?.(organization, n, generated, imported.member);
      chunk.push(imported);
      if (chunk.length < (options.chunkSize ?? 250) && n < plan.count) continue;
      if (options.signal?.aborted) {
        await moveOn();
        return result(true);
      }
      // Written while the chunk before is counted: one waits on batch writes, the other on
      // transactions. The plan moves on only over chunks both written and counted.
      await Promise.all([
        members.importMany(chunk, {
          concurrency: options.concurrency ?? 8,
          ...(countedBy === 'load' && { countedByLoad: loadId }),
        }),
        moveOn(),
      ]);
      const loaded = chunk.map((record, k) => ({ n: n - chunk.length + 1 + k, member: record.member }));
      const last = n;
      counted =
        countedBy === 'load'
          ? quietly(countLoadedMembers(applier, table.tenant, loadId, loaded).then(() => last))
          : Promise.resolve(last);
      written += chunk.length;
      done += chunk.length;
      items += chunk.reduce((sum, record) => sum + itemCount(record.member, record.events), 0);
      chunk = [];
      options.onProgress?.({ organization, done, total, items });
    }
    await moveOn();
  }
  return result(false);
}

/**
 * What importMany writes for one member: itself, a search entry per tail of the name, its id guard, an
 * entry per introduction to the Party, its events after admission.
 */
function itemCount(member: Member, events: readonly MemberEvent[]): number {
  const words = nameKeys(member.fullName).tails.length;
  return 1 + words + (member.nationalId ? 1 : 0) + (member.partyIntroductions?.length ?? 0) + events.length;
}

function savePlan(table: TenantTable, plan: Plan): Promise<void> {
  return table.put({ entity: 'demo_members_plan', key: PLAN_KEY, data: { ...plan } });
}

export interface PlacedBranch {
  readonly branch: FullBranch;
  readonly unit: FullUnit;
  /** "ấp Tân Hòa, xã Tân Hòa": where its members live, for their addresses. */
  readonly place: string;
}

/**
 * Every branch of the organization's tree, whatever its state, with the unit it sits in: the
 * province's communes and their hamlets, and each one's branches of every kind.
 */
export async function placedBranches(table: TenantTable, provinceUnitId: string): Promise<PlacedBranch[]> {
  const units = new UnitRepository(table);
  const branches = new BranchRepository(table);
  const communes = await units.allChildren(provinceUnitId);
  const hamlets = await mapConcurrently(communes, 8, (commune) => units.allChildren(commune.id));
  const places = communes.flatMap((commune, i) => {
    const communePlace = lowerFirst(commune.name);
    return [
      { unit: commune, place: communePlace },
      ...(hamlets[i] ?? []).map((unit) => ({ unit, place: `${lowerFirst(unit.name)}, ${communePlace}` })),
    ];
  });
  const perUnit = await mapConcurrently(places, 8, async ({ unit, place }) =>
    (await branches.allOfUnit(unit.id)).map((branch) => ({
      branch,
      unit,
      place,
    })),
  );
  return perUnit.flat();
}

/** "Ấp Tân Hòa" inside an address: "ấp Tân Hòa". */
function lowerFirst(name: string): string {
  return name.charAt(0).toLocaleLowerCase('vi') + name.slice(1);
}
