/**
 * Where members are stored, and how they are found without a Scan (docs/data-model.md).
 *
 * - member `<t>#MEMBER#<id>` / `MEMBER`, with its history after admission `EVENT#<recordedAt>#<eventId>`
 *   in the same partition (the member keeps its admission); indexed (sorted the Vietnamese way, current and former members apart) by branch
 *   (GSI1), commune (GSI2), tenant (GSI3), phone (GSI4), card number (GSI5), birth year (GSI6),
 *   and by the common word of the name (GSI7, `NAME_WORD#<word>`: Nguyễn, Thị, Văn);
 * - one search entry per other name word `<t>#WORDS#<first letter>` / `<word>#<order>#<id>`, carrying
 *   what a result row shows and what filters need;
 * - a national-id guard `<t>#NATIONAL_ID#<keyed hash>`, whose conditional put makes the id unique;
 * - one entry per introduction to the Party `<t>#PARTY#<year introduced>` / `<commune>#<order>#<id>#<introduction>`,
 *   so who was introduced in a year is listed by commune without reading the members.
 */

import { mapConcurrently } from '../../concurrency.ts';
import { DomainError } from '../../domain/errors.ts';
import { historyOf } from '../../domain/members/history.ts';
import { isCurrent } from '../../domain/members/lifecycle.ts';
import {
  MEMBER_FIELDS,
  type Member,
  type MemberEvent,
  type MemberRatingLevel,
  type MemberSummary,
  memberSummarySchema,
  summaryOf,
} from '../../domain/members/member.ts';
import { commonWordsStartingWith, type MemberFilter, nameWords } from '../../domain/members/search.ts';
import { personOrderKey } from '../../domain/name-order.ts';
import {
  PARTY_ENTRY_FIELDS,
  type PartyIntroductionEntry,
  type PartyState,
} from '../../domain/party/party-introduction.ts';
import { estimatedWordShare } from '../../domain/vietnamese-names.ts';
import { ConditionFailedError, InvalidCursorError } from '../store-errors.ts';
import {
  type Item,
  type Key,
  keyString,
  type Page,
  type QueryFilter,
  type QueryOptions,
  type TenantTable,
} from '../table.ts';
import { Transaction } from '../transaction.ts';

const memberKey = (id: string): Key => ({ pk: `MEMBER#${id}`, sk: 'MEMBER' });
const nationalIdKey = (hash: string): Key => ({ pk: `NATIONAL_ID#${hash}`, sk: 'NATIONAL_ID' });
const guardItem = (memberId: string, hash: string): Item => ({
  entity: 'national_id',
  key: nationalIdKey(hash),
  data: { memberId },
});
const group = (member: Member) => (isCurrent(member.status) ? 'CURRENT' : 'FORMER');
const orderOf = (member: Member) => `${personOrderKey(member.fullName)}#${member.id}`;

function memberItem(member: Member): Item {
  const order = orderOf(member);
  const g = group(member);
  const words = nameWords(member.fullName);
  return {
    entity: 'member',
    key: memberKey(member.id),
    indexes: {
      GSI1: { pk: `BRANCH_MEMBERS#${g}#${member.branchId}`, sk: order },
      ...(member.communeId && { GSI2: { pk: `COMMUNE_MEMBERS#${g}#${member.communeId}`, sk: order } }),
      GSI3: { pk: `MEMBERS#${g}`, sk: order },
      ...(member.phone && { GSI4: { pk: 'PHONE', sk: `${member.phone}#${member.id}` } }),
      ...(member.cardNumber && { GSI5: { pk: 'CARD', sk: `${member.cardNumber}#${member.id}` } }),
      GSI6: { pk: `BIRTH_YEAR#${g}#${member.birthDate.slice(0, 4)}`, sk: order },
      ...(words.common && { GSI7: { pk: `NAME_WORD#${words.common}`, sk: order } }),
    },
    data: {
      ...member,
      current: isCurrent(member.status),
      nameWords: words.text,
      ...(words.common && { entryWords: words.entryText }),
    },
  };
}

function wordItems(member: Member): Item[] {
  const { entries, text } = nameWords(member.fullName);
  const order = orderOf(member);
  return entries.map(({ word, shared }) => ({
    entity: 'member_word',
    key: { pk: `WORDS#${word[0]}`, sk: `${word}#${order}` },
    data: {
      ...summaryOf(member),
      unitIds: member.unitIds,
      current: isCurrent(member.status),
      text,
      shared,
    },
  }));
}

/** One query of a search read in turn, named in the cursor by its tag. */
interface Phase {
  readonly tag: string;
  readonly query: Omit<QueryOptions, 'limit' | 'cursor'>;
}

/** Members outside any commune (the province's own branches) list first, under this mark. */
const NO_COMMUNE = '-';

function partyItems(member: Member): Item[] {
  const order = orderOf(member);
  return (member.partyIntroductions ?? []).map((introduction) => ({
    entity: 'party_introduction',
    key: {
      pk: `PARTY#${introduction.introducedOn.slice(0, 4)}`,
      sk: `${member.communeId ?? NO_COMMUNE}#${order}#${introduction.id}`,
    },
    data: {
      memberId: member.id,
      fullName: member.fullName,
      unitId: member.unitId,
      unitIds: member.unitIds,
      memberBranchId: member.branchId,
      ...introduction,
    },
  }));
}

/** Index entries that follow their record: those no longer wanted go, the new or changed are written. */
function replaceItems(tx: Transaction, before: readonly Item[], after: readonly Item[]): void {
  const keyOf = (item: Item) => `${item.key.pk}|${item.key.sk}`;
  const wanted = new Set(after.map(keyOf));
  for (const item of before) if (!wanted.has(keyOf(item))) tx.delete(item.key);
  if (JSON.stringify(before) !== JSON.stringify(after)) for (const item of after) tx.put(item);
}

function eventItem(memberId: string, event: MemberEvent): Item {
  return {
    entity: 'member_event',
    key: { pk: `MEMBER#${memberId}`, sk: `EVENT#${event.recordedAt}#${event.id}` },
    data: { ...event, memberId },
  };
}

/** The named fields of a stored item, absent ones as null: the item's bookkeeping stays behind. */
function fieldsOf<T>(stored: Record<string, unknown>, names: readonly string[]): T {
  return Object.fromEntries(names.map((name) => [name, stored[name] ?? null])) as T;
}

/** A member item's attribute naming the load that counted it (shared/figures/bulk-load.ts); never read back. */
export const COUNTED_BY_LOAD = 'countedByLoad';

const toMember = (stored: Record<string, unknown>) => fieldsOf<Member>(stored, MEMBER_FIELDS);

const SUMMARY_FIELDS = memberSummarySchema.keyof().options;

function toSummary(stored: Record<string, unknown>): MemberSummary {
  if ('nationalIdMasked' in stored) return fieldsOf<MemberSummary>(stored, SUMMARY_FIELDS);
  return summaryOf(toMember(stored));
}

export interface MemberChange {
  readonly before: Member;
  readonly after: Member;
  readonly event: MemberEvent | null;
}

export class MemberRepository {
  constructor(private readonly table: TenantTable) {}

  transaction(): Transaction {
    return new Transaction(this.table);
  }

  async get(id: string): Promise<Member | undefined> {
    const stored = await this.table.get(memberKey(id));
    return stored ? toMember(stored) : undefined;
  }

  /**
   * The member's history, oldest first: one Query of their partition reads the events recorded
   * and the member (sorted after them), who keeps how they came in.
   */
  async history(id: string): Promise<MemberEvent[]> {
    const events: MemberEvent[] = [];
    let member: Member | undefined;
    let cursor: string | undefined;
    do {
      const page = await this.table.query<Record<string, unknown>>({
        pk: memberKey(id).pk,
        limit: 200,
        cursor,
      });
      for (const stored of page.items) {
        if (stored.memberId === undefined) member = toMember(stored);
        else {
          const { memberId: _, ...event } = stored;
          events.push(event as MemberEvent);
        }
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return member ? historyOf(member, events) : events;
  }

  async idForNationalIdHash(hash: string): Promise<string | undefined> {
    return (await this.table.get<{ memberId: string }>(nationalIdKey(hash)))?.memberId;
  }

  /** The holders of many national ids at once (an import's rows), by keyed hash; ids nobody holds are left out. */
  async idsForNationalIdHashes(hashes: readonly string[]): Promise<Map<string, string>> {
    const found = await this.table.getMany<{ memberId: string }>(hashes.map(nationalIdKey), {
      consistent: true,
    });
    return new Map(
      hashes.flatMap((hash) => {
        const guard = found.get(keyString(nationalIdKey(hash)));
        return guard ? [[hash, guard.memberId] as const] : [];
      }),
    );
  }

  /**
   * Adds an admission to a transaction (the member keeps it: history.ts); a national id already in
   * use fails it with NATIONAL_ID_TAKEN.
   */
  create(tx: Transaction, member: Member): void {
    tx.put(memberItem(member), { exists: false });
    if (member.nationalId) this.claimNationalId(tx, member.id, member.nationalId.hash);
    for (const item of wordItems(member)) tx.put(item);
  }

  /**
   * Adds a change to a transaction. It applies only if nobody changed the member since `before`
   * was read (PRECONDITION_FAILED otherwise); index entries follow the new state.
   */
  save(tx: Transaction, { before, after, event }: MemberChange): void {
    tx.put(
      memberItem(after),
      { equals: { version: before.version } },
      () => new DomainError('PRECONDITION_FAILED'),
    );
    const oldHash = before.nationalId?.hash;
    const newHash = after.nationalId?.hash;
    if (oldHash !== newHash) {
      if (oldHash) tx.delete(nationalIdKey(oldHash), { equals: { memberId: before.id } });
      if (newHash) this.claimNationalId(tx, after.id, newHash);
    }
    replaceItems(tx, wordItems(before), wordItems(after));
    replaceItems(tx, partyItems(before), partyItems(after));
    if (event) tx.put(eventItem(after.id, event));
  }

  private claimNationalId(tx: Transaction, memberId: string, hash: string): void {
    tx.put(guardItem(memberId, hash), { exists: false }, () => new DomainError('NATIONAL_ID_TAKEN'));
  }

  /**
   * Claims the national ids of members about to be written in bulk, one conditional put each (a
   * batch write cannot be conditional): an id another member holds — taken since the import looked,
   * by an admission or another import — fails with NATIONAL_ID_TAKEN before any of them is
   * written. An id the same member already holds (an import sent again) is theirs.
   */
  async claimNationalIds(members: readonly Member[], concurrency: number): Promise<void> {
    const claims = members.flatMap((m) => (m.nationalId ? [{ id: m.id, hash: m.nationalId.hash }] : []));
    await mapConcurrently(claims, concurrency, async ({ id, hash }) => {
      try {
        await this.table.put(guardItem(id, hash), { exists: false });
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        if ((await this.idForNationalIdHash(hash)) !== id) throw new DomainError('NATIONAL_ID_TAKEN');
      }
    });
  }

  /** Members in a place, in Vietnamese name order; with `words`, those with a name word starting with each. */
  async list(
    filter: MemberFilter,
    limit: number,
    cursor?: string,
    words: readonly string[] = [],
  ): Promise<Page<MemberSummary>> {
    const g = filter.status === undefined || isCurrent(filter.status) ? 'CURRENT' : 'FORMER';
    const place = filter.place;
    const query: QueryOptions =
      place.kind === 'branch'
        ? { index: 'GSI1', pk: `BRANCH_MEMBERS#${g}#${place.branchId}` }
        : place.kind === 'commune'
          ? { index: 'GSI2', pk: `COMMUNE_MEMBERS#${g}#${place.communeId}` }
          : { index: 'GSI3', pk: `MEMBERS#${g}` };
    const within = place.kind === 'branch' ? undefined : place.withinUnitId;
    const contains = [
      ...words.map((word) => ['nameWords', ` ${word}`] as const),
      ...(within ? [['unitIds', within] as const] : []),
    ];
    const queryFilter: QueryFilter = {
      ...(filter.status && { equals: { status: filter.status } }),
      ...(contains.length > 0 && { contains }),
    };
    // One word, nothing else filtered: about the word's share of the place is kept.
    const keeps =
      words.length === 1 && !within && !filter.status ? estimatedWordShare(words[0] as string) : undefined;
    return this.summaries(await this.table.query({ ...query, filter: queryFilter, limit, cursor, keeps }));
  }

  /**
   * Members whose name has a word starting with `drive` and words starting with each of `others`:
   * those found through a search entry, then those found only through their common word.
   */
  async searchByWords(
    filter: MemberFilter,
    drive: string,
    others: readonly string[],
    limit: number,
    cursor?: string,
  ): Promise<Page<MemberSummary>> {
    const keeps = others.length === 0 ? keptOfTenant(filter) : undefined;
    const entries: Phase = {
      tag: 'e',
      query: {
        pk: `WORDS#${drive[0]}`,
        skBeginsWith: drive,
        filter: entryFilter(filter, {
          below: drive.length,
          contains: others.map((word) => ['text', ` ${word}`] as const),
        }),
        keeps,
      },
    };
    const commons = commonWordsStartingWith(drive).map(
      (word, n): Phase => ({
        tag: `w${n}`,
        query: {
          index: 'GSI7',
          pk: `NAME_WORD#${word}`,
          filter: {
            ...entryFilter(filter, { contains: others.map((other) => ['nameWords', ` ${other}`] as const) }),
            // Listed already through an entry whose word starts with `drive`.
            notContains: [['entryWords', ` ${drive}`]],
          },
          keeps,
        },
      }),
    );
    return this.inPhases([entries, ...commons], limit, cursor);
  }

  /** Members whose phone, then whose card number, starts with these digits. */
  async searchByDigits(
    filter: MemberFilter,
    digits: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<MemberSummary>> {
    const keeps = keptOfTenant(filter);
    return this.inPhases(
      [
        {
          tag: 'p',
          query: { index: 'GSI4', pk: 'PHONE', skBeginsWith: digits, filter: entryFilter(filter, {}), keeps },
        },
        {
          tag: 'c',
          query: {
            index: 'GSI5',
            pk: 'CARD',
            skBeginsWith: digits,
            // A member whose phone matched was listed in the first phase: not again for the card.
            filter: { ...entryFilter(filter, {}), notBeginsWith: { phone: digits } },
            keeps,
          },
        },
      ],
      limit,
      cursor,
    );
  }

  /**
   * One page over queries read one after another. The cursor names the query it goes on in,
   * "<tag>.<its cursor>", or "<tag>." to start a later one.
   */
  private async inPhases(
    phases: readonly Phase[],
    limit: number,
    cursor?: string,
  ): Promise<Page<MemberSummary>> {
    let phase = 0;
    let inner: string | undefined;
    if (cursor !== undefined) {
      phase = phases.findIndex(({ tag }) => cursor.startsWith(`${tag}.`));
      if (phase < 0) throw new InvalidCursorError();
      inner = cursor.slice((phases[phase] as Phase).tag.length + 1) || undefined;
      // The first query's start is no cursor at all: none was issued for it.
      if (phase === 0 && inner === undefined) throw new InvalidCursorError();
    }
    const items: MemberSummary[] = [];
    for (; phase < phases.length; phase++, inner = undefined) {
      const { tag, query } = phases[phase] as Phase;
      const page = await this.table.query({ ...query, limit: limit - items.length, cursor: inner });
      items.push(...page.items.map(toSummary));
      if (page.nextCursor) return { items, nextCursor: `${tag}.${page.nextCursor}` };
      const next = phases[phase + 1];
      if (items.length === limit) return { items, nextCursor: next ? `${next.tag}.` : null };
    }
    return { items, nextCursor: null };
  }

  /** Current members born in a year (the Youth Union's list of those coming of age). */
  async bornIn(
    year: number,
    filter: MemberFilter,
    limit: number,
    cursor?: string,
  ): Promise<Page<MemberSummary>> {
    return this.summaries(
      await this.table.query({
        index: 'GSI6',
        pk: `BIRTH_YEAR#CURRENT#${year}`,
        filter: entryFilter(filter, {}, false),
        limit,
        cursor,
      }),
    );
  }

  /**
   * Members of a branch, by id only, for moving them all (dissolving a branch; former members
   * too when the branch's unit is renumbered, as the map migration does).
   */
  async idsInBranch(
    branchId: string,
    limit: number,
    cursor?: string,
    which: 'CURRENT' | 'FORMER' = 'CURRENT',
  ): Promise<Page<string>> {
    const page = await this.table.query<Member>({
      index: 'GSI1',
      pk: `BRANCH_MEMBERS#${which}#${branchId}`,
      limit,
      cursor,
    });
    return { items: page.items.map((member) => member.id), nextCursor: page.nextCursor };
  }

  /**
   * Introductions to the Party made in a year, by commune then Vietnamese name order: in one
   * commune (`communeId`), and narrowed to a unit below it or to a state.
   */
  async partyIntroductions(
    year: number,
    place: { readonly communeId?: string; readonly withinUnitId?: string },
    state: PartyState | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<PartyIntroductionEntry>> {
    const page = await this.table.query<Record<string, unknown>>({
      pk: `PARTY#${year}`,
      ...(place.communeId && { skBeginsWith: `${place.communeId}#` }),
      filter: {
        ...(state && { equals: { state } }),
        ...(place.withinUnitId && { contains: [['unitIds', place.withinUnitId]] }),
      },
      limit,
      cursor,
    });
    return {
      items: page.items.map((stored) => fieldsOf<PartyIntroductionEntry>(stored, PARTY_ENTRY_FIELDS)),
      nextCursor: page.nextCursor,
    };
  }

  /** A branch's current members in name order, each with their rating of `year` (null: not rated). */
  async ratingsInBranch(
    branchId: string,
    year: string,
  ): Promise<{ memberId: string; fullName: string; level: MemberRatingLevel | null }[]> {
    const rows: { memberId: string; fullName: string; level: MemberRatingLevel | null }[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.table.query<Pick<Member, 'id' | 'fullName' | 'ratings'>>({
        index: 'GSI1',
        pk: `BRANCH_MEMBERS#CURRENT#${branchId}`,
        limit: 500,
        cursor,
      });
      for (const member of page.items)
        rows.push({ memberId: member.id, fullName: member.fullName, level: member.ratings?.[year] ?? null });
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return rows;
  }

  /** A branch's current members in name order, whole (a branch's review sheet shows and checks each). */
  async currentInBranch(branchId: string): Promise<Member[]> {
    const members: Member[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.table.query<Record<string, unknown>>({
        index: 'GSI1',
        pk: `BRANCH_MEMBERS#CURRENT#${branchId}`,
        limit: 500,
        cursor,
      });
      members.push(...page.items.map(toMember));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return members;
  }

  /**
   * Bulk load (demo seed, benchmark): unconditional writes of members their generator made unique.
   * `countedByLoad`: the load counts these members itself (shared/figures/bulk-load.ts), and the
   * member items say so, for the stream to pass their first records by.
   */
  async importMany(
    records: { member: Member; events: MemberEvent[] }[],
    options: { concurrency?: number; countedByLoad?: string; nationalIdsClaimed?: boolean } = {},
  ): Promise<void> {
    const marked = (item: Item): Item =>
      options.countedByLoad
        ? { ...item, data: { ...item.data, [COUNTED_BY_LOAD]: options.countedByLoad } }
        : item;
    const items = records.flatMap(({ member, events }) => [
      marked(memberItem(member)),
      ...wordItems(member),
      ...partyItems(member),
      ...(member.nationalId && !options.nationalIdsClaimed
        ? [guardItem(member.id, member.nationalId.hash)]
        : []),
      ...events.map((event) => eventItem(member.id, event)),
    ]);
    await this.table.putMany(items, options.concurrency);
  }

  private summaries(page: Page<Record<string, unknown>>): Page<MemberSummary> {
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
  }
}

/**
 * Most entries of a whole tenant are of current members, and nearly every name's word entry is
 * its own for the typed start: a tenant-wide search for current members keeps about this share
 * of what it reads (the generated province: ~0.9). Narrower searches keep an unknown share.
 */
const KEPT_OF_TENANT = 0.85;

function keptOfTenant(filter: MemberFilter): number | undefined {
  return filter.place.kind === 'tenant' && !filter.place.withinUnitId && !filter.status
    ? KEPT_OF_TENANT
    : undefined;
}

/** Filters on search entries and index items: place, status (current members by default), extra conditions. */
function entryFilter(
  filter: MemberFilter,
  extra: { below?: number; contains?: readonly (readonly [string, string])[] },
  statusFilter = true,
): QueryFilter {
  const place = filter.place;
  const contains: (readonly [string, string])[] = [...(extra.contains ?? [])];
  const equals: Record<string, unknown> = {};
  if (statusFilter) {
    if (filter.status) equals.status = filter.status;
    else equals.current = true;
  }
  if (place.kind === 'branch') equals.branchId = place.branchId;
  else if (place.kind === 'commune') contains.push(['unitIds', place.withinUnitId ?? place.communeId]);
  else if (place.withinUnitId) contains.push(['unitIds', place.withinUnitId]);
  return { equals, contains, ...(extra.below !== undefined && { below: { shared: extra.below } }) };
}
