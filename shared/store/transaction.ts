/**
 * A unit of work: repositories add their writes, each with the domain error its condition
 * stands for, and commit() applies all or none and throws the error of the condition that failed.
 */
import { ConditionFailedError } from './store-errors.ts';
import type { Item, Key, TenantTable, TransactOperation, Update, WriteCondition } from './table.ts';

type OnConflict = () => Error;

export class Transaction {
  private readonly operations: { operation: TransactOperation; onConflict: OnConflict | undefined }[] = [];

  constructor(readonly table: TenantTable) {}

  put(item: Item, condition?: WriteCondition, onConflict?: OnConflict): this {
    return this.add(this.table.putOperation(item, condition), onConflict);
  }

  update(key: Key, update: Update, onConflict?: OnConflict): this {
    return this.add(this.table.updateOperation(key, update), onConflict);
  }

  delete(key: Key, condition?: WriteCondition, onConflict?: OnConflict): this {
    return this.add(this.table.deleteOperation(key, condition), onConflict);
  }

  check(key: Key, condition: WriteCondition, onConflict?: OnConflict): this {
    return this.add(this.table.checkOperation(key, condition), onConflict);
  }

  /** An operation built by another tenant's table (a transfer writes into the receiving tenant). */
  add(operation: TransactOperation, onConflict?: OnConflict): this {
    this.operations.push({ operation, onConflict });
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
          const onConflict = this.operations[index]?.onConflict;
          if (onConflict) throw onConflict();
        }
      }
      throw error;
    }
  }
}
