/**
 * A province on the platform, and what onboarding one takes: its communes, and the first
 * administrator of each of its four organizations and of its Front.
 */
import { z } from 'zod';
import { recordDateSchema } from './date-fields.ts';
import { TENANT_KINDS } from './organizations.ts';
import { singleLineText } from './text-fields.ts';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(40);

export const usernameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/)
  .meta({
    description: 'Lower-case letters, digits, dot, dash, underscore; 3–64 characters',
    example: 'farmers.admin',
  });

export const passwordSchema = z.string().min(12).max(256);

export const firstAdminSchema = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
  displayName: singleLineText({ max: 120 }),
});

export const communeInputSchema = z.strictObject({
  code: z.string().regex(/^\d{5}$/),
  name: singleLineText({ max: 120 }),
  type: z.enum(['xa', 'phuong', 'thi_tran']),
});

export const onboardProvinceSchema = z
  .strictObject({
    id: slug.meta({ example: 'dong-thap' }),
    code: z
      .string()
      .regex(/^\d{2}$/)
      .meta({ example: '82' }),
    name: singleLineText({ max: 120 }).meta({ example: 'Tỉnh Đồng Tháp' }),
    /** Date the unit tree is valid from (the 2025 reorganization, for Đồng Tháp). */
    validFrom: recordDateSchema,
    communes: z.array(communeInputSchema).max(500),
    admins: z
      .strictObject(
        Object.fromEntries(TENANT_KINDS.map((kind) => [kind, firstAdminSchema])) as {
          [K in (typeof TENANT_KINDS)[number]]: typeof firstAdminSchema;
        },
      )
      .meta({ description: "Each organization's admin; the Front's (`front`) is its read-only viewer" }),
    /** The Front's provincial staff (front_admin): edits the province's map, reads aggregates only. */
    frontAdmin: firstAdminSchema.optional(),
  })
  // Repeated keys would reach DynamoDB as two writes of one item, which it refuses with a 500.
  .superRefine((input, ctx) => {
    const seenCodes = new Set<string>();
    input.communes.forEach(({ code }, i) => {
      if (seenCodes.has(code))
        ctx.addIssue({ code: 'custom', path: ['communes', i, 'code'], message: 'Duplicate commune code' });
      seenCodes.add(code);
    });
    const seenUsernames = new Set<string>();
    for (const kind of TENANT_KINDS) {
      const { username } = input.admins[kind];
      if (seenUsernames.has(username))
        ctx.addIssue({ code: 'custom', path: ['admins', kind, 'username'], message: 'Duplicate username' });
      seenUsernames.add(username);
    }
    if (input.frontAdmin && seenUsernames.has(input.frontAdmin.username))
      ctx.addIssue({ code: 'custom', path: ['frontAdmin', 'username'], message: 'Duplicate username' });
  })
  .meta({ id: 'OnboardProvince' });
export type OnboardProvinceInput = z.infer<typeof onboardProvinceSchema>;

export const provinceSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    tenants: z.array(z.object({ tenantId: z.string(), kind: z.enum(TENANT_KINDS) })),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Province' });
export type Province = z.infer<typeof provinceSchema>;
