import { limits } from '@eventline/protocol/limits';
import type { KeyValueStorage, Platform } from '@eventline/core';
import { createIdbStorage } from './idb-storage';
import { listenToPageLifecycle } from './page-lifecycle';
import { createWebContext } from './web-context';
import { createWebLock } from './web-lock';
import { sendWithFetch } from './web-transport';

/** The browser's adapters for core. `storage` may be replaced (tests, a custom store). */
export function createWebPlatform(overrides: { storage?: KeyValueStorage } = {}): Platform {
  return {
    storage: overrides.storage ?? createIdbStorage(),
    send: sendWithFetch,
    randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
    lock: createWebLock(),
    lifecycle: listenToPageLifecycle,
    // Written synchronously on hide: an IndexedDB write started then dies with the page (see Platform.syncStorage).
    syncStorage: () => localStorage,
    context: createWebContext(),
    // Every request fits keepalive fetch / sendBeacon, so any of them can be the one sent on hide.
    maxBatchBytes: limits.keepaliveBytes - 1024,
  };
}
