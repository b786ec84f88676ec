/**
 * The keys the store writes, without a database: tenant ids, the tenant prefix on every
 * partition key, cursors that carry no tenant, and the name order of the sort keys.
 */
import { describe, expect, it } from 'vitest';
import { nameSortKey } from '../../shared/domain/name-order.ts';
import { PLATFORM_TENANT, toTenantId } from '../../shared/domain/tenant-id.ts';
import { branchItem } from '../../shared/store/repositories/branches.ts';
import { unitItem } from '../../shared/store/repositories/units.ts';
import { InvalidCursorError } from '../../shared/store/store-errors.ts';
import { Table } from '../../shared/store/table.ts';
import { testBranch, testHamlet } from '../setup/test-app.ts';
import { UNIT_NAMES } from '../setup/unit-names.ts';

describe('toTenantId', () => {
  it.each([
    'dong-thap:youth',
    'dong-thap:farmers',
    'ba-ria-vung-tau:front',
    'hcm:women',
    'an-giang:veterans',
    'platform',
  ])('accepts %j', (value) => {
    expect(toTenantId(value)).toBe(value);
  });

  it.each([
    '',
    'dong-thap',
    'x:unknown',
    'a#b:farmers',
    'dong-thap#x:farmers',
    'dong-thap:farmers#x',
    'Dong-Thap:youth',
    ' dong-thap:youth',
    'dong-thap:youth ',
    'dong-thap:youth:women',
    '-dong-thap:youth',
    'dong--thap:youth',
    ':farmers',
    'platform#',
    'platform:',
  ])('rejects %j', (value) => {
    expect(() => toTenantId(value)).toThrow(/Not a tenant id/);
  });
});

/** Stands in for the DynamoDB document client: records each command and answers with `reply`. */
function recordingTable(reply: Record<string, unknown> = {}) {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      return reply;
    },
  } as unknown as ConstructorParameters<typeof Table>[0];
  return { table: new Table(client, 'test-table'), sent };
}

describe('a tenant’s view of the table', () => {
  it('puts the tenant in front of the partition keys it writes, main and index', async () => {
    const { table, sent } = recordingTable();
    const hamlet = testHamlet('28261-01', '28261', 'Khóm 1');

    await table.forTenant(toTenantId('alpha:farmers')).put(unitItem(hamlet));

    expect(sent).toEqual([
      {
        name: 'PutCommand',
        input: {
          TableName: 'test-table',
          Item: {
            ...hamlet,
            PK: 'alpha:farmers#UNIT#28261-01',
            SK: 'UNIT',
            GSI1PK: 'alpha:farmers#CHILDREN#28261',
            GSI1SK: 'khom 1 !0004#28261-01',
            _tenant: 'alpha:farmers',
            _entity: 'unit',
          },
        },
      },
    ]);
  });

  it('reads by the prefixed key and hands back the item without keys or bookkeeping', async () => {
    const stored = {
      PK: 'beta:women#BRANCH#b1',
      SK: 'BRANCH',
      GSI1PK: 'beta:women#BRANCHES#28261-01',
      GSI1SK: 'residential#chi hoi#b1',
      expiresAt: 123,
      _tenant: 'beta:women',
      _entity: 'branch',
      id: 'b1',
      name: 'Chi hội',
    };
    const { table, sent } = recordingTable({ Item: stored });

    const item = await table.forTenant(toTenantId('beta:women')).get({ pk: 'BRANCH#b1', sk: 'BRANCH' });

    expect(sent[0]?.input).toMatchObject({
      Key: { PK: 'beta:women#BRANCH#b1', SK: 'BRANCH' },
      ConsistentRead: true,
    });
    expect(item).toEqual({ id: 'b1', name: 'Chi hội' });
  });

  it('keeps platform items under the platform prefix', async () => {
    const { table, sent } = recordingTable();

    await table.forTenant(PLATFORM_TENANT).get({ pk: 'LOGIN#alpha.farmers', sk: 'LOGIN' });

    expect(sent[0]?.input).toMatchObject({ Key: { PK: 'platform#LOGIN#alpha.farmers', SK: 'LOGIN' } });
  });

  it('queries only the tenant’s own partition', async () => {
    const { table, sent } = recordingTable({ Items: [] });

    await table.forTenant(toTenantId('alpha:women')).query({ index: 'GSI1', pk: 'CHILDREN#82', limit: 5 });

    expect(sent[0]?.input).toMatchObject({
      IndexName: 'GSI1',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'GSI1PK' },
      ExpressionAttributeValues: { ':pk': 'alpha:women#CHILDREN#82' },
      // One more than the page, to learn whether another page follows.
      Limit: 6,
    });
  });
});

describe('pagination cursors', () => {
  const lastKey = {
    PK: 'alpha:farmers#UNIT#28261-01',
    SK: 'UNIT',
    GSI1PK: 'alpha:farmers#CHILDREN#28261',
    GSI1SK: 'khom 1 !0004#28261-01',
  };

  async function cursorFromAlpha() {
    const { table } = recordingTable({ Items: [], LastEvaluatedKey: lastKey });
    const page = await table
      .forTenant(toTenantId('alpha:farmers'))
      .query({ index: 'GSI1', pk: 'CHILDREN#28261', limit: 1 });
    return page.nextCursor ?? '';
  }

  it('carry no tenant', async () => {
    const cursor = await cursorFromAlpha();

    const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
    expect(decoded).not.toContain('alpha');
    expect(JSON.parse(decoded)).toEqual({
      PK: 'UNIT#28261-01',
      SK: 'UNIT',
      GSI1PK: 'CHILDREN#28261',
      GSI1SK: 'khom 1 !0004#28261-01',
    });
  });

  it('point into the partition of the tenant that replays them', async () => {
    const cursor = await cursorFromAlpha();
    const { table, sent } = recordingTable({ Items: [] });

    await table.forTenant(toTenantId('beta:farmers')).query({ index: 'GSI1', pk: 'CHILDREN#28261', cursor });

    expect(sent[0]?.input.ExclusiveStartKey).toEqual({
      PK: 'beta:farmers#UNIT#28261-01',
      SK: 'UNIT',
      GSI1PK: 'beta:farmers#CHILDREN#28261',
      GSI1SK: 'khom 1 !0004#28261-01',
    });
  });

  it.each([
    ['another partition', { index: 'GSI1' as const, pk: 'CHILDREN#28249' }],
    [
      'another sort-key prefix',
      { index: 'GSI1' as const, pk: 'CHILDREN#28261', skBeginsWith: 'residential#' },
    ],
    ['the main table instead of the index', { pk: 'CHILDREN#28261' }],
  ])('are refused, before any request, for %s', async (_, query) => {
    const cursor = await cursorFromAlpha();
    const { table, sent } = recordingTable({ Items: [] });

    const attempt = table.forTenant(toTenantId('alpha:farmers')).query({ ...query, cursor });

    await expect(attempt).rejects.toBeInstanceOf(InvalidCursorError);
    expect(sent).toEqual([]);
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['a JSON array', Buffer.from('[]').toString('base64url')],
    ['a JSON string', Buffer.from('"UNIT#1"').toString('base64url')],
    [
      'a key with an unknown attribute',
      Buffer.from('{"PK":"UNIT#1","SK":"UNIT","x":"y"}').toString('base64url'),
    ],
    ['a key with a number', Buffer.from('{"PK":"CHILDREN#1","SK":1}').toString('base64url')],
  ])('are refused when they are %s', async (_, cursor) => {
    const { table } = recordingTable({ Items: [] });

    const attempt = table.forTenant(toTenantId('alpha:farmers')).query({ pk: 'CHILDREN#1', cursor });

    await expect(attempt).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe('sort keys', () => {
  it('order names the Vietnamese way, as ICU does', () => {
    const byKey = UNIT_NAMES.toSorted((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1));

    expect(byKey).toEqual(UNIT_NAMES.toSorted(new Intl.Collator('vi').compare));
    expect(byKey.indexOf('Phường Đạo Thạnh')).toBeLessThan(byKey.indexOf('Phường Mỹ Tho'));
  });

  it('ignore case, and weigh tones only after the letters', () => {
    expect(nameSortKey('Hòa')).toBe(nameSortKey('hÒA'));
    expect(nameSortKey('Mỹ Thọ')).toBe(nameSortKey('MỸ THỌ'));
    expect(nameSortKey('hoa') < nameSortKey('Hòa')).toBe(true);
    expect(nameSortKey('Hòa') < nameSortKey('hoac')).toBe(true);
  });

  it('put the kind first for branches, so a kind filter is a key prefix', () => {
    const item = branchItem(testBranch('b1', '28261-01', 'Chi hội Đông Hòa', 'professional'));

    expect(item.indexes?.GSI1).toEqual({
      pk: 'BRANCHES#28261-01',
      sk: 'professional#chi ho~i d~o~ng hoa !00000050000000001#b1',
    });
  });
});
