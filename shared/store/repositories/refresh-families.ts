/**
 * Refresh-token families: one item per sign-in (`<tenant>#REFRESH#<familyId>`), holding the one
 * token id that may still be used. Rotation is a conditional write, so two uses of one token
 * can never both succeed; the item expires with the family.
 */
import { ConditionFailedError } from '../store-errors.ts';
import type { TenantTable } from '../table.ts';

const key = (familyId: string) => ({ pk: `REFRESH#${familyId}`, sk: 'FAMILY' });

export class RefreshFamilyRepository {
  constructor(private readonly table: TenantTable) {}

  async start(familyId: string, userId: string, tokenId: string, expiresAt: number): Promise<void> {
    await this.table.put(
      {
        key: key(familyId),
        entity: 'refresh-family',
        data: { userId, currentTokenId: tokenId, revoked: false },
        expiresAt,
      },
      { exists: false },
    );
  }

  /** Moves the family to its next token; false when the presented token is not the current one. */
  async rotate(familyId: string, presentedTokenId: string, nextTokenId: string): Promise<boolean> {
    try {
      await this.table.update(key(familyId), {
        set: { currentTokenId: nextTokenId },
        condition: { exists: true, equals: { currentTokenId: presentedTokenId, revoked: false } },
      });
      return true;
    } catch (error) {
      if (error instanceof ConditionFailedError) return false;
      throw error;
    }
  }

  async revoke(familyId: string): Promise<void> {
    try {
      await this.table.update(key(familyId), { set: { revoked: true }, condition: { exists: true } });
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
    }
  }
}
