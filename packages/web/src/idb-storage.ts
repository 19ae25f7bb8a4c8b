import type { KeyValueStorage } from '@eventline/core';
import { createStore, promisifyRequest } from 'idb-keyval';

/**
 * The queue's home in the browser: one IndexedDB object store through idb-keyval. Where IndexedDB is
 * missing or refuses (private mode, quota) a call throws or rejects, and core's fallback storage moves
 * to memory for the session. idb-keyval's `get`/`set` would also bundle its default store, which we
 * never use: its `createStore` and `promisifyRequest` are the whole of what we need.
 */
export function createIdbStorage(dbName = 'eventline'): KeyValueStorage {
  // createStore opens nothing until the first call, so a page that never tracks never opens the database.
  const use = createStore(dbName, 'kv');
  const write = (fn: (s: IDBObjectStore) => void) => use('readwrite', (s) => (fn(s), promisifyRequest(s.transaction)));
  return {
    get: (key) => use('readonly', (s) => promisifyRequest(s.get(key))),
    set: (key, value) => write((s) => s.put(value, key)),
    del: (key) => write((s) => s.delete(key)),
  };
}
