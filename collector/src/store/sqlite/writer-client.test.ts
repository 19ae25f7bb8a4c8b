import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageUnavailableError } from '../../errors/storage-unavailable-error';
import { newEvent } from '../conformance-stores';
import type { WriteBatch } from '../event-store';
import type { Store } from '../store';
import { startWorker } from '../thread/start-worker';
import { openSqliteStore } from './sqlite-store';
import { SqliteWriterClient } from './writer-client';

let dir: string;
let path: string;
let store: Store | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eventline-writer-'));
  path = join(dir, 'events.db');
});
afterEach(async () => {
  await store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const batchOf = (count: number, anonymousId = 'device-1'): WriteBatch => ({ events: Array.from({ length: count }, () => newEvent({ anonymousId })), quarantine: [] });
const stored = () => {
  const db = new Sqlite(path, { readonly: true });
  const uuids = db.prepare('select uuid from events').pluck().all();
  db.close();
  return uuids;
};

describe('the SQLite writer thread', () => {
  it('commits a group in the thread and answers each batch its own outcomes, in order', async () => {
    store = await openSqliteStore({ path });
    const groups: number[] = [];
    store.events.queue.onCommit((batches) => groups.push(batches));
    const a = newEvent();
    const b = newEvent();
    const answers = await Promise.all([
      store.events.write({ events: [a, b], quarantine: [] }),
      store.events.write({ events: [b], quarantine: [] }),
      store.events.write({ events: [newEvent(), a], quarantine: [] }),
    ]);
    expect(answers).toEqual([['accepted', 'accepted'], ['duplicate'], ['accepted', 'duplicate']]);
    expect(groups).toEqual([3]);
    expect(stored()).toHaveLength(3);
  });

  it('fails only the batch SQLite refuses, with its SQLite code, and commits the others of its group', async () => {
    store = await openSqliteStore({ path });
    const good = [batchOf(2, 'd1'), batchOf(3, 'd2')];
    const refused = { events: [{ ...newEvent(), event: null as unknown as string }], quarantine: [] };
    const [first, bad, second] = await Promise.allSettled([store.events.write(good[0]!), store.events.write(refused), store.events.write(good[1]!)]);
    expect(first).toEqual({ status: 'fulfilled', value: ['accepted', 'accepted'] });
    expect(second).toEqual({ status: 'fulfilled', value: ['accepted', 'accepted', 'accepted'] });
    expect(bad).toMatchObject({ status: 'rejected', reason: { code: 'SQLITE_CONSTRAINT_NOTNULL' } });
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(Sqlite.SqliteError);
    expect(stored()).toHaveLength(5);
  });

  it('fails the writes of a thread that dies as storage-unavailable, and takes the next write on a new thread', async () => {
    const migrated = await openSqliteStore({ path });
    await migrated.close();
    const threads: Worker[] = [];
    const writer = await SqliteWriterClient.start({ path, synchronous: 'FULL', strongIdentityTypes: [] }, undefined, async (options) => {
      const worker = await startWorker(import.meta.url, './writer-thread.ts', 'sqlite-writer', options);
      threads.push(worker);
      return worker;
    });
    try {
      // Large enough to still be committing when the thread is ended.
      const inFlight = Promise.allSettled(Array.from({ length: 20 }, (_, i) => writer.group.write(batchOf(500, `device-${i}`))));
      while (writer.group.queued > 0) await new Promise((resolve) => setImmediate(resolve));
      await threads[0]!.terminate();
      for (const result of await inFlight) expect(result).toMatchObject({ status: 'rejected', reason: expect.any(StorageUnavailableError) });
      expect(writer.group.lastUnavailableAt).toBeGreaterThan(0);

      const next = batchOf(2, 'after');
      expect(await writer.group.write(next)).toEqual(['accepted', 'accepted']);
      expect(threads).toHaveLength(2);
      expect(stored()).toEqual(expect.arrayContaining(next.events.map((e) => e.uuid)));
    } finally {
      await writer.close();
    }
  });

  it('leaves the request thread free while a large group commits', async () => {
    store = await openSqliteStore({ path });
    let ticks = 0;
    let committed = false;
    const tick = () => {
      ticks++;
      if (!committed) setImmediate(tick);
    };
    const write = Promise.all(Array.from({ length: 10 }, (_, i) => store!.events.write(batchOf(500, `device-${i}`))));
    setImmediate(tick);
    await write;
    committed = true;
    // On the request thread the whole transaction ran inside one turn of the event loop.
    expect(ticks).toBeGreaterThan(10);
    expect(stored()).toHaveLength(5000);
  });

  it('closes only after the writes under way committed', async () => {
    store = await openSqliteStore({ path });
    const write = store.events.write(batchOf(200));
    await store.close();
    store = undefined;
    expect(await write).toHaveLength(200);
    expect(stored()).toHaveLength(200);
  });
});
