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
  let current = primary;
  const call =
    <K extends keyof KeyValueStorage>(op: K) =>
    async (...args: Parameters<KeyValueStorage[K]>): Promise<never> => {
      try {
        return await (current[op] as (...a: unknown[]) => Promise<never>)(...args);
      } catch (cause) {
        if (current === memory) throw cause;
        current = memory;
        onFail(new StorageError('storage failed: using memory', { cause }));
        return (memory[op] as (...a: unknown[]) => Promise<never>)(...args);
      }
    };
  return { get: call('get'), set: call('set'), del: call('del') };
}
