import type { SyncStorage } from './platform';

/**
 * Takes out of `storage` what pages (this tab's earlier ones, or other tabs) saved under
 * `{prefix}:unsent:…` as they went away, and gives each saved item to `take`: an event, or a `track`
 * call made before that page's load (an array, with its uuid and time). This page's own key, `ownKey`,
 * is removed unread: what it saved is still in memory.
 */
export function restoreUnsent<T>(storage: SyncStorage, prefix: string, ownKey: string, take: (item: T) => void): void {
  for (const key of Object.keys(storage)) {
    if (!key.startsWith(`${prefix}:unsent:`)) continue;
    const saved = storage.getItem(key)!;
    storage.removeItem(key);
    if (key !== ownKey) for (const item of JSON.parse(saved) as T[]) take(item);
  }
}
