import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config';
import { openStore } from '../store/open-store';
import type { Store } from '../store/store';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { SharedCaches, type CacheName } from './shared-caches';

const names: CacheName[] = ['definitions', 'triggers', 'materials', 'keys'];

// Two collectors on one database (the test project's store), as two stores on it; each counts its reloads.
async function twoCollectors() {
  const database = createTestDatabase();
  databases.push(database);
  const config = loadConfig(database.env);
  const stores = [await openStore(config), await openStore(config)] as const;
  opened.push(...stores);
  return stores.map((store) => {
    const reloads = Object.fromEntries(names.map((n) => [n, 0])) as Record<CacheName, number>;
    const reloaders = Object.fromEntries(names.map((n) => [n, () => void reloads[n]++])) as Record<CacheName, () => void>;
    return { caches: new SharedCaches(store.meta, reloaders), reloads };
  });
}

const opened: Store[] = [];
const databases: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  await Promise.all(databases.splice(0).map((d) => d.drop()));
});

describe('SharedCaches', () => {
  it('reloads a changed cache at once where it changed, and at the next poll everywhere else', async () => {
    const [a, b] = await twoCollectors();
    await a!.caches.start(60_000);
    await b!.caches.start(60_000);

    await a!.caches.changed('definitions');
    expect(a!.reloads.definitions).toBe(1);
    expect(b!.reloads.definitions).toBe(0);

    await b!.caches.poll();
    expect(b!.reloads).toEqual({ definitions: 1, triggers: 0, materials: 0, keys: 0 });
    // Nothing moved since: a second poll reloads nothing.
    await b!.caches.poll();
    expect(b!.reloads.definitions).toBe(1);

    await b!.caches.changed('keys');
    await b!.caches.changed('keys');
    await a!.caches.poll();
    expect(a!.reloads).toEqual({ definitions: 1, triggers: 0, materials: 0, keys: 1 });
    await Promise.all([a!.caches.stop(), b!.caches.stop()]);
  });

  it('follows another collector by itself once started', async () => {
    const [a, b] = await twoCollectors();
    await a!.caches.changed('triggers'); // before b started: b loads everything at start anyway
    await b!.caches.start(20);
    expect(b!.reloads.triggers).toBe(0);
    await a!.caches.changed('materials');
    await vi.waitFor(() => expect(b!.reloads.materials).toBe(1));
    expect(b!.reloads.triggers).toBe(0);
    await b!.caches.stop();
  });

  it('keeps polling after a failed poll', async () => {
    const errors: unknown[] = [];
    let fail = true;
    let version = 0;
    const reloads: string[] = [];
    const meta = {
      bumpVersion: async () => ++version,
      versions: async () => {
        if (fail) throw new Error('database away');
        return { definitions: version };
      },
    };
    const caches = new SharedCaches(meta, { definitions: () => void reloads.push('definitions'), triggers: () => {}, materials: () => {}, keys: () => {} }, (e) => errors.push(e));
    fail = false;
    await caches.start(10);
    fail = true;
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0));
    version++;
    fail = false;
    await vi.waitFor(() => expect(reloads).toEqual(['definitions']));
    await caches.stop();
  });
});
