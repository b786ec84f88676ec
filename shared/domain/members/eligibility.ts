/**
 * Who may join: each organization's rule, checked on admission. Defaults follow the
 * organizations' charters; each tenant may tune its own (GET/PUT /api/v1/settings/eligibility).
 */
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { Organization } from '../organizations.ts';
import { type Gender, genderSchema, type VeteranService } from './member.ts';

export const eligibilityRulesSchema = z
  .strictObject({
    minAge: z.number().int().min(0).max(120),
    maxAge: z.number().int().min(0).max(120).nullable(),
    genders: z.array(genderSchema).min(1).nullable().meta({ description: 'null: anyone' }),
    requiresMilitaryService: z.boolean(),
  })
  .refine((r) => r.maxAge === null || r.maxAge >= r.minAge, { path: ['maxAge'] })
  .meta({ id: 'EligibilityRules' });
export type EligibilityRules = z.infer<typeof eligibilityRulesSchema>;

export const DEFAULT_ELIGIBILITY: Record<Organization, EligibilityRules> = {
  farmers: { minAge: 18, maxAge: null, genders: null, requiresMilitaryService: false },
  women: { minAge: 18, maxAge: null, genders: ['female'], requiresMilitaryService: false },
  veterans: { minAge: 18, maxAge: null, genders: null, requiresMilitaryService: true },
  youth: { minAge: 16, maxAge: 30, genders: null, requiresMilitaryService: false },
};

/** Full years between a birth date and a day, both ISO dates: a birthday counts on the day itself. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

export interface Applicant {
  readonly gender: Gender;
  readonly birthDate: string;
  readonly veteranService: VeteranService | null;
}

/** Throws NOT_ELIGIBLE naming the broken rule, judged on the day of admission. */
export function checkEligibility(rules: EligibilityRules, applicant: Applicant, admittedOn: string): void {
  const age = ageOn(applicant.birthDate, admittedOn);
  if (age < rules.minAge)
    throw new DomainError(
      'NOT_ELIGIBLE',
      { rule: 'min_age', limit: String(rules.minAge), age: String(age) },
      [{ path: 'body.birthDate', code: 'not_eligible' }],
    );
  if (rules.maxAge !== null && age > rules.maxAge)
    throw new DomainError(
      'NOT_ELIGIBLE',
      { rule: 'max_age', limit: String(rules.maxAge), age: String(age) },
      [{ path: 'body.birthDate', code: 'not_eligible' }],
    );
  if (rules.genders && !rules.genders.includes(applicant.gender))
    throw new DomainError('NOT_ELIGIBLE', { rule: 'gender' }, [
      { path: 'body.gender', code: 'not_eligible' },
    ]);
  if (rules.requiresMilitaryService && !applicant.veteranService)
    throw new DomainError('NOT_ELIGIBLE', { rule: 'military_service' }, [
      { path: 'body.veteranService', code: 'not_eligible' },
    ]);
}
