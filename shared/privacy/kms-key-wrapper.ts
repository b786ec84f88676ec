/**
 * Wraps keys with a KMS key on AWS: the key material never leaves KMS, every unwrap is a
 * CloudTrail event, and the stack lets the API function use the key for this purpose only.
 * Untested here: there is no KMS emulator in the test set-up, so this stays as small as the
 * two calls it makes.
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import { KEY_WRAP_CONTEXT, type KeyWrapper } from './key-wrapper.ts';

const PREFIX = 'kms:';

export class KmsKeyWrapper implements KeyWrapper {
  constructor(
    private readonly keyId: string,
    private client?: Pick<KMSClient, 'send'>,
  ) {}

  /** The KMS client loads with the first key a function wraps or unwraps, not at every cold start. */
  private async kms() {
    const sdk = await import('@aws-sdk/client-kms');
    this.client ??= new sdk.KMSClient({});
    return { sdk, client: this.client };
  }

  async wrap(key: Buffer): Promise<string> {
    const { sdk, client } = await this.kms();
    const result = await client.send(
      new sdk.EncryptCommand({
        KeyId: this.keyId,
        Plaintext: key,
        EncryptionContext: { ...KEY_WRAP_CONTEXT },
      }),
    );
    if (!result.CiphertextBlob) throw new Error('KMS returned no ciphertext');
    return PREFIX + Buffer.from(result.CiphertextBlob).toString('base64url');
  }

  async unwrap(wrapped: string): Promise<Buffer> {
    if (!wrapped.startsWith(PREFIX))
      throw new Error('This key was not wrapped by KMS (a local install’s key?)');
    const { sdk, client } = await this.kms();
    const result = await client.send(
      new sdk.DecryptCommand({
        // Naming the key makes KMS refuse a blob wrapped under any other key.
        KeyId: this.keyId,
        CiphertextBlob: Buffer.from(wrapped.slice(PREFIX.length), 'base64url'),
        EncryptionContext: { ...KEY_WRAP_CONTEXT },
      }),
    );
    if (!result.Plaintext) throw new Error('KMS returned no plaintext');
    return Buffer.from(result.Plaintext);
  }
}
