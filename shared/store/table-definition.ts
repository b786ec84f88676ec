/**
 * The single table's shape, read by the local start-up, the tests and the CDK stack,
 * so the three can never disagree on key or index names.
 */

/**
 * What the member-only indexes keep of a member: a list row (MemberSummary), what lists and
 * searches filter on, and what the recount counts (through GSI3). Everything else — address,
 * notes, timestamps, the other indexes' keys — stays in the table: an index entry is then well
 * under 1 KB, one write unit instead of two. Reading a whole member is a GetItem.
 */
export const MEMBER_ROW_ATTRIBUTES = [
  'id',
  'fullName',
  'gender',
  'birthDate',
  'phone',
  'cardNumber',
  'nationalId',
  'branchId',
  'branchKind',
  'unitId',
  'unitIds',
  'communeId',
  'status',
  'current',
  'partyIntroductions',
  'ratings',
] as const;

const memberIndex = <N extends string>(name: N) =>
  ({
    name,
    partitionKey: `${name}PK`,
    sortKey: `${name}SK`,
    projection: 'INCLUDE',
    attributes: MEMBER_ROW_ATTRIBUTES,
  }) as const;

export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /**
   * Overloaded indexes; docs/data-model.md lists what each holds. GSI1: children of a unit,
   * branches of a unit, members of a branch, audit by actor — whole items, which its readers
   * need. GSI2: members of a commune. GSI3: members of the whole tenant. GSI4: members by phone.
   * GSI5: members by card number. GSI6: members by birth year (who comes of age).
   */
  indexes: [
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: 'ALL', attributes: [] },
    memberIndex('GSI2'),
    memberIndex('GSI3'),
    memberIndex('GSI4'),
    memberIndex('GSI5'),
    memberIndex('GSI6'),
  ],
  /** Expiring items (refresh-token families, rate-limit windows) carry epoch seconds here. */
  timeToLiveAttribute: 'expiresAt',
  streamView: 'NEW_AND_OLD_IMAGES',
} as const;

export type IndexName = (typeof tableDefinition.indexes)[number]['name'];
