/**
 * The only door to the table. A repository gets a TenantTable, which writes the tenant id in
 * front of every partition key it builds and strips it from everything it returns, so code
 * above this layer cannot name another tenant's item, nor forget the tenant.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mapPartitionOf, provinceOf, type TenantId } from '../domain/tenant-id.ts';
import { drain, read, write } from './refusals.ts';
import { InvalidCursorError } from './store-errors.ts';
import { tableDefinition as def, type IndexName } from './table-definition.ts';

/** A key relative to the tenant: `pk` is prefixed with the tenant id when written. */
export interface Key {
  readonly pk: string;
  readonly sk: string;
}

export type Attributes = Record<string, unknown>;

export interface Item {
  /** What kind of item this is, for the stream's consumers. */
  readonly entity: string;
  readonly key: Key;
  /** Index keys, relative to the tenant like the main key. */
  readonly indexes?: Partial<Record<IndexName, Key>>;
  readonly data: Attributes;
  /** Epoch seconds after which DynamoDB may delete the item. */
  readonly expiresAt?: number;
}

export interface WriteCondition {
  /** true: the item must exist; false: it must not. */
  readonly exists?: boolean;
  /**
   * With `exists: false`, an item whose time to live ended at or before this epoch second counts
   * as absent: DynamoDB deletes expired items only eventually (within days).
   */
  readonly orExpiredBy?: number;
  /** Each attribute must hold exactly this value. */
  readonly equals?: Attributes;
}

export interface Update {
  /** Names the item's kind when the update may create it. */
  readonly entity?: string;
  readonly set?: Attributes;
  /** Index keys to set, relative to the tenant like the main key. */
  readonly indexes?: Partial<Record<IndexName, Key>>;
  readonly add?: Record<string, number>;
  readonly expiresAt?: number;
  readonly condition?: WriteCondition;
}

/** Conditions on items a query reads; what they drop is still read (and paid for). */
export interface QueryFilter {
  /** Each attribute must hold exactly this value. */
  readonly equals?: Attributes;
  /** Each pair: a string attribute containing the text, or a list attribute holding the element. */
  readonly contains?: readonly (readonly [string, string])[];
  /** Each number attribute must be below this value. */
  readonly below?: Record<string, number>;
  /** Each attribute must not be a string starting with this text (absent or null passes). */
  readonly notBeginsWith?: Record<string, string>;
  /** Each pair: a string attribute not containing the text (absent passes). */
  readonly notContains?: readonly (readonly [string, string])[];
}

export interface QueryOptions {
  readonly pk: string;
  readonly index?: IndexName;
  readonly skBeginsWith?: string;
  /** Sort keys up to and including this one (a queue of due times read up to now); not with skBeginsWith. */
  readonly skAtMost?: string;
  /** Sort keys from the first to the second, both included; not with the two above. */
  readonly skBetween?: readonly [string, string];
  readonly limit?: number;
  readonly cursor?: string | undefined;
  readonly newestFirst?: boolean;
  readonly filter?: QueryFilter;
  /**
   * With a filter, how many DynamoDB calls a page may take before it is returned short (with a
   * cursor), so one request never reads without bound.
   */
  readonly maxCalls?: number;
  /**
   * With a filter, the share of items it is expected to keep (0–1), when the caller knows it is
   * high: the first call then reads the page over that share, not four times the page.
   */
  readonly keeps?: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** An operation of a transaction, built by a TenantTable so its keys carry that tenant. */
export type TransactOperation = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

const KEY_ATTRIBUTES = new Set<string>([
  def.partitionKey,
  def.sortKey,
  def.timeToLiveAttribute,
  ...def.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
]);

/** Written on every item for the stream's consumers; callers never see them back. */
const BOOKKEEPING_ATTRIBUTES = new Set(['_tenant', '_entity']);

export class Table {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  forTenant(tenant: TenantId): TenantTable {
    return new TenantTable(this.client, this.tableName, tenant);
  }

  /** A province's map, for work that starts from the province rather than a tenant (onboarding, scripts). */
  forProvinceMap(provinceId: string): TenantTable {
    return new TenantTable(this.client, this.tableName, mapPartitionOf(provinceId));
  }

  /** All-or-nothing writes, possibly across tenants (onboarding a province writes several). */
  async transact(operations: TransactOperation[]): Promise<void> {
    await transactWrite(this.client, operations);
  }
}

export class TenantTable {
  private readonly prefix: string;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    readonly tenant: TenantId,
  ) {
    this.prefix = `${tenant}#`;
  }

  /** Names this part of this table, for what remembers reads of it (recent-reads.ts). */
  get address(): string {
    return `${this.tableName}/${this.tenant}`;
  }

  /**
   * The administrative map of this tenant's province, shared by its four organizations and its
   * Front: `<province>:map`, a partition no token can name (tenant ids end in an organization or
   * `front`), so only repositories of the map reach it. The platform has no province: a bug.
   */
  map(): TenantTable {
    return new TenantTable(this.client, this.tableName, mapPartitionOf(provinceOf(this.tenant)));
  }

  async get<T = Attributes>(key: Key): Promise<T | undefined> {
    const result = await read(() =>
      this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: this.absoluteKey(key),
          ConsistentRead: true,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
    );
    return result.Item ? (dataOf(result.Item) as T) : undefined;
  }

  /**
   * Many items by key, in batches of 100 (BatchGetItem), retrying what DynamoDB leaves
   * unprocessed. Eventually consistent unless asked: half the read units of `get`, for readers
   * (figures) that tolerate a second's lag. Missing items are simply absent from the map, keyed
   * `pk|sk`.
   */
  async getMany<T = Attributes>(
    keys: readonly Key[],
    options: { consistent?: boolean } = {},
  ): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    const unique = [...new Map(keys.map((key) => [keyString(key), key])).values()];
    for (let start = 0; start < unique.length; start += 100) {
      const requested = unique.slice(start, start + 100).map((key) => this.absoluteKey(key));
      await drain(requested, async (keys) => {
        const result = await this.client.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tableName]: { Keys: [...keys], ConsistentRead: options.consistent === true },
            },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        for (const raw of result.Responses?.[this.tableName] ?? []) {
          const key = {
            pk: String(raw[def.partitionKey]).slice(this.prefix.length),
            sk: String(raw[def.sortKey]),
          };
          found.set(keyString(key), dataOf(raw) as T);
        }
        return (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as typeof requested;
      });
    }
    return found;
  }

  async put(item: Item, condition?: WriteCondition): Promise<void> {
    await write(() => this.client.send(new PutCommand(this.putInput(item, condition))));
  }

  async update<T = Attributes>(key: Key, update: Update): Promise<T> {
    const result = await write(() =>
      this.client.send(new UpdateCommand({ ...this.updateInput(key, update), ReturnValues: 'ALL_NEW' })),
    );
    return dataOf(result.Attributes ?? {}) as T;
  }

  /**
   * One page of a query. Without a filter it is one DynamoDB call; with one, calls continue
   * until the page is full, the partition ends or `maxCalls` is reached, and the cursor points
   * just after the last item returned, so the next page loses and repeats nothing.
   */
  async query<T = Attributes>(options: QueryOptions): Promise<Page<T>> {
    const index = options.index ? def.indexes.find((i) => i.name === options.index) : undefined;
    const pkName = index?.partitionKey ?? def.partitionKey;
    const skName = index?.sortKey ?? def.sortKey;
    const keyNames = [def.partitionKey, def.sortKey, ...(index ? [index.partitionKey, index.sortKey] : [])];
    const names: Record<string, string> = { '#pk': pkName };
    const values: Record<string, unknown> = { ':pk': this.prefix + options.pk };
    let keyCondition = '#pk = :pk';
    if (options.skBeginsWith !== undefined) {
      names['#sk'] = skName;
      values[':sk'] = options.skBeginsWith;
      keyCondition += ' AND begins_with(#sk, :sk)';
    } else if (options.skAtMost !== undefined) {
      names['#sk'] = skName;
      values[':sk'] = options.skAtMost;
      keyCondition += ' AND #sk <= :sk';
    } else if (options.skBetween !== undefined) {
      names['#sk'] = skName;
      values[':sk'] = options.skBetween[0];
      values[':skTo'] = options.skBetween[1];
      keyCondition += ' AND #sk BETWEEN :sk AND :skTo';
    }
    const filter = filterExpression(options.filter, names, values);
    const limit = options.limit;
    const maxCalls = filter ? (options.maxCalls ?? 5) : 1;
    const items: Attributes[] = [];
    let startKey =
      options.cursor === undefined ? undefined : this.decodeCursor(options.cursor, options, index);
    let scanned = 0;
    for (let call = 0; call < maxCalls; call++) {
      const remaining = limit === undefined ? undefined : limit - items.length;
      // After a call that kept some, the share it kept says what the rest needs better than a guess.
      const keeps = call === 0 ? options.keeps : items.length > 0 ? items.length / scanned : undefined;
      const result = await read(() =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: index?.name,
            KeyConditionExpression: keyCondition,
            FilterExpression: filter,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            // A filter drops items after the limit is counted: read more per call, bounded all the same.
            // Without one, one item more than the page tells whether another page follows, so the
            // last page has no cursor (DynamoDB sets LastEvaluatedKey whenever Limit is reached).
            Limit:
              remaining === undefined ? undefined : filter ? filteredLimit(remaining, keeps) : remaining + 1,
            ScanIndexForward: !options.newestFirst,
            ExclusiveStartKey: startKey,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      );
      for (const raw of result.Items ?? []) {
        items.push(raw);
        if (limit !== undefined && items.length === limit) {
          const more = raw !== result.Items?.at(-1) || result.LastEvaluatedKey !== undefined;
          return this.page<T>(items, more ? pick(raw, keyNames) : undefined);
        }
      }
      scanned += result.ScannedCount ?? 0;
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    return this.page<T>(items, startKey);
  }

  private page<T>(items: Attributes[], lastKey: Record<string, unknown> | undefined): Page<T> {
    return {
      items: items.map((item) => dataOf(item) as T),
      nextCursor: lastKey ? this.encodeCursor(lastKey) : null,
    };
  }

  /**
   * Writes many items without conditions (seeding, imports), retrying what DynamoDB leaves
   * unprocessed or throttles (backoff.ts); throws ThrottledError when it keeps refusing.
   */
  async putMany(items: Item[], concurrency = 4): Promise<void> {
    const batches: Item[][] = [];
    for (let start = 0; start < items.length; start += 25) batches.push(items.slice(start, start + 25));
    const worker = async () => {
      for (let batch = batches.pop(); batch; batch = batches.pop()) await this.writeBatch(batch);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  private async writeBatch(batch: Item[]): Promise<void> {
    const requests = batch.map((item) => ({ PutRequest: { Item: this.absoluteItem(item) } }));
    await drain(requests, async (pending) => {
      const result = await this.client.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: [...pending] } }),
      );
      return (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
    });
  }

  putOperation(item: Item, condition?: WriteCondition): TransactOperation {
    return { Put: this.putInput(item, condition) };
  }

  updateOperation(key: Key, update: Update): TransactOperation {
    return { Update: this.updateInput(key, update) };
  }

  /** Writes nothing: the transaction applies only if this item meets the condition. */
  checkOperation(key: Key, condition: WriteCondition): TransactOperation {
    const expression = conditionExpression(condition);
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: this.absoluteKey(key),
        ConditionExpression: expression.ConditionExpression ?? '',
        ExpressionAttributeNames: expression.ExpressionAttributeNames,
        ExpressionAttributeValues: expression.ExpressionAttributeValues,
      },
    };
  }

  deleteOperation(key: Key, condition?: WriteCondition): TransactOperation {
    return {
      Delete: { TableName: this.tableName, Key: this.absoluteKey(key), ...conditionExpression(condition) },
    };
  }

  async delete(key: Key): Promise<void> {
    await write(() =>
      this.client.send(new DeleteCommand({ TableName: this.tableName, Key: this.absoluteKey(key) })),
    );
  }

  /** All-or-nothing writes within this tenant. */
  async transact(operations: TransactOperation[]): Promise<void> {
    await transactWrite(this.client, operations);
  }

  private putInput(item: Item, condition?: WriteCondition) {
    return { TableName: this.tableName, Item: this.absoluteItem(item), ...conditionExpression(condition) };
  }

  private updateInput(key: Key, update: Update) {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets: string[] = [];
    const adds: string[] = [];
    let n = 0;
    const setEntries = Object.entries(update.set ?? {});
    if (update.expiresAt !== undefined) setEntries.push([def.timeToLiveAttribute, update.expiresAt]);
    if (update.entity !== undefined) setEntries.push(['_entity', update.entity], ['_tenant', this.tenant]);
    setEntries.push(...Object.entries(this.indexAttributes(update.indexes)));
    for (const [name, value] of setEntries) {
      names[`#u${n}`] = name;
      values[`:u${n}`] = value;
      sets.push(`#u${n} = :u${n}`);
      n++;
    }
    for (const [name, value] of Object.entries(update.add ?? {})) {
      names[`#u${n}`] = name;
      values[`:u${n}`] = value;
      adds.push(`#u${n} :u${n}`);
      n++;
    }
    const condition = conditionExpression(update.condition);
    const expression = [
      sets.length ? `SET ${sets.join(', ')}` : '',
      adds.length ? `ADD ${adds.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return {
      TableName: this.tableName,
      Key: this.absoluteKey(key),
      UpdateExpression: expression,
      ConditionExpression: condition.ConditionExpression,
      ExpressionAttributeNames: { ...names, ...condition.ExpressionAttributeNames },
      ExpressionAttributeValues: { ...values, ...condition.ExpressionAttributeValues },
    };
  }

  private absoluteKey(key: Key): Record<string, string> {
    return { [def.partitionKey]: this.prefix + key.pk, [def.sortKey]: key.sk };
  }

  private absoluteItem(item: Item): Record<string, unknown> {
    const stored: Record<string, unknown> = {
      ...item.data,
      _tenant: this.tenant,
      _entity: item.entity,
      ...this.absoluteKey(item.key),
    };
    Object.assign(stored, this.indexAttributes(item.indexes));
    if (item.expiresAt !== undefined) stored[def.timeToLiveAttribute] = item.expiresAt;
    return stored;
  }

  private indexAttributes(indexes: Item['indexes']): Record<string, string> {
    const attributes: Record<string, string> = {};
    for (const index of def.indexes) {
      const indexKey = indexes?.[index.name];
      if (indexKey) {
        attributes[index.partitionKey] = this.prefix + indexKey.pk;
        attributes[index.sortKey] = indexKey.sk;
      }
    }
    return attributes;
  }

  // Cursors hold keys relative to the tenant, so a cursor handed to another tenant points
  // into that tenant's own partition, never back into ours.
  private encodeCursor(lastKey: Record<string, unknown>): string {
    const relative: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(lastKey)) {
      relative[name] =
        typeof value === 'string' && value.startsWith(this.prefix) ? value.slice(this.prefix.length) : value;
    }
    return Buffer.from(JSON.stringify(relative)).toString('base64url');
  }

  // A cursor must be a key this very query could have returned: the same key attributes, the
  // same partition, the same sort-key prefix. Anything else DynamoDB would refuse with a 500.
  private decodeCursor(
    cursor: string,
    query: QueryOptions,
    index: (typeof def.indexes)[number] | undefined,
  ): Record<string, unknown> {
    let relative: unknown;
    try {
      relative = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw new InvalidCursorError();
    }
    if (typeof relative !== 'object' || relative === null || Array.isArray(relative))
      throw new InvalidCursorError();
    const expected = [def.partitionKey, def.sortKey, ...(index ? [index.partitionKey, index.sortKey] : [])];
    const names = Object.keys(relative);
    const fields = relative as Record<string, unknown>;
    const pkName = index?.partitionKey ?? def.partitionKey;
    const skName = index?.sortKey ?? def.sortKey;
    const skValue = fields[skName];
    if (
      names.length !== expected.length ||
      !expected.every((name) => typeof fields[name] === 'string') ||
      fields[pkName] !== query.pk ||
      (query.skBeginsWith !== undefined &&
        !(typeof skValue === 'string' && skValue.startsWith(query.skBeginsWith))) ||
      (query.skBetween !== undefined &&
        !(typeof skValue === 'string' && skValue >= query.skBetween[0] && skValue <= query.skBetween[1]))
    )
      throw new InvalidCursorError();
    const absolute: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
      if (!KEY_ATTRIBUTES.has(name) || typeof value !== 'string') throw new InvalidCursorError();
      const isPartition = name === def.partitionKey || def.indexes.some((i) => i.partitionKey === name);
      absolute[name] = isPartition ? this.prefix + value : value;
    }
    return absolute;
  }
}

function conditionExpression(condition: WriteCondition | undefined): {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  if (!condition) return {};
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (condition.exists !== undefined) {
    names['#ck'] = def.partitionKey;
    parts.push(condition.exists ? 'attribute_exists(#ck)' : 'attribute_not_exists(#ck)');
  }
  if (condition.exists === false && condition.orExpiredBy !== undefined) {
    names['#ttl'] = def.timeToLiveAttribute;
    values[':ttl'] = condition.orExpiredBy;
    parts[parts.length - 1] = `(${parts.at(-1)} OR #ttl <= :ttl)`;
  }
  Object.entries(condition.equals ?? {}).forEach(([name, value], n) => {
    names[`#c${n}`] = name;
    values[`:c${n}`] = value;
    parts.push(`#c${n} = :c${n}`);
  });
  return {
    ConditionExpression: parts.join(' AND '),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  };
}

function filterExpression(
  filter: QueryFilter | undefined,
  names: Record<string, string>,
  values: Record<string, unknown>,
): string | undefined {
  // Each kind of condition names its placeholders with its own letters: #fe0, :fe0, #fc0…
  const conditions: [
    string,
    readonly (readonly [string, unknown])[],
    (name: string, value: string) => string,
  ][] = [
    ['fe', Object.entries(filter?.equals ?? {}), (name, value) => `${name} = ${value}`],
    ['fc', filter?.contains ?? [], (name, value) => `contains(${name}, ${value})`],
    ['fb', Object.entries(filter?.below ?? {}), (name, value) => `${name} < ${value}`],
    [
      'fn',
      Object.entries(filter?.notBeginsWith ?? {}),
      (name, value) => `NOT begins_with(${name}, ${value})`,
    ],
    ['fx', filter?.notContains ?? [], (name, value) => `NOT contains(${name}, ${value})`],
  ];
  const parts: string[] = [];
  for (const [tag, pairs, condition] of conditions)
    pairs.forEach(([name, value], n) => {
      names[`#${tag}${n}`] = name;
      values[`:${tag}${n}`] = value;
      parts.push(condition(`#${tag}${n}`, `:${tag}${n}`));
    });
  return parts.length > 0 ? parts.join(' AND ') : undefined;
}

/**
 * Items a filtered call reads for `remaining` rows: the page and one more over the share the
 * filter keeps, a twentieth spare, when that is known (or was seen on the page's earlier calls);
 * else four times the page, at least 100.
 */
function filteredLimit(remaining: number, keeps: number | undefined): number {
  const wanted = keeps ? Math.ceil(((remaining + 1) / keeps) * 1.05) : Math.max(100, remaining * 4);
  return Math.min(1000, wanted);
}

function pick(item: Attributes, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, item[name]]));
}

async function transactWrite(client: DynamoDBDocumentClient, operations: TransactOperation[]): Promise<void> {
  // A new command each try: each gets its own idempotency token (ClientRequestToken), which the
  // SDK fills in and keeps across its own retries of one try.
  await write(() => client.send(new TransactWriteCommand({ TransactItems: operations })));
}

function dataOf(stored: Record<string, unknown>): Attributes {
  const data: Attributes = {};
  for (const [name, value] of Object.entries(stored)) {
    if (!KEY_ATTRIBUTES.has(name) && !BOOKKEEPING_ATTRIBUTES.has(name)) data[name] = value;
  }
  return data;
}

/** A stored item read back as its tenant's TenantTable sees it, with the index keys it carries. */
export interface StoredItem extends Required<Pick<Item, 'entity' | 'key' | 'indexes' | 'data'>> {
  readonly tenant: string;
}

/**
 * An item as a Scan returns it, for maintenance scripts (no request path scans): read back as
 * its tenant's TenantTable would hand it over. undefined for an item without the bookkeeping
 * attributes every write puts on it.
 */
export function storedItemOf(raw: Record<string, unknown>): StoredItem | undefined {
  const { _tenant: tenant, _entity: entity } = raw;
  if (typeof tenant !== 'string' || typeof entity !== 'string') return undefined;
  const relative = (value: unknown) =>
    typeof value === 'string' && value.startsWith(`${tenant}#`) ? value.slice(tenant.length + 1) : undefined;
  const pk = relative(raw[def.partitionKey]);
  const sk = raw[def.sortKey];
  if (pk === undefined || typeof sk !== 'string') return undefined;
  const indexes: Partial<Record<IndexName, Key>> = {};
  for (const index of def.indexes) {
    const indexPk = relative(raw[index.partitionKey]);
    const indexSk = raw[index.sortKey];
    if (indexPk !== undefined && typeof indexSk === 'string')
      indexes[index.name] = { pk: indexPk, sk: indexSk };
  }
  return { tenant, entity, key: { pk, sk }, indexes, data: dataOf(raw) };
}

/** How getMany names a key in the map it returns. */
export function keyString(key: Key): string {
  return `${key.pk}|${key.sk}`;
}
