/**
 * The single table's shape, read by the local start-up, the tests and the CDK stack,
 * so the three can never disagree on key or index names.
 */
export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /**
   * Overloaded indexes; docs/data-model.md lists what each holds. GSI1: children of a unit,
   * branches of a unit, members of a branch, audit by actor. GSI2: members of a commune.
   * GSI3: members of the whole tenant. GSI4: members by phone. GSI5: members by card number.
   * GSI6: members by birth year (who comes of age).
   */
  indexes: [
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    { name: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
    { name: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' },
    { name: 'GSI5', partitionKey: 'GSI5PK', sortKey: 'GSI5SK' },
    { name: 'GSI6', partitionKey: 'GSI6PK', sortKey: 'GSI6SK' },
  ],
  /** Expiring items (refresh-token families, rate-limit windows) carry epoch seconds here. */
  timeToLiveAttribute: 'expiresAt',
  streamView: 'NEW_AND_OLD_IMAGES',
} as const;

export type IndexName = (typeof tableDefinition.indexes)[number]['name'];
