import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../config';
import type { KeyStore, Scope } from '../store/store';
import { generateKey } from './generate-key';
import { hashKey } from './hash-key';

export interface NewKeys {
  /** Keys generated now, in clear: shown once, never again (only their hashes are kept). */
  generated: { scope: Scope; key: string }[];
}

/**
 * Makes sure the keys a deployment needs exist: those from the environment, and at first start an
 * admin key and a public write key generated and shown once.
 */
export async function bootstrapKeys(store: KeyStore, config: Pick<Config, 'adminKey' | 'writeKey' | 'writeKeyOrigins'>): Promise<NewKeys> {
  const generated: NewKeys['generated'] = [];
  const ensure = async (scope: Scope, name: string, given: string | undefined, origins: string[]) => {
    if (given) {
      const hash = hashKey(given);
      if (!(await store.findByHash(hash))) {
        await store.create({ id: uuidv7(), name, scope, allowedOrigins: origins, createdAt: Date.now(), hash });
      }
      return;
    }
    if ((await store.countByScope(scope)) > 0) return;
    const key = generateKey(scope);
    await store.create({ id: uuidv7(), name: `${name} (generated)`, scope, allowedOrigins: origins, createdAt: Date.now(), hash: hashKey(key) });
    generated.push({ scope, key });
  };
  await ensure('admin', 'admin key', config.adminKey, []);
  await ensure('ingest', 'write key', config.writeKey, config.writeKeyOrigins);
  return { generated };
}
