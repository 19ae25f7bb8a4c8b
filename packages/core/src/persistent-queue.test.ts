import type { WireEvent } from '@eventline/protocol';
import { describe, expect, it } from 'vitest';
import { createMutex } from './create-mutex';
import { createMemoryStorage } from './memory-storage';
import { createPersistentQueue, type PersistentQueueOptions } from './persistent-queue';
import { utf8Length } from './utf8-length';

const ev = (n: number, extra: Partial<WireEvent> = {}): WireEvent => ({ uuid: `u${n}`, event: 'cl_test', time: n, anonymousId: 'a', ...extra });
const setup = (options: Partial<PersistentQueueOptions> = {}) => {
  const storage = createMemoryStorage();
  const make = () => createPersistentQueue({ storage, lock: createMutex(), prefix: 'el', maxQueue: 1000, ...options });
  return { storage, queue: make(), make };
};

describe('createPersistentQueue', () => {
  it('gives events back oldest first, and a new queue on the same storage finds them (next visit)', async () => {
    const { queue, make } = setup();
    await queue.append([ev(1), ev(2)]);
    await queue.append([ev(3)]);
    const again = make();
    expect((await again.peek(10, 1e6)).events.map((e) => e.uuid)).toEqual(['u1', 'u2', 'u3']);
    expect((await again.peek(10, 1e6)).events).toHaveLength(3);
  });

  it('keeps the queue in several chunks of at most chunkEvents', async () => {
    const { queue, storage } = setup({ chunkEvents: 4 });
    const big = 'x'.repeat(300);
    await queue.append(Array.from({ length: 20 }, (_, i) => ev(i, { properties: { cl_text: big } })));
    const manifest = (await storage.get('el:queue')) as { chunks: Array<{ id: number }> };
    expect(manifest.chunks.length).toBe(5);
    for (const { id } of manifest.chunks) expect(((await storage.get(`el:chunk:${id}`)) as WireEvent[]).length).toBe(4);
    expect((await queue.peek(100, 1e6)).events).toHaveLength(20);
  });

  describe('with chunkBytes', () => {
    /** Each chunk's size as the storage serializes it, in UTF-8 bytes. */
    const chunkSizes = async (storage: ReturnType<typeof setup>['storage']) => {
      const manifest = (await storage.get('el:queue')) as { chunks: Array<{ id: number }> };
      return Promise.all(manifest.chunks.map(async ({ id }) => utf8Length(JSON.stringify(await storage.get(`el:chunk:${id}`)))));
    };
    // 'é' is 2 bytes in UTF-8 and 1 in a JS string length: the chunk is measured in bytes.
    const sized = (n: number) => ev(n, { properties: { cl_text: 'é'.repeat(400) } });
    const eventBytes = utf8Length(JSON.stringify(sized(1)));

    it('closes a chunk when the next event would pass it, counting the JSON brackets and commas', async () => {
      // Exactly three events: `[a,b,c]`.
      const exact = 3 * eventBytes + 4;
      for (const [chunkBytes, perChunk] of [
        [exact, 3],
        [exact - 1, 2],
      ]) {
        const { queue, storage } = setup({ chunkBytes });
        await queue.append(Array.from({ length: 6 }, (_, i) => sized(i)));
        const sizes = await chunkSizes(storage);
        expect(sizes).toHaveLength(6 / perChunk!);
        for (const size of sizes) expect(size).toBeLessThanOrEqual(chunkBytes!);
        expect((await queue.peek(100, 1e6)).events.map((e) => e.uuid)).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5']);
      }
    });

    it('goes on filling the last chunk across appends and queues on the same storage', async () => {
      const { queue, storage, make } = setup({ chunkBytes: 3 * eventBytes + 4 });
      await queue.append([sized(0)]);
      await queue.append([sized(1)]);
      await make().append([sized(2), sized(3)]);
      expect(await chunkSizes(storage)).toEqual([3 * eventBytes + 4, eventBytes + 2]);
    });

    it('still counts events: a chunk closes at chunkEvents even when small', async () => {
      const { queue, storage } = setup({ chunkBytes: 1e6, chunkEvents: 2 });
      await queue.append([ev(1), ev(2), ev(3)]);
      expect(await chunkSizes(storage)).toHaveLength(2);
    });

    it('gives an event larger than chunkBytes a chunk of its own rather than refusing it', async () => {
      const { queue, storage } = setup({ chunkBytes: 100 });
      const largest = ev(1, { properties: { cl_blob: 'z'.repeat(32_000) } });
      const result = await queue.append([ev(0), largest, ev(2)]);
      expect(result.tooLarge).toEqual([]);
      expect(await chunkSizes(storage)).toEqual([utf8Length(JSON.stringify([ev(0)])), utf8Length(JSON.stringify([largest])), utf8Length(JSON.stringify([ev(2)]))]);
      expect((await queue.peek(100, 1e6)).events.map((e) => e.uuid)).toEqual(['u0', 'u1', 'u2']);
    });
  });

  it('fits a batch within maxEvents and maxBytes, but always takes at least one event', async () => {
    const { queue } = setup();
    await queue.append(Array.from({ length: 10 }, (_, i) => ev(i, { properties: { cl_text: 'y'.repeat(1000) } })));
    expect((await queue.peek(3, 1e6)).events).toHaveLength(3);
    const { events } = await queue.peek(100, 4000);
    expect(events.length).toBe(3);
    expect(JSON.stringify({ sentAt: Date.now(), events }).length).toBeLessThanOrEqual(4000);
    expect((await queue.peek(100, 10)).events).toHaveLength(1);
  });

  it('removes acknowledged events by uuid, leaving the others in order', async () => {
    const { queue, storage } = setup({ chunkEvents: 2 });
    await queue.append([ev(1), ev(2), ev(3), ev(4), ev(5)]);
    await queue.ack(['u1', 'u2', 'u4'], 0);
    expect((await queue.peek(10, 1e6)).events.map((e) => e.uuid)).toEqual(['u3', 'u5']);
    expect(await storage.get('el:chunk:0')).toBeUndefined();
  });

  it('drops the oldest past maxQueue and counts them until a sent batch reports them', async () => {
    const { queue } = setup({ maxQueue: 5, chunkEvents: 2 });
    await queue.append([ev(1), ev(2), ev(3)]);
    const result = await queue.append([ev(4), ev(5), ev(6), ev(7)], 1);
    expect(result).toMatchObject({ queued: 5, dropped: 2 });
    const batch = await queue.peek(10, 1e6);
    expect(batch.events.map((e) => e.uuid)).toEqual(['u3', 'u4', 'u5', 'u6', 'u7']);
    // 2 by the cap plus 1 the caller dropped from memory.
    expect(batch.dropped).toBe(3);
    await queue.ack(['u3'], 3);
    expect((await queue.peek(10, 1e6)).dropped).toBe(0);
  });

  it('refuses an event over the per-event limit and counts it as dropped', async () => {
    const { queue } = setup();
    const result = await queue.append([ev(1), ev(2, { properties: { cl_blob: 'z'.repeat(40_000) } })]);
    expect(result.tooLarge.map((e) => e.uuid)).toEqual(['u2']);
    expect(await queue.peek(10, 1e6)).toMatchObject({ dropped: 1, events: [{ uuid: 'u1' }] });
  });

  it('clears everything it stored', async () => {
    const { queue, storage } = setup({ chunkEvents: 1 });
    await queue.append([ev(1), ev(2)]);
    await queue.clear();
    for (const key of ['el:queue', 'el:chunk:0', 'el:chunk:1']) expect(await storage.get(key)).toBeUndefined();
    expect((await queue.peek(10, 1e6)).events).toHaveLength(0);
  });

  it('starts empty over a manifest it cannot read', async () => {
    const { queue, storage } = setup();
    await storage.set('el:queue', 'garbage');
    expect((await queue.peek(10, 1e6)).events).toHaveLength(0);
    await queue.append([ev(1)]);
    expect((await queue.peek(10, 1e6)).events).toHaveLength(1);
  });
});
