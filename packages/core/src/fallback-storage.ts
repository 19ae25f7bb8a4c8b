import { StorageError } from './errors/storage-error';
import { createMemoryStorage } from './memory-storage';
import type { KeyValueStorage } from './platform';

/**
 * Wraps a persistent storage so that its first failure (IndexedDB missing in private mode, quota,
 * a mini-program's storage limit) switches every later call to memory: tracking goes on, and what
 * could not be written is simply not kept across visits. `onFail` is told once.
 */
export function createFallbackStorage(primary: KeyValueStorage, onFail: (error: StorageError) => void): KeyValueStorage {
  const memory = createMemoryStorage();
  let current: KeyValueStorage = primary;
  const run = async <T>(op: (s: KeyValueStorage) => Promise<T>): Promise<T> => {
    if (current === memory) return op(memory);
    try {
      return await op(primary);
    } catch (cause) {
      if (current !== memory) {
        current = memory;
        onFail(new StorageError('storage failed; keeping events in memory from now on', { cause }));
      }
      return op(memory);
    }
  };
  return {
    get: (key) => run((s) => s.get(key)),
    set: (key, value) => run((s) => s.set(key, value)),
    del: (key) => run((s) => s.del(key)),
  };
}
