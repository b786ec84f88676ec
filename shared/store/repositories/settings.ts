/**
 * A tenant's own settings. Item: `<tenant>#SETTINGS` / `ELIGIBILITY`; absent means the
 * organization's default rules.
 */
import type { EligibilityRules } from '../../domain/members/eligibility.ts';
import type { TenantTable } from '../table.ts';
import type { Transaction } from '../transaction.ts';

const eligibilityKey = { pk: 'SETTINGS', sk: 'ELIGIBILITY' };

export class SettingsRepository {
  constructor(private readonly table: TenantTable) {}

  async eligibility(): Promise<EligibilityRules | undefined> {
    return (await this.table.get<{ rules: EligibilityRules }>(eligibilityKey))?.rules;
  }

  saveEligibility(tx: Transaction, rules: EligibilityRules): void {
    tx.put({ entity: 'settings', key: eligibilityKey, data: { rules } });
  }
}
