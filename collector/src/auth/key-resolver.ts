import type { KeyRecord, KeyStore } from '../store/store';
import { hashKey } from './hash-key';

const ttlMs = 5_000;

/**
 * Finds the key a request presents. Answers are cached for a few seconds so ingest does not query the
 * store per request; a revoked key stops working within that time.
 */
export class KeyResolver {
  private readonly cache = new Map<string, { record: KeyRecord | undefined; until: number }>();

  constructor(private readonly store: KeyStore) {}

  async resolve(key: string): Promise<KeyRecord | undefined> {
    const hash = hashKey(key);
    const now = Date.now();
    const hit = this.cache.get(hash);
    if (hit && hit.until > now) return hit.record;
    const record = await this.store.findByHash(hash);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { record, until: now + ttlMs });
    return record;
  }

  forget(): void {
    this.cache.clear();
  }
}
