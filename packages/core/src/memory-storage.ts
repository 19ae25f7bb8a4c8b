import type { KeyValueStorage } from './platform';

/** Storage that lives as long as the page or app: the fallback when the real one fails, and for tests. */
export function createMemoryStorage(): KeyValueStorage {
  const values = new Map<string, unknown>();
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => void values.set(key, value),
    del: async (key) => void values.delete(key),
  };
}
