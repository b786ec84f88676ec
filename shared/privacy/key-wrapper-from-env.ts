/** The key wrapper a deployment uses: KMS on AWS (KMS_KEY_ID), a master key file in DATA_DIR on one machine. */
import { join } from 'node:path';
import type { Env } from '../config/env.ts';
import type { KeyWrapper } from './key-wrapper.ts';
import { KmsKeyWrapper } from './kms-key-wrapper.ts';
import { LocalKeyWrapper } from './local-key-wrapper.ts';

export function keyWrapperFrom(env: Pick<Env, 'KMS_KEY_ID' | 'DATA_DIR'>): KeyWrapper {
  return env.KMS_KEY_ID
    ? new KmsKeyWrapper(env.KMS_KEY_ID)
    : new LocalKeyWrapper(join(env.DATA_DIR, 'keys', 'master-key.json'));
}
