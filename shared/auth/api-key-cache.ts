/**
 * API keys as last read, by their secret's hash, for at most 30 s: a busy integration's requests
 * cost no read of its key. The process that revokes a key forgets it at once; other processes
 * (Lambda instances share no memory) stop accepting it when their copy runs out, within 30 s
 * (ADR 0011). A key's expiry is checked on the copy at every request, so it needs no forgetting.
 */
import type { TenantId } from '../domain/tenant-id.ts';
import type { StoredApiKey } from '../store/repositories/api-keys.ts';

export const API_KEY_CACHE_MS = 30_000;
/** Far more keys than a process serves at once; past it, the oldest copy makes room. */
const MAX_KEYS = 1_000;

export interface KnownApiKey {
  readonly tenantId: TenantId;
  readonly key: StoredApiKey;
}

export class ApiKeyCache {
  private readonly known = new Map<string, KnownApiKey & { readonly until: number }>();

  get(hash: string, now: Date): KnownApiKey | undefined {
    const copy = this.known.get(hash);
    if (copy && copy.until > now.getTime()) return copy;
    this.known.delete(hash);
    return undefined;
  }

  put(hash: string, known: KnownApiKey, now: Date): void {
    const oldest = this.known.keys().next();
    if (this.known.size >= MAX_KEYS && !oldest.done) this.known.delete(oldest.value);
    this.known.set(hash, { ...known, until: now.getTime() + API_KEY_CACHE_MS });
  }

  /** The key's last use as now known, noted by this process or another. */
  noteUse(hash: string, at: string): void {
    const copy = this.known.get(hash);
    if (copy) this.known.set(hash, { ...copy, key: { ...copy.key, lastUsedAt: at } });
  }

  forget(hash: string): void {
    this.known.delete(hash);
  }
}
