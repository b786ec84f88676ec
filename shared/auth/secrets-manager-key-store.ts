/**
 * Signing keys in a Secrets Manager secret. The stack creates the secret with a placeholder;
 * the first cold start writes a key set with a fixed ClientRequestToken, so concurrent cold
 * starts cannot store two different sets: the second write is refused and reads the first.
 */
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { KeyStore } from './key-store.ts';

const FIRST_KEY_SET_REQUEST = 'doanthe-first-signing-key-set-0000000001';

export class SecretsManagerKeyStore implements KeyStore {
  private readonly client = new SecretsManagerClient({});

  constructor(private readonly secretId: string) {}

  async read(): Promise<string | undefined> {
    const result = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId }));
    return hasKeys(result.SecretString) ? result.SecretString : undefined;
  }

  async createIfAbsent(value: string): Promise<string> {
    try {
      await this.client.send(
        new PutSecretValueCommand({
          SecretId: this.secretId,
          SecretString: value,
          ClientRequestToken: FIRST_KEY_SET_REQUEST,
        }),
      );
      return value;
    } catch (error) {
      if (!(error instanceof ResourceExistsException)) throw error;
      return (await this.read()) ?? value;
    }
  }
}

function hasKeys(secret: string | undefined): secret is string {
  try {
    const parsed = JSON.parse(secret ?? '') as { keys?: unknown[] };
    return Array.isArray(parsed.keys) && parsed.keys.length > 0;
  } catch {
    return false;
  }
}
