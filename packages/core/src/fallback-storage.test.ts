import { describe, expect, it, vi } from 'vitest';
import { StorageError } from './errors/storage-error';
import { createFallbackStorage } from './fallback-storage';
import { createMemoryStorage } from './memory-storage';

describe('createFallbackStorage', () => {
  it('uses the primary storage while it works', async () => {
    const primary = createMemoryStorage();
    const storage = createFallbackStorage(primary, () => {});
    await storage.set('k', { a: 1 });
    expect(await primary.get('k')).toEqual({ a: 1 });
  });

  it('moves to memory at the first failure, says so once, and keeps working', async () => {
    const broken = {
      get: vi.fn(async () => {
        throw new Error('QuotaExceededError');
      }),
      set: vi.fn(async () => {
        throw new Error('QuotaExceededError');
      }),
      del: vi.fn(async () => {}),
    };
    const onFail = vi.fn();
    const storage = createFallbackStorage(broken, onFail);
    await storage.set('k', 1);
    await storage.set('k2', 2);
    expect(await storage.get('k')).toBe(1);
    expect(await storage.get('k2')).toBe(2);
    expect(onFail).toHaveBeenCalledTimes(1);
    expect(onFail.mock.calls[0]![0]).toBeInstanceOf(StorageError);
    expect(broken.set).toHaveBeenCalledTimes(1);
  });
});
