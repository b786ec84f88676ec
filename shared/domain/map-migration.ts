/**
 * Planning the move from one unit tree per organization to one map per province (issue 10), pure
 * so it is tested without a table. Units above hamlets carry official codes and are matched by id;
 * hamlets have none, so they are matched by commune and folded name ("Ấp Mỹ Phú" = "ấp my phu").
 * Each matched hamlet gets one map id; organizations whose id differs get a renaming. What a
 * person must decide (near-duplicates, ids naming two places, disagreeing dates) is listed, never
 * guessed away: the plan still merges only exact folded-name matches.
 */
import { createHash } from 'node:crypto';
import { hamletId, hamletNumber } from './unit-rules.ts';
import type { FormerName, FullUnit } from './units.ts';
import { foldVietnamese } from './vietnamese-text.ts';

export interface OrganizationTree {
  readonly tenant: string;
  /** The organization's whole old tree, closed units included. */
  readonly units: readonly FullUnit[];
}

export interface HamletVersion {
  readonly tenant: string;
  readonly id: string;
  readonly name: string;
}

export type MigrationConflict =
  /** A unit with an official code stored differently by organizations; the map keeps the first. */
  | { readonly kind: 'unit_differs'; readonly unitId: string; readonly versions: readonly HamletVersion[] }
  /** Two hamlets of a commune whose names are nearly the same: perhaps one place typed twice. */
  | {
      readonly kind: 'near_duplicate';
      readonly communeId: string;
      readonly hamlets: readonly [{ id: string; name: string }, { id: string; name: string }];
    }
  /** One old id naming different places in different organizations: all but one are renumbered. */
  | {
      readonly kind: 'id_reused';
      readonly oldId: string;
      readonly places: readonly (HamletVersion & { readonly mapId: string })[];
    }
  /** One place whose dates or successor disagree between organizations; the map keeps the widest. */
  | {
      readonly kind: 'validity_differs';
      readonly mapId: string;
      readonly versions: readonly (HamletVersion & Pick<FullUnit, 'validFrom' | 'validTo' | 'successorId'>)[];
    };

export interface MapPlan {
  /** Units the map lacks, parents before children. */
  readonly newUnits: FullUnit[];
  /** Per tenant, old hamlet id → map id, only where they differ. */
  readonly renamings: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly conflicts: MigrationConflict[];
}

const LEVEL_ORDER = { province: 0, district: 1, commune: 2, hamlet: 3 } as const;

interface Group {
  readonly communeId: string;
  readonly folded: string;
  readonly members: { tenant: string; unit: FullUnit }[];
  mapId?: string;
  existing?: FullUnit;
}

/**
 * The map a province's organizations' trees make, given what the map holds already (a re-run
 * after a partial or complete migration matches every hamlet to the map unit it wrote, so the
 * plan of a migrated province has nothing new and renames as before).
 */
export function planMapMigration(trees: readonly OrganizationTree[], map: readonly FullUnit[]): MapPlan {
  const conflicts: MigrationConflict[] = [];
  const mapById = new Map(map.map((unit) => [unit.id, unit]));
  const newUnits: FullUnit[] = [];

  // Units with official codes: the same id is the same unit everywhere.
  const coded = new Map<string, { tenant: string; unit: FullUnit }[]>();
  for (const { tenant, units } of trees)
    for (const unit of units)
      if (unit.level !== 'hamlet') coded.set(unit.id, [...(coded.get(unit.id) ?? []), { tenant, unit }]);
  for (const [id, versions] of coded) {
    const kept = mapById.get(id) ?? versions[0]?.unit;
    if (!kept) continue;
    if (versions.some(({ unit }) => !sameUnit(unit, kept)))
      conflicts.push({
        kind: 'unit_differs',
        unitId: id,
        versions: versions.map(({ tenant, unit }) => ({ tenant, id, name: unit.name })),
      });
    if (!mapById.has(id)) {
      newUnits.push({ ...kept, version: 1 });
      mapById.set(id, kept);
    }
  }

  const groups = hamletGroups(trees, map);
  assignIds(groups, trees, map);
  const renamings = new Map<string, Map<string, string>>(trees.map(({ tenant }) => [tenant, new Map()]));
  for (const group of groups)
    for (const { tenant, unit } of group.members)
      if (unit.id !== group.mapId) renamings.get(tenant)?.set(unit.id, group.mapId as string);

  for (const group of groups) {
    if (group.existing) continue;
    const commune = mapById.get(group.communeId);
    newUnits.push(mergedHamlet(group, commune, renamings, conflicts));
  }
  conflicts.push(...reusedIds(groups), ...nearDuplicates(groups));
  newUnits.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  return { newUnits, renamings, conflicts };
}

function sameUnit(a: FullUnit, b: FullUnit): boolean {
  return (
    foldVietnamese(a.name) === foldVietnamese(b.name) &&
    a.parentId === b.parentId &&
    a.level === b.level &&
    a.validTo === b.validTo
  );
}

/** Hamlets grouped by commune and folded name, in a stable order (commune, then name). */
function hamletGroups(trees: readonly OrganizationTree[], map: readonly FullUnit[]): Group[] {
  const groups = new Map<string, Group>();
  const groupOf = (communeId: string, name: string): Group => {
    const folded = foldVietnamese(name);
    const id = `${communeId}\u0000${folded}`;
    let group = groups.get(id);
    if (!group) {
      group = { communeId, folded, members: [] };
      groups.set(id, group);
    }
    return group;
  };
  for (const unit of map)
    if (unit.level === 'hamlet' && unit.parentId) {
      const group = groupOf(unit.parentId, unit.name);
      group.existing = unit;
      group.mapId = unit.id;
    }
  for (const { tenant, units } of trees)
    for (const unit of units)
      if (unit.level === 'hamlet' && unit.parentId)
        groupOf(unit.parentId, unit.name).members.push({ tenant, unit });
  return [...groups.values()]
    .filter((group) => group.members.length > 0 || group.existing)
    .sort((a, b) => compare(a.communeId, b.communeId) || compare(a.folded, b.folded));
}

/**
 * Map ids: the map's own where it has the place; else an old id of the group that no other place
 * uses (in any organization or the map), the most shared first; else a fresh number beyond every
 * number used in the commune. So an id kept never names two places, and no organization's
 * renaming ends on an id it still uses for another place (renamings need no order).
 */
function assignIds(groups: Group[], trees: readonly OrganizationTree[], map: readonly FullUnit[]): void {
  const placesOfId = new Map<string, Set<Group>>();
  const taken = new Set(map.map((unit) => unit.id));
  for (const group of groups) {
    for (const { unit } of group.members)
      placesOfId.set(unit.id, new Set([...(placesOfId.get(unit.id) ?? []), group]));
    if (group.existing)
      placesOfId.set(group.existing.id, new Set([...(placesOfId.get(group.existing.id) ?? []), group]));
  }
  const highest = new Map<string, number>();
  for (const id of [...map.map((u) => u.id), ...trees.flatMap((t) => t.units.map((u) => u.id))]) {
    const communeId = id.slice(0, id.lastIndexOf('-'));
    const n = hamletNumber(communeId, id);
    if (n !== null) highest.set(communeId, Math.max(highest.get(communeId) ?? 0, n));
  }
  const deferred: Group[] = [];
  for (const group of groups) {
    if (group.mapId) continue;
    const uses = new Map<string, number>();
    for (const { unit } of group.members) uses.set(unit.id, (uses.get(unit.id) ?? 0) + 1);
    const candidate = [...uses.entries()]
      .sort(([a, n], [b, m]) => m - n || compare(a, b))
      .map(([id]) => id)
      .find((id) => !taken.has(id) && placesOfId.get(id)?.size === 1);
    if (candidate) {
      group.mapId = candidate;
      taken.add(candidate);
    } else deferred.push(group);
  }
  // Fresh numbers come last, so they never take an id a later group could have kept.
  for (const group of deferred) {
    const n = (highest.get(group.communeId) ?? 0) + 1;
    highest.set(group.communeId, n);
    group.mapId = hamletId(group.communeId, n);
  }
}

/** One hamlet from a group's versions: the widest validity, successors renamed to map ids. */
function mergedHamlet(
  group: Group,
  commune: FullUnit | undefined,
  renamings: ReadonlyMap<string, ReadonlyMap<string, string>>,
  conflicts: MigrationConflict[],
): FullUnit {
  const versions = group.members.map(({ tenant, unit }) => ({
    tenant,
    unit,
    successorId: unit.successorId && (renamings.get(tenant)?.get(unit.successorId) ?? unit.successorId),
  }));
  const first = versions[0] as (typeof versions)[number];
  const distinct = (values: (string | null)[]) => new Set(values).size;
  if (
    distinct(versions.map((v) => v.unit.validFrom)) > 1 ||
    distinct(versions.map((v) => v.unit.validTo)) > 1 ||
    distinct(versions.map((v) => v.successorId)) > 1
  )
    conflicts.push({
      kind: 'validity_differs',
      mapId: group.mapId as string,
      versions: versions.map(({ tenant, unit, successorId }) => ({
        tenant,
        id: unit.id,
        name: unit.name,
        validFrom: unit.validFrom,
        validTo: unit.validTo,
        successorId,
      })),
    });
  const open = versions.some((v) => v.unit.validTo === null);
  const formerNames = new Map<string, FormerName>();
  for (const { unit } of versions)
    for (const former of unit.formerNames)
      formerNames.set(`${foldVietnamese(former.name)}|${former.validFrom}`, former);
  return {
    ...first.unit,
    id: group.mapId as string,
    parentId: group.communeId,
    ancestorIds: commune ? [...commune.ancestorIds, commune.id] : first.unit.ancestorIds,
    validFrom: versions.map((v) => v.unit.validFrom).sort()[0] as string,
    validTo: open
      ? null
      : (versions
          .map((v) => v.unit.validTo as string)
          .sort()
          .at(-1) as string),
    successorId: open ? null : (versions.find((v) => v.successorId)?.successorId ?? null),
    formerNames: [...formerNames.values()].sort((a, b) => compare(a.validFrom, b.validFrom)),
    version: 1,
  };
}

function reusedIds(groups: readonly Group[]): MigrationConflict[] {
  const byOldId = new Map<string, (HamletVersion & { mapId: string; group: Group })[]>();
  for (const group of groups)
    for (const { tenant, unit } of group.members)
      byOldId.set(unit.id, [
        ...(byOldId.get(unit.id) ?? []),
        { tenant, id: unit.id, name: unit.name, mapId: group.mapId as string, group },
      ]);
  return [...byOldId.entries()]
    .filter(([, places]) => new Set(places.map((p) => p.group)).size > 1)
    .map(([oldId, places]) => ({
      kind: 'id_reused' as const,
      oldId,
      places: places.map(({ group: _, ...place }) => place),
    }));
}

function nearDuplicates(groups: readonly Group[]): MigrationConflict[] {
  const found: MigrationConflict[] = [];
  const byCommune = new Map<string, Group[]>();
  for (const group of groups)
    byCommune.set(group.communeId, [...(byCommune.get(group.communeId) ?? []), group]);
  for (const [communeId, hamlets] of byCommune)
    hamlets.forEach((a, i) => {
      for (const b of hamlets.slice(i + 1))
        if (nearlySameName(a.folded, b.folded))
          found.push({
            kind: 'near_duplicate',
            communeId,
            hamlets: [
              { id: a.mapId as string, name: displayName(a) },
              { id: b.mapId as string, name: displayName(b) },
            ],
          });
    });
  return found;
}

function displayName(group: Group): string {
  return group.existing?.name ?? group.members[0]?.unit.name ?? group.folded;
}

/** Folded names one typo apart, or the same once the hamlet word is dropped and numbers read as digits. */
export function nearlySameName(a: string, b: string): boolean {
  return a !== b && (editDistanceAtMostOne(a, b) || coreName(a) === coreName(b));
}

const HAMLET_WORDS = /^(ap|khom|thon|to dan pho|to|xom|khu pho)\s+/;
const DIGITS: Record<string, number> = {
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  lam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
};

/** "ap muoi mot" → "11", "khom 3" → "3", "ap my phu" → "my phu". */
function coreName(folded: string): string {
  const rest = folded.replace(HAMLET_WORDS, '');
  const words = rest.split(' ');
  if (!words.every((word) => word === 'muoi' || word in DIGITS)) return rest;
  // Vietnamese numbers up to 99: [tens] mười [units], "mười" alone for ten.
  const tensAt = words.indexOf('muoi');
  if (tensAt < 0) return words.length === 1 ? String(DIGITS[words[0] as string]) : rest;
  const tens = tensAt === 0 ? 1 : (DIGITS[words[0] as string] ?? 0);
  const units = words[tensAt + 1] === undefined ? 0 : (DIGITS[words[tensAt + 1] as string] ?? 0);
  return String(tens * 10 + units);
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What the old trees are, in a stable form: a migration recorded for it is not run again. */
export function oldLayoutFingerprint(trees: readonly OrganizationTree[]): string {
  const stable = JSON.stringify(
    [...trees]
      .sort((a, b) => compare(a.tenant, b.tenant))
      .map(({ tenant, units }) => [tenant, [...units].map((u) => `${u.id}@${u.version}`).sort()]),
  );
  return createHash('sha256').update(stable).digest('hex');
}
