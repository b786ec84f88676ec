/**
 * Outstanding members introduced to the Party (giới thiệu đoàn viên, hội viên ưu tú cho Đảng xem
 * xét, kết nạp): the one zod source of an introduction as kept on its member, and of what may be
 * sent to record one and its outcome.
 *
 * An introduction is made on a day by a branch, under a decision; it stays pending until the
 * Party's answer — admitted (the member is then a Party member), not admitted — or until the
 * branch withdraws it. Every introduction a member ever had is kept on the member, oldest first,
 * so the year it was made in still counts after the member is introduced again.
 *
 * Party membership is political affiliation, a sensitive field (Decree 356/2025): who was
 * introduced is for the roles that see sensitive fields; everyone else reads counts.
 */
import { z } from 'zod';
import { recordDateSchema } from '../date-fields.ts';
import { singleLineText } from '../text-fields.ts';

export const PARTY_OUTCOMES = ['admitted', 'not_admitted', 'withdrawn'] as const;
export type PartyOutcome = (typeof PARTY_OUTCOMES)[number];
export const PARTY_STATES = ['pending', ...PARTY_OUTCOMES] as const;
export type PartyState = (typeof PARTY_STATES)[number];

const decisionNumber = singleLineText({ max: 60 }).meta({ example: '12-QĐ/ĐTN' });
const note = singleLineText({ max: 500 }).nullable().default(null);

export const partyIntroductionSchema = z
  .object({
    id: z.string(),
    introducedOn: recordDateSchema,
    /** The branch that introduced the member: theirs at the time. */
    branchId: z.string(),
    decisionNumber: z.string(),
    note: z.string().nullable(),
    state: z.enum(PARTY_STATES),
    /** The day of the answer (admission, refusal) or of the withdrawal; null while pending. */
    decidedOn: recordDateSchema.nullable(),
    decisionNote: z.string().nullable(),
    recordedBy: z.string().meta({ description: 'Username of who recorded the introduction' }),
  })
  .meta({ id: 'PartyIntroduction' });
export type PartyIntroduction = z.infer<typeof partyIntroductionSchema>;

export const introduceToPartySchema = z
  .strictObject({
    introducedOn: recordDateSchema,
    decisionNumber,
    note,
  })
  .meta({ id: 'IntroduceToParty' });
export type IntroduceToParty = z.infer<typeof introduceToPartySchema>;

export const partyOutcomeSchema = z
  .strictObject({
    state: z.enum(PARTY_OUTCOMES),
    decidedOn: recordDateSchema,
    note,
  })
  .meta({ id: 'PartyOutcome' });
export type PartyOutcomeRequest = z.infer<typeof partyOutcomeSchema>;

/** Whether an introduction counts among the year's introductions: a withdrawn one was taken back. */
export const countsAsIntroduced = (introduction: Pick<PartyIntroduction, 'state'>) =>
  introduction.state !== 'withdrawn';

/** One row of the list of who was introduced: the introduction and where its member is now. */
export const partyIntroductionEntrySchema = partyIntroductionSchema
  .extend({
    memberId: z.string(),
    fullName: z.string(),
    unitId: z.string().meta({ description: 'The unit of the member’s branch' }),
    memberBranchId: z.string().meta({ description: 'The member’s branch now' }),
  })
  .meta({ id: 'PartyIntroductionEntry' });
export type PartyIntroductionEntry = z.infer<typeof partyIntroductionEntrySchema>;

export const PARTY_ENTRY_FIELDS = partyIntroductionEntrySchema.keyof().options;
