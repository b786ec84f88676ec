/** What a person types to sign in, checked the same way by the token endpoint and the sign-in page. */
import { z } from 'zod';
import { passwordSchema } from '../domain/provinces.ts';
import { singleLineText } from '../domain/text-fields.ts';

export const signInSchema = z
  .strictObject({
    username: singleLineText({ max: 64 }),
    // Sign-in accepts any length an account could have been given, and nothing longer.
    password: z
      .string()
      .min(1)
      .max(passwordSchema.maxLength ?? 256),
  })
  .meta({ id: 'SignIn' });
