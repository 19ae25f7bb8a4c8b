import type { SyncStorage } from '../platform';

/** A stand-in for `localStorage` in Node: its items are its own enumerable keys, as `Object.keys(localStorage)` lists them. */
export function createMemorySyncStorage(): SyncStorage & Record<string, string> {
  const items: Record<string, string> = {};
  return Object.defineProperties(items, {
    getItem: { value: (key: string) => (Object.hasOwn(items, key) ? items[key] : null) },
    setItem: { value: (key: string, value: string) => void (items[key] = String(value)) },
    removeItem: { value: (key: string) => void delete items[key] },
  }) as SyncStorage & Record<string, string>;
}
