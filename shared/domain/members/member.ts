/**
 * A member (hội viên, đoàn viên): the one zod source of what a member is, what may be sent to
 * admit or edit one, and what each caller gets back.
 */
import { z } from 'zod';
import { branchKindSchema } from '../branches.ts';
import { recordDateSchema } from '../date-fields.ts';
import { partyIntroductionSchema } from '../party/party-introduction.ts';
import { multiLineText, singleLineText } from '../text-fields.ts';

export const GENDERS = ['male', 'female'] as const;
export const genderSchema = z.enum(GENDERS);
export type Gender = z.infer<typeof genderSchema>;

/**
 * active: present locally; away: working away (where, since when); lapsed: stopped taking part;
 * the last four end a membership in this organization.
 */
export const MEMBER_STATUSES = [
  'active',
  'away',
  'lapsed',
  'transferred_out',
  'removed',
  'deceased',
  'graduated',
] as const;
export const memberStatusSchema = z.enum(MEMBER_STATUSES);
export type MemberStatus = z.infer<typeof memberStatusSchema>;

const date = recordDateSchema;
const text = (max: number) => singleLineText({ max });
const optionalText = (max: number) => text(max).nullable().default(null);

/** Mobile (10 digits) or landline (11 digits) as written in Vietnam, leading zero kept: phone numbers are text. */
export const phoneSchema = z.string().regex(/^0\d{9,10}$/);

export const veteranServiceSchema = z
  .strictObject({
    enlistedOn: date,
    dischargedOn: date,
    unit: optionalText(200).meta({ description: 'Where the member served' }),
  })
  .refine((s) => s.enlistedOn <= s.dischargedOn, { path: ['dischargedOn'] })
  .meta({ id: 'VeteranService', description: 'Military service (Veterans’ Association)' });
export type VeteranService = z.infer<typeof veteranServiceSchema>;

export const transferDestinationSchema = z
  .strictObject({
    tenantId: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*:(farmers|women|veterans|youth)$/)
      .nullable()
      .default(null)
      .meta({ description: 'The receiving organization when it uses doanthe, e.g. "an-giang:farmers"' }),
    unitId: z.string().min(1).max(64).nullable().default(null).meta({
      description:
        'The unit of the receiving organization it is addressed to (a commune or hamlet), whose officers then handle it; without it, only the receiving organization’s admins do',
      example: '28249',
    }),
    description: text(300).meta({ example: 'Hội Nông dân xã Mỹ Hội, tỉnh Đồng Tháp' }),
  })
  .meta({ id: 'TransferDestination' });
export type TransferDestination = z.infer<typeof transferDestinationSchema>;

/** Fields an officer edits; ethnicity, religion and Party membership are sensitive (Decree 356/2025). */
const editableFields = {
  fullName: text(100).meta({ example: 'Nguyễn Văn An' }),
  gender: genderSchema,
  birthDate: date,
  nationalId: z
    .string()
    // A refinement, not a regex, so a refusal says what a CCCD is (national_id_format), not "wrong format".
    .refine((value) => /^\d{12}$/.test(value), { params: { code: 'national_id_format' } })
    .meta({ pattern: '^\\d{12}$' })
    .nullable()
    .default(null)
    .meta({ description: 'CCCD, 12 digits; stored encrypted, shown masked' }),
  phone: phoneSchema.nullable().default(null),
  ethnicity: optionalText(50).meta({ example: 'Kinh' }),
  religion: optionalText(50).meta({ example: 'Không' }),
  education: optionalText(100),
  occupation: optionalText(100),
  address: optionalText(200),
  joinedAt: date,
  cardNumber: z
    .string()
    .regex(/^[0-9A-Za-z-]{1,20}$/)
    .nullable()
    .default(null),
  partyMember: z.boolean().default(false),
  notes: multiLineText({ max: 1000 }).nullable().default(null),
  veteranService: veteranServiceSchema.nullable().default(null),
};

export const SENSITIVE_FIELDS = ['ethnicity', 'religion', 'partyMember'] as const;

/** A member's yearly rating: hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành nhiệm vụ. */
export const MEMBER_RATING_LEVELS = ['excellent', 'good', 'fulfilled', 'not_fulfilled'] as const;
export type MemberRatingLevel = (typeof MEMBER_RATING_LEVELS)[number];

export const ADMISSION_STATUSES = ['active', 'away', 'lapsed'] as const;

export const admitMemberSchema = z
  .strictObject({
    ...editableFields,
    branchId: z.string().min(1).max(64),
    status: z.enum(ADMISSION_STATUSES).default('active'),
    awayPlace: optionalText(200).meta({ description: 'Where the member works, when away' }),
  })
  .meta({ id: 'AdmitMember' });
export type AdmitMember = z.infer<typeof admitMemberSchema>;

export const updateMemberSchema = z
  .strictObject(
    Object.fromEntries(
      Object.entries(editableFields).map(([name, schema]) => [name, unwrapDefault(schema).optional()]),
    ) as {
      [K in keyof typeof editableFields]: z.ZodOptional<z.ZodType<z.output<(typeof editableFields)[K]>>>;
    },
  )
  .meta({ id: 'UpdateMember', description: 'Only the fields sent change; null clears a field' });
export type UpdateMember = z.infer<typeof updateMemberSchema>;

function unwrapDefault(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema;
}

export const statusChangeSchema = z
  .strictObject({
    status: memberStatusSchema,
    reason: text(500),
    effectiveDate: date,
    awayPlace: optionalText(200),
  })
  .meta({ id: 'StatusChange' });
export type StatusChange = z.infer<typeof statusChangeSchema>;

export const transferSchema = z
  .strictObject({
    toBranchId: z.string().min(1).max(64),
    reason: optionalText(500),
    effectiveDate: date.optional(),
  })
  .meta({ id: 'Transfer' });

export const transferOutSchema = z
  .strictObject({ destination: transferDestinationSchema, reason: text(500), effectiveDate: date })
  .meta({ id: 'TransferOut' });

/** The national id as kept: sealed for reading back, hashed for lookups, masked for showing. */
export const protectedNationalIdSchema = z.object({
  sealed: z.string(),
  hash: z.string(),
  masked: z.string(),
});
export type ProtectedNationalId = Readonly<z.infer<typeof protectedNationalIdSchema>>;

/**
 * How the member came in — the first event of their history — kept on the member rather than as
 * an event item of its own (one item and one write unit fewer per member) and read back as that
 * event (history.ts); what the member itself says (the date, the time recorded) is not repeated,
 * nor are the usual values (admitted, active). Absent on members stored with that event as an item.
 */
export const memberAdmissionSchema = z.object({
  by: z.object({ userId: z.string(), username: z.string() }),
  branchId: z.string(),
  type: z.enum(['admitted', 'transferred_in']).optional(),
  status: memberStatusSchema.optional(),
  awayPlace: z.string().optional(),
  reason: z.string().optional(),
});
export type MemberAdmission = Readonly<z.infer<typeof memberAdmissionSchema>>;

/**
 * A member as stored and as the domain reasons about it. The one list of a member's fields: the
 * repository reads back `MEMBER_FIELDS` (its keys) and the views below are cut from it, so a
 * field added here is stored, read and shown without a second list to forget.
 */
export const storedMemberSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  gender: genderSchema,
  birthDate: date,
  nationalId: protectedNationalIdSchema.nullable(),
  phone: z.string().nullable(),
  ethnicity: z.string().nullable(),
  religion: z.string().nullable(),
  education: z.string().nullable(),
  occupation: z.string().nullable(),
  address: z.string().nullable(),
  joinedAt: date,
  cardNumber: z.string().nullable(),
  partyMember: z.boolean(),
  notes: z.string().nullable(),
  veteranService: veteranServiceSchema.nullable(),
  branchId: z.string(),
  /**
   * The branch's kind, copied at placement so figures count members of professional branches
   * from the member alone; absent (null) on members stored before it was kept.
   */
  branchKind: branchKindSchema.nullable().optional(),
  /** The branch's unit, and its ancestors from the province down: the member's place in the tree. */
  unitId: z.string(),
  unitIds: z.array(z.string()).readonly(),
  communeId: z.string().nullable(),
  status: memberStatusSchema,
  statusSince: date,
  awayPlace: z.string().nullable(),
  transferredTo: transferDestinationSchema.nullable(),
  /** The yearly rating by year (`'2025'`): excellent, good, fulfilled, not fulfilled; absent when never rated. */
  ratings: z.record(z.string().regex(/^\d{4}$/), z.enum(MEMBER_RATING_LEVELS)).optional(),
  /** Every introduction to the Party, oldest first; absent on members never introduced. Sensitive. */
  partyIntroductions: z.array(partyIntroductionSchema).readonly().optional(),
  admission: memberAdmissionSchema.optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Bumped by every change; the ETag. */
  version: z.number().int(),
});
export type Member = Readonly<z.infer<typeof storedMemberSchema>>;

/** Every field of a stored member, in the schema's order. */
export const MEMBER_FIELDS = storedMemberSchema.keyof().options;

const nationalIdMasked = z.string().nullable().meta({ example: '*********123' });
const sensitive = { description: 'Sensitive: only for roles that need it' };

export const memberSummarySchema = storedMemberSchema
  .pick({
    id: true,
    fullName: true,
    gender: true,
    birthDate: true,
    phone: true,
    branchId: true,
    unitId: true,
    status: true,
    cardNumber: true,
  })
  .extend({ nationalIdMasked })
  .meta({ id: 'MemberSummary' });
export type MemberSummary = z.infer<typeof memberSummarySchema>;

/**
 * What a member's reader gets: every stored field but the sealed national id (shown masked) and
 * the placement copies kept for indexes and figures; sensitive fields only for roles that need them.
 */
export const memberViewSchema = storedMemberSchema
  .omit({ nationalId: true, branchKind: true, unitIds: true, communeId: true, admission: true })
  .extend({
    nationalIdMasked,
    ethnicity: storedMemberSchema.shape.ethnicity.optional().meta(sensitive),
    religion: storedMemberSchema.shape.religion.optional().meta(sensitive),
    partyMember: storedMemberSchema.shape.partyMember.optional().meta(sensitive),
    partyIntroductions: storedMemberSchema.shape.partyIntroductions.meta(sensitive),
  })
  .meta({ id: 'Member' });
export type MemberView = z.infer<typeof memberViewSchema>;

export function summaryOf(member: Member): MemberSummary {
  return {
    id: member.id,
    fullName: member.fullName,
    gender: member.gender,
    birthDate: member.birthDate,
    nationalIdMasked: member.nationalId?.masked ?? null,
    phone: member.phone,
    branchId: member.branchId,
    unitId: member.unitId,
    status: member.status,
    cardNumber: member.cardNumber,
  };
}

/** The view of a member: the fields the view schema omits are taken out by name, the rest follow. */
export function viewOf(member: Member, withSensitive: boolean): MemberView {
  const {
    nationalId,
    branchKind: _kind,
    unitIds: _unitIds,
    communeId: _communeId,
    admission: _admission,
    ethnicity,
    religion,
    partyMember,
    partyIntroductions,
    ratings,
    ...shown
  } = member;
  return {
    ...shown,
    // Absent on members never rated, whether just admitted or read back: always a record.
    ratings: ratings ?? {},
    nationalIdMasked: nationalId?.masked ?? null,
    ...(withSensitive && { ethnicity, religion, partyMember, partyIntroductions: partyIntroductions ?? [] }),
  };
}

export const MEMBER_EVENT_TYPES = [
  'admitted',
  'status_changed',
  'transferred',
  'transferred_out',
  'transferred_in',
] as const;

export const memberEventSchema = z
  .object({
    id: z.string(),
    type: z.enum(MEMBER_EVENT_TYPES),
    status: memberStatusSchema,
    effectiveDate: date,
    reason: z.string().nullable(),
    awayPlace: z.string().nullable(),
    fromBranchId: z.string().nullable(),
    toBranchId: z.string().nullable(),
    recordedAt: z.iso.datetime(),
    recordedBy: z.object({ userId: z.string(), username: z.string() }),
  })
  .meta({ id: 'MemberEvent' });
export type MemberEvent = z.infer<typeof memberEventSchema>;
