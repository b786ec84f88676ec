/**
 * What KmsKeyWrapper asks of KMS. No KMS runs here, so a stand-in client checks the requests
 * and answers as KMS would; whether the real KMS and the stack's IAM condition accept them is
 * only known on AWS.
 */
import { createHash } from 'node:crypto';
import { type DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { KEY_WRAP_CONTEXT } from '../../shared/privacy/key-wrapper.ts';
import { KmsKeyWrapper } from '../../shared/privacy/kms-key-wrapper.ts';

const KEY_ARN = 'arn:aws:kms:ap-southeast-1:111122223333:key/test';

/** XORs with a pad derived from key id and context: opening needs both, as with KMS. */
function standInKms() {
  const requests: (EncryptCommand | DecryptCommand)[] = [];
  const pad = (keyId: string | undefined, context: Record<string, string> | undefined) =>
    createHash('sha256')
      .update(`${keyId}|${JSON.stringify(context)}`)
      .digest();
  const xor = (data: Uint8Array, with_: Buffer) => Buffer.from(data.map((byte, i) => byte ^ (with_[i] ?? 0)));
  const client = {
    send: async (command: EncryptCommand | DecryptCommand) => {
      requests.push(command);
      const { KeyId, EncryptionContext } = command.input;
      if (command instanceof EncryptCommand)
        return {
          CiphertextBlob: xor(command.input.Plaintext ?? new Uint8Array(), pad(KeyId, EncryptionContext)),
        };
      return {
        Plaintext: xor(command.input.CiphertextBlob ?? new Uint8Array(), pad(KeyId, EncryptionContext)),
      };
    },
  } as unknown as Pick<KMSClient, 'send'>;
  return { client, requests };
}

describe('KmsKeyWrapper', () => {
  it('wraps and unwraps with the configured key and the purpose as encryption context', async () => {
    // Prepare
    const kms = standInKms();
    const wrapper = new KmsKeyWrapper(KEY_ARN, kms.client);
    const key = Buffer.alloc(32, 7);

    // Act
    const wrapped = await wrapper.wrap(key);
    const unwrapped = await wrapper.unwrap(wrapped);

    // Assess
    expect(unwrapped.equals(key)).toBe(true);
    expect(wrapped).toMatch(/^kms:/);
    expect(kms.requests.map((r) => [r.constructor.name, r.input.KeyId, r.input.EncryptionContext])).toEqual([
      ['EncryptCommand', KEY_ARN, KEY_WRAP_CONTEXT],
      ['DecryptCommand', KEY_ARN, KEY_WRAP_CONTEXT],
    ]);
  });

  it('refuses a key wrapped by the local master key, naming the likely cause', async () => {
    // Prepare
    const wrapper = new KmsKeyWrapper(KEY_ARN, standInKms().client);

    // Act & Assess
    await expect(wrapper.unwrap('local:v1.a.b.c')).rejects.toThrow(/not wrapped by KMS/);
  });
});
