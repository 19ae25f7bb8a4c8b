import { v7 as uuidv7 } from 'uuid';
import { generateKey } from '../auth/generate-key';
import { hashKey } from '../auth/hash-key';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import type { KeyRecord } from '../store/store';

/** A new key: only its hash is kept, so the answer is the one time the key itself is seen. */
export async function createKey(services: Pick<Services, 'store'>, input: Omit<KeyRecord, 'id' | 'createdAt'>): Promise<KeyRecord & { key: string }> {
  const key = generateKey(input.scope);
  const record: KeyRecord = { id: uuidv7(), ...input, createdAt: Date.now() };
  await services.store.keys.create({ ...record, hash: hashKey(key) });
  return { ...record, key };
}

/** Revokes a live key, never the last admin key; other collectors stop accepting it within their cache poll. */
export async function revokeKey(services: Pick<Services, 'store' | 'caches'>, id: string): Promise<KeyRecord> {
  const { keys } = services.store;
  const target = (await keys.list()).find((k) => k.id === id);
  if (!target) throw new HttpError(404, 'not_found', `there is no live key with the id "${id}"`);
  if (target.scope === 'admin' && (await keys.countByScope('admin')) === 1) {
    throw new HttpError(409, 'conflict', 'this is the last admin key: create another admin key before revoking it');
  }
  await keys.revoke(id, Date.now());
  await services.caches.changed('keys');
  return target;
}
