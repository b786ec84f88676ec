/**
 * The single table's shape, read by the local start-up, the tests and the CDK stack,
 * so the three can never disagree on key or index names.
 */

/**
 * What the member-only indexes keep of a member: a list row (MemberSummary) and what lists and
 * searches filter on. Everything else — address, notes, timestamps, the other indexes' keys —
 * stays in the table: an index entry is then well under 1 KB, one write unit instead of two.
 * Reading a whole member is a GetItem. DynamoDB allows 100 projected attributes summed over a
 * table's indexes, so each index adds only what its own readers need.
 */
const MEMBER_ROW_ATTRIBUTES = [
  'id',
  'fullName',
  'gender',
  'birthDate',
  'phone',
  'cardNumber',
  'nationalId',
  'branchId',
  'unitId',
  'unitIds',
  'status',
  'current',
] as const;

const memberIndex = <N extends string, A extends readonly string[]>(name: N, more: A) =>
  ({
    name,
    partitionKey: `${name}PK`,
    sortKey: `${name}SK`,
    projection: 'INCLUDE',
    attributes: [...MEMBER_ROW_ATTRIBUTES, ...more],
  }) as const;

export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /**
   * Overloaded indexes; docs/data-model.md lists what each holds. GSI1: children of a unit,
   * branches of a unit, members of a branch, audit by actor — whole items, which its readers
   * need. GSI2: members of a commune. GSI3: members of the whole tenant. GSI4: members by phone.
   * GSI5: members by card number. GSI6: members by birth year (who comes of age). GSI7: members
   * by birth year and given name ("Ánh 1985"). GSI8: a commune's name tails (member search),
   * whole: a tail entry is a list row already.
   */
  indexes: [
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: 'ALL', attributes: [] },
    memberIndex('GSI2', [] as const),
    // The recount reads every member through GSI3, and counts these too.
    memberIndex('GSI3', ['branchKind', 'communeId', 'partyIntroductions', 'ratings'] as const),
    memberIndex('GSI4', [] as const),
    memberIndex('GSI5', [] as const),
    memberIndex('GSI6', [] as const),
    memberIndex('GSI7', [] as const),
    { name: 'GSI8', partitionKey: 'GSI8PK', sortKey: 'GSI8SK', projection: 'ALL', attributes: [] },
  ],
  /** Expiring items (refresh-token families, rate-limit windows) carry epoch seconds here. */
  timeToLiveAttribute: 'expiresAt',
  streamView: 'NEW_AND_OLD_IMAGES',
} as const;

export type IndexName = (typeof tableDefinition.indexes)[number]['name'];
