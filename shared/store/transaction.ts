/**
 * A unit of work: repositories add their writes, each with the domain error its condition
 * stands for, and commit() applies all or none and throws the error of the condition that failed.
 * A transaction that only met another one is retried by the store and, if it keeps meeting one,
 * fails with TransactionConflictError, never with a condition's domain error.
 */
import { ConditionFailedError } from './store-errors.ts';
import type { Item, Key, TenantTable, TransactOperation, Update, WriteCondition } from './table.ts';

/** The domain error a failed condition stands for. */
type OnConditionFailed = () => Error;

export class Transaction {
  private readonly operations: {
    operation: TransactOperation;
    onConditionFailed: OnConditionFailed | undefined;
  }[] = [];

  constructor(readonly table: TenantTable) {}

  put(item: Item, condition?: WriteCondition, onConditionFailed?: OnConditionFailed): this {
    return this.add(this.table.putOperation(item, condition), onConditionFailed);
  }

  update(key: Key, update: Update, onConditionFailed?: OnConditionFailed): this {
    return this.add(this.table.updateOperation(key, update), onConditionFailed);
  }

  delete(key: Key, condition?: WriteCondition, onConditionFailed?: OnConditionFailed): this {
    return this.add(this.table.deleteOperation(key, condition), onConditionFailed);
  }

  check(key: Key, condition: WriteCondition, onConditionFailed?: OnConditionFailed): this {
    return this.add(this.table.checkOperation(key, condition), onConditionFailed);
  }

  /** An operation built by another tenant's table (a transfer writes into the receiving tenant). */
  add(operation: TransactOperation, onConditionFailed?: OnConditionFailed): this {
    this.operations.push({ operation, onConditionFailed });
    return this;
  }

  get size(): number {
    return this.operations.length;
  }

  async commit(): Promise<void> {
    try {
      await this.table.transact(this.operations.map((o) => o.operation));
    } catch (error) {
      if (error instanceof ConditionFailedError) {
        for (const index of error.failedOperations) {
          const onConditionFailed = this.operations[index]?.onConditionFailed;
          if (onConditionFailed) throw onConditionFailed();
        }
      }
      throw error;
    }
  }
}
