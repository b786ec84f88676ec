/** Checking a national id against its holder and turning it into its protected, stored form. */
import type { NationalIdCipher } from '../../privacy/national-id-vault.ts';
import { DomainError } from '../errors.ts';
import { checkNationalId, maskNationalId } from '../national-id.ts';
import type { Gender, ProtectedNationalId } from './member.ts';

export function protectNationalId(
  cipher: NationalIdCipher,
  nationalId: string,
  holder: { gender: Gender; birthDate: string },
): ProtectedNationalId {
  const problem = checkNationalId(nationalId, holder);
  if (problem)
    throw new DomainError('VALIDATION_FAILED', {}, [
      { path: 'body.nationalId', code: `national_id_${problem}` },
    ]);
  return {
    sealed: cipher.seal(nationalId),
    hash: cipher.hash(nationalId),
    masked: maskNationalId(nationalId),
  };
}
