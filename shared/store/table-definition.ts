/**
 * The single table's shape, read by the local start-up, the tests and the CDK stack,
 * so the three can never disagree on key or index names.
 */
export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Generic overloaded index: "children of X", "branches of unit X", … (see docs/data-model.md). */
  indexes: [{ name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' }],
  /** Expiring items (refresh-token families, rate-limit windows) carry epoch seconds here. */
  timeToLiveAttribute: 'expiresAt',
  streamView: 'NEW_AND_OLD_IMAGES',
} as const;

export type IndexName = (typeof tableDefinition.indexes)[number]['name'];
