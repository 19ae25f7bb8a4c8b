import { utf8Length } from '@eventline/core';

export interface StorageLimits {
  /** Largest stored value under one key, in bytes of its serialized form. */
  maxKeyBytes: number;
  /** Largest sum of every key and value. */
  maxTotalBytes: number;
}

/** WeChat and ByteDance: 1 MB per key, 10 MB in all. */
export const wxStorageLimits: StorageLimits = { maxKeyBytes: 1024 * 1024, maxTotalBytes: 10 * 1024 * 1024 };
/** Alipay: 200 KB per key, 10 MB in all. */
export const alipayStorageLimits: StorageLimits = { maxKeyBytes: 200 * 1024, maxTotalBytes: 10 * 1024 * 1024 };

/**
 * A device's storage for one mini-program: it outlives an app instance (a relaunch reads what the
 * killed one wrote). Values are kept serialized, as the hosts keep them, so a read returns a copy.
 */
export function createFakeStorageArea(limits: StorageLimits = wxStorageLimits) {
  const values = new Map<string, string>();
  const size = (key: string, text: string) => utf8Length(key) + utf8Length(text);
  const total = () => [...values].reduce((n, [k, v]) => n + size(k, v), 0);
  const area = {
    limits,
    values,
    /** The largest value and total ever stored, and every write refused for a limit. */
    peakKeyBytes: 0,
    peakTotalBytes: 0,
    refused: [] as Array<{ key: string; reason: 'key' | 'total' }>,
    read: (key: string): { found: boolean; data?: unknown } => {
      const text = values.get(key);
      return text === undefined ? { found: false } : { found: true, data: JSON.parse(text) as unknown };
    },
    /** Stores, or names the limit the write would pass. */
    write(key: string, data: unknown): 'key' | 'total' | undefined {
      const text = JSON.stringify(data);
      const bytes = utf8Length(text);
      if (bytes > limits.maxKeyBytes) return refuse(key, 'key');
      const old = values.get(key);
      const after = total() - (old === undefined ? 0 : size(key, old)) + size(key, text);
      if (after > limits.maxTotalBytes) return refuse(key, 'total');
      values.set(key, text);
      area.peakKeyBytes = Math.max(area.peakKeyBytes, bytes);
      area.peakTotalBytes = Math.max(area.peakTotalBytes, after);
      return undefined;
    },
    remove: (key: string) => values.delete(key),
  };
  const refuse = (key: string, reason: 'key' | 'total') => {
    area.refused.push({ key, reason });
    return reason;
  };
  return area;
}

export type FakeStorageArea = ReturnType<typeof createFakeStorageArea>;
