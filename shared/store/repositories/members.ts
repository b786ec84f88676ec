/**
 * Where members are stored, and how they are found without a Scan (docs/data-model.md).
 *
 * - member `<t>#MEMBER#<id>` / `MEMBER`, with its history after admission `EVENT#<recordedAt>#<eventId>`
 *   in the same partition (the member keeps its admission); indexed (sorted the Vietnamese way, current and former members apart) by branch
 *   (GSI1), commune (GSI2), tenant (GSI3), phone (GSI4), card number (GSI5), birth year (GSI6),
 *   and birth year with the given name first (GSI7, `GIVEN_YEAR#<year>`: "Ánh 1985");
 * - one search entry per tail of the name (search.ts) `<t>#NAMES#<current|former>#<first letter>` /
 *   `<tail, words joined by '.'>#<F|T>#<order>#<id>`, and by commune through GSI8, carrying what a
 *   result row shows and what filters need;
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
import {
  cardKey,
  type MemberFilter,
  type MemberSearch,
  nameKeys,
  nearForms,
  type SearchPage,
  SIMILAR_NAMES,
  similarName,
} from '../../domain/members/search.ts';
import { personOrderKey } from '../../domain/name-order.ts';
import {
  PARTY_ENTRY_FIELDS,
  type PartyIntroductionEntry,
  type PartyState,
} from '../../domain/party/party-introduction.ts';
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
/** Namesakes, whom the name cannot tell apart, oldest first: the birth date is how officers do. */
const orderOf = (member: Member) => `${personOrderKey(member.fullName)}#${member.birthDate}#${member.id}`;

function memberItem(member: Member): Item {
  const order = orderOf(member);
  const g = group(member);
  const keys = nameKeys(member.fullName);
  const birthYear = birthYearOf(member);
  return {
    entity: 'member',
    key: memberKey(member.id),
    indexes: {
      GSI1: { pk: `BRANCH_MEMBERS#${g}#${member.branchId}`, sk: order },
      ...(member.communeId && { GSI2: { pk: `COMMUNE_MEMBERS#${g}#${member.communeId}`, sk: order } }),
      GSI3: { pk: `MEMBERS#${g}`, sk: order },
      ...(member.phone && { GSI4: { pk: 'PHONE', sk: `${member.phone}#${member.id}` } }),
      ...(member.cardNumber && { GSI5: { pk: 'CARD', sk: `${cardKey(member.cardNumber)}#${member.id}` } }),
      GSI6: { pk: `BIRTH_YEAR#${g}#${birthYear}`, sk: order },
      GSI7: { pk: `GIVEN_YEAR#${g}#${birthYear}`, sk: `${keys.given}#${order}` },
    },
    data: { ...member, current: isCurrent(member.status), nameWords: keys.text, birthYear },
  };
}

const birthYearOf = (member: Member) => Number(member.birthDate.slice(0, 4));

/** Where a name's tails are listed: the whole tenant's, by first letter; a commune's, through GSI8. */
const tenantNames = (g: string, tail: string) => `NAMES#${g}#${tail[0]}`;
const communeNames = (g: string, communeId: string) => `COMMUNE_NAMES#${g}#${communeId}`;

/**
 * A tail (or typed words) as a key: words joined by '.', which sorts after the tail's end '#' and
 * before any letter or digit. So within any start the names ending there come first, then those
 * going on with more words, then a longer last word: "nguyen thi hong" finds every Nguyễn Thị Hồng
 * before Nguyễn Thị Hồng Nhung, which a space (before '#') would list first.
 */
const tailKey = (words: string) => words.replaceAll(' ', '.');

function tailItems(member: Member): Item[] {
  const order = orderOf(member);
  const g = group(member);
  const { tails } = nameKeys(member.fullName);
  return tails.map(({ tail, whole, shared }) => {
    const sk = `${tailKey(tail)}#${whole ? 'F' : 'T'}#${order}`;
    return {
      entity: 'member_name',
      key: { pk: tenantNames(g, tail), sk },
      ...(member.communeId && { indexes: { GSI8: { pk: communeNames(g, member.communeId), sk } } }),
      data: {
        ...summaryOf(member),
        unitIds: member.unitIds,
        current: isCurrent(member.status),
        birthYear: birthYearOf(member),
        shared,
      },
    };
  });
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
    for (const item of tailItems(member)) tx.put(item);
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
    replaceItems(tx, tailItems(before), tailItems(after));
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

  /**
   * Members in a place, in Vietnamese name order; with a word search, those with a name word
   * starting with each typed word (and born in its year): how a branch, a few dozen people, is searched.
   */
  async list(
    filter: MemberFilter,
    limit: number,
    cursor?: string,
    search?: Extract<MemberSearch, { kind: 'words' }>,
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
      // " nguyen van an " holds " van a": the typed words are a run of the name's, the last a start.
      ...(search ? [['nameWords', ` ${search.typed}`] as const] : []),
      ...(within ? [['unitIds', within] as const] : []),
    ];
    const equals = {
      ...(filter.status && { status: filter.status }),
      ...(search?.birthYear && { birthYear: search.birthYear }),
    };
    const queryFilter: QueryFilter = {
      ...(Object.keys(equals).length > 0 && { equals }),
      ...(contains.length > 0 && { contains }),
    };
    return this.summaries(await this.table.query({ ...query, filter: queryFilter, limit, cursor }));
  }

  /**
   * Members by the start of a name tail, in the tiers of search.ts: the whole name exactly, a
   * tail exactly, a tail going on with more words, a tail whose last word the typed one starts,
   * then near forms. With a birth year, only whole words, the year filtered: a tenant-wide search
   * for a given name and a year reads GSI7 instead, the year in its key.
   */
  async searchByWords(
    filter: MemberFilter,
    search: Extract<MemberSearch, { kind: 'words' }>,
    limit: number,
    cursor?: string,
  ): Promise<SearchPage> {
    const g = filter.status === undefined || isCurrent(filter.status) ? 'CURRENT' : 'FORMER';
    const place = filter.place;
    const { typed, birthYear } = search;
    const where = placeFilter(filter, birthYear);
    // Each person's first matching tail only; with nothing else filtered, nearly all read are kept.
    const byTail = (length: number): Pick<QueryOptions, 'filter' | 'keeps'> => ({
      filter: { ...where, below: { shared: length } },
      ...(Object.keys(where).length === 0 && { keeps: KEPT_BY_TAIL }),
    });
    const source = (form: string) =>
      place.kind === 'commune'
        ? { index: 'GSI8' as const, pk: communeNames(g, place.communeId) }
        : { pk: tenantNames(g, form) };
    if (birthYear !== undefined && place.kind === 'tenant' && !typed.includes(' ')) {
      // The year is in the key: only a district or a status is left to filter on.
      const rest = placeFilter(filter, undefined);
      const byGiven = {
        index: 'GSI7' as const,
        pk: `GIVEN_YEAR#${g}#${birthYear}`,
        ...(Object.keys(rest).length > 0 && { filter: rest }),
      };
      return this.inPhases([{ tag: 'g', query: { ...byGiven, skBeginsWith: `${typed}#` } }], limit, cursor);
    }
    const key = tailKey(typed);
    const wholeWords: Phase[] = [
      { tag: 'f', query: { ...source(typed), skBeginsWith: `${key}#F#`, ...byTail(typed.length) } },
      { tag: 't', query: { ...source(typed), skBeginsWith: `${key}#T#`, ...byTail(typed.length) } },
      { tag: 'w', query: { ...source(typed), skBeginsWith: `${key}.`, ...byTail(typed.length) } },
    ];
    // A year is typed after a name typed whole: starts and near forms would be read only to be
    // filtered away by the year.
    if (birthYear !== undefined) return this.inPhases(wholeWords, limit, cursor);
    const near = nearForms(typed).map((form) => ({
      form,
      query: { ...source(form), skBeginsWith: tailKey(form), ...byTail(form.length) },
    }));
    const tiers: Phase[] = [
      ...wholeWords,
      { tag: 's', query: { ...source(typed), skBetween: prefixRange(key), ...byTail(typed.length) } },
      ...near.map(({ query }, n): Phase => ({ tag: `n${n}`, query })),
    ];
    const page = await this.inPhases(tiers, limit, cursor);
    const { nextCursor } = page;
    if (cursor !== undefined || nextCursor === null) return page;
    // The near forms whose people the first page did not reach: the one it ended in has some on it.
    const next = tiers.findIndex(({ tag }) => nextCursor.startsWith(`${tag}.`));
    const begun = nextCursor !== `${tiers[next]?.tag}.`;
    const first = Math.max(0, next - (tiers.length - near.length) + (begun ? 1 : 0));
    const similarNames = await this.similarNames(near.slice(first));
    return similarNames.length > 0 ? { ...page, similarNames } : page;
  }

  /**
   * The near forms that someone in the place bears, as their name spells them: one short read
   * each, a few at a time, the commonest forms first.
   */
  private async similarNames(
    unread: readonly { readonly form: string; readonly query: QueryOptions }[],
  ): Promise<string[]> {
    const found = await mapConcurrently(unread, SIMILAR_READS_AT_ONCE, async ({ form, query }) => {
      // One call of a few items: a filter drops items after DynamoDB's Limit counts them.
      const { items } = await this.table.query({ ...query, limit: 1, maxCalls: 1, keeps: 1 });
      const entry = items[0];
      return entry ? similarName(toSummary(entry).fullName, form) : undefined;
    });
    return [...new Set(found.filter((name) => name !== undefined))].slice(0, SIMILAR_NAMES);
  }

  /** Members whose phone, then whose card number, starts with what was typed. */
  async searchByNumber(
    filter: MemberFilter,
    search: Extract<MemberSearch, { kind: 'number' }>,
    limit: number,
    cursor?: string,
  ): Promise<Page<MemberSummary>> {
    const keeps = keptOfTenant(filter);
    const phones: Phase[] = search.phone
      ? [
          {
            tag: 'p',
            query: {
              index: 'GSI4',
              pk: 'PHONE',
              skBeginsWith: search.phone,
              filter: entryFilter(filter, {}),
              keeps,
            },
          },
        ]
      : [];
    const card: Phase = {
      tag: 'c',
      query: {
        index: 'GSI5',
        pk: 'CARD',
        skBeginsWith: search.card,
        // A member whose phone matched was listed in the first phase: not again for the card.
        filter: {
          ...entryFilter(filter, {}),
          ...(search.phone && { notBeginsWith: { phone: search.phone } }),
        },
        keeps,
      },
    };
    return this.inPhases([...phones, card], limit, cursor);
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
      ...tailItems(member),
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

const SIMILAR_READS_AT_ONCE = 8;

/** Tail entries a search keeps when only `shared` filters them: a name rarely has two tails with one start. */
const KEPT_BY_TAIL = 0.95;

/** Keys continuing `typed` with a letter or digit: its last word as a prefix ("an" → "anh…"). */
const prefixRange = (typed: string): [string, string] => [`${typed}0`, `${typed}{`];

/** A search's filters beyond its key: a hamlet or district within the place, a status, a birth year. */
function placeFilter(filter: MemberFilter, birthYear: number | undefined): QueryFilter {
  const place = filter.place;
  const within = place.kind === 'branch' ? undefined : place.withinUnitId;
  const equals = {
    ...(filter.status && { status: filter.status }),
    ...(birthYear !== undefined && { birthYear }),
    ...(place.kind === 'branch' && { branchId: place.branchId }),
  };
  return {
    ...(Object.keys(equals).length > 0 && { equals }),
    ...(within && { contains: [['unitIds', within] as const] }),
  };
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
