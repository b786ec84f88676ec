/**
 * What the members code uses to protect national IDs. Each tenant seals under its own data key,
 * so one organization's stored numbers mean nothing to another; hashes are made under the
 * province's hash key, so the Front can count distinct people across the four organizations
 * without any of them seeing another's numbers. Keys are made on first use, stored wrapped, and
 * kept unwrapped in this process's memory only.
 */
import { randomBytes } from 'node:crypto';
import { provinceOf, type TenantId } from '../domain/tenant-id.ts';
import { PrivacyKeyRepository } from '../store/repositories/privacy-keys.ts';
import type { Table } from '../store/table.ts';
import { open, seal } from './field-cipher.ts';
import type { KeyWrapper } from './key-wrapper.ts';
import { canonicalNationalId, hashNationalId } from './keyed-hash.ts';

export interface NationalIdCipher {
  /** Stored form: AES-256-GCM under the tenant's data key, bound to the tenant (AAD). */
  seal(nationalId: string): string;
  open(sealed: string): string;
  /** HMAC-SHA256 under the province's hash key: the same person hashes alike in all four organizations. */
  hash(nationalId: string): string;
}

export interface SecretCipher {
  seal(secret: string): string;
  open(sealed: string): string;
}

export class NationalIdVault {
  private readonly keys: PrivacyKeyRepository;
  // Promises rather than keys: concurrent first requests of a process share one load.
  private readonly dataKeys = new Map<TenantId, Promise<Buffer>>();
  private readonly hashKeys = new Map<string, Promise<Buffer>>();

  constructor(
    table: Table,
    private readonly wrapper: KeyWrapper,
  ) {
    this.keys = new PrivacyKeyRepository(table);
  }

  async cipherFor(tenant: TenantId): Promise<NationalIdCipher> {
    const province = provinceOf(tenant);
    const [dataKey, hashKey] = await Promise.all([
      this.dataKey(tenant),
      this.cached(this.hashKeys, province, () =>
        this.keys.provinceHashKey(province, () => this.newWrappedKey()),
      ),
    ]);
    const associatedData = `doanthe/national-id/${tenant}`;
    return {
      seal: (nationalId) => seal(canonicalNationalId(nationalId), dataKey, associatedData),
      open: (sealed) => open(sealed, dataKey, associatedData),
      hash: (nationalId) => hashNationalId(nationalId, hashKey),
    };
  }

  /**
   * The tenant's other secrets (webhook signing secrets) under the same data key, each bound to
   * its purpose and tenant: a sealed secret copied elsewhere, or taken for a national id, does not open.
   */
  async secretCipherFor(tenant: TenantId, purpose: string): Promise<SecretCipher> {
    const dataKey = await this.dataKey(tenant);
    const associatedData = `doanthe/${purpose}/${tenant}`;
    return {
      seal: (secret) => seal(secret, dataKey, associatedData),
      open: (sealed) => open(sealed, dataKey, associatedData),
    };
  }

  private dataKey(tenant: TenantId): Promise<Buffer> {
    return this.cached(this.dataKeys, tenant, () => this.keys.dataKey(tenant, () => this.newWrappedKey()));
  }

  private newWrappedKey(): Promise<string> {
    return this.wrapper.wrap(randomBytes(32));
  }

  private cached<K>(
    cache: Map<K, Promise<Buffer>>,
    id: K,
    readOrCreate: () => Promise<string>,
  ): Promise<Buffer> {
    let key = cache.get(id);
    if (!key) {
      key = readOrCreate().then((wrapped) => this.wrapper.unwrap(wrapped));
      cache.set(id, key);
      // A failed load (throttling, a network blip) must not stick: the next request tries again.
      key.catch(() => {
        if (cache.get(id) === key) cache.delete(id);
      });
    }
    return key;
  }
}
