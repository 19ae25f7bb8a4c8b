// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { createIdbStorage } from './idb-storage';

it('keeps values in IndexedDB, where a new instance (the next visit) finds them', async () => {
  const first = createIdbStorage('test-db');
  await first.set('k', { events: [{ uuid: 'u1' }] });
  const second = createIdbStorage('test-db');
  expect(await second.get('k')).toEqual({ events: [{ uuid: 'u1' }] });
  await second.del('k');
  expect(await first.get('k')).toBeUndefined();
});
