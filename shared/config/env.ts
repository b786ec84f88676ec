/**
 * Process configuration, parsed once at module load so a bad variable fails the start,
 * not the first request that happens to read it.
 */
import { z } from 'zod';

/** An empty variable (`FOO= npm start`) means unset, as a shell user would expect. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const envSchema = z.object({
  TABLE_NAME: z.string().min(3).default('doanthe'),
  DYNAMODB_ENDPOINT: optional(z.url()),
  AWS_REGION: z.string().default('local'),
  DATA_DIR: z.string().default('./.data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** On AWS: the Secrets Manager secret holding the signing keys; locally they live in DATA_DIR. */
  SIGNING_KEY_SECRET_ID: optional(z.string()),
  /**
   * On AWS: the KMS key (id or ARN) that wraps the keys protecting national IDs; locally a master
   * key file in DATA_DIR/keys does.
   */
  KMS_KEY_ID: optional(z.string()),
  TOKEN_ISSUER: z.string().default('https://doanthe.local'),
  TOKEN_AUDIENCE: z.string().default('doanthe-api'),
  /**
   * Whether webhooks may be sent to private, loopback, link-local and metadata addresses (and over
   * http): true under `npm start`, so a receiver on the same machine works; never on AWS.
   */
  WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: optional(z.stringbool()).transform((allowed) => allowed === true),
  /** On AWS: the bucket of exports and uploaded imports; locally they live in DATA_DIR/files. */
  FILES_BUCKET: optional(z.string()),
  /** An S3-compatible endpoint for FILES_BUCKET (tests against an emulator); unset on AWS. */
  FILES_ENDPOINT: optional(z.url()),
  /** On AWS: the queue the file jobs (exports, imports) are sent to; locally they run in the process. */
  FILE_JOBS_QUEUE_URL: optional(z.url()),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Cấu hình không hợp lệ / Invalid configuration: ${fields}`);
  }
  return parsed.data;
}
