import type { WireEvent } from '@eventline/protocol';
import { limits } from '@eventline/protocol/limits';
import type { KeyValueStorage } from './platform';
import { utf8Length } from './utf8-length';

export interface PersistentQueueOptions {
  storage: KeyValueStorage;
  /** Exclusive lock shared by every tab; every read-modify-write of the queue runs under it. */
  lock: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  /** Key prefix: the manifest is `{prefix}:queue`, chunks `{prefix}:chunk:{n}`. */
  prefix: string;
  maxQueue: number;
  /** Per-chunk limits: a mini-program refuses more than 1 MB under one key. */
  chunkEvents?: number;
  chunkBytes?: number;
}

interface ChunkInfo {
  id: number;
  count: number;
  bytes: number;
}

interface Manifest {
  chunks: ChunkInfo[];
  next: number;
  /** Events dropped by the cap and not yet reported to the collector. */
  dropped: number;
}

interface Chunk {
  events: WireEvent[];
  /** UTF-8 bytes of each event's JSON, so batches are sized without serialising twice. */
  sizes: number[];
}

export interface AppendResult {
  /** Events in the queue after the append (every tab's). */
  queued: number;
  /** Events the cap pushed out now. */
  dropped: number;
  /** Events over the protocol's per-event limit: not kept, counted as dropped. */
  tooLarge: WireEvent[];
}

export interface PeekResult {
  events: WireEvent[];
  dropped: number;
}

export interface PersistentQueue {
  append(events: readonly WireEvent[], droppedBefore?: number): Promise<AppendResult>;
  /** The oldest events that fit in one request: at most `maxEvents`, and `maxBytes` of body. */
  peek(maxEvents: number, maxBytes: number): Promise<PeekResult>;
  /** Removes answered events, and the dropped count that went with them. */
  ack(uuids: readonly string[], droppedSent: number): Promise<void>;
  count(): Promise<number>;
  clear(): Promise<void>;
}

/** Room left in a request body for `{"sentAt":…,"dropped":…,"events":[` and `]}`. */
export const batchOverheadBytes = 64;

/**
 * The queue as the storage holds it: a small manifest and the events in chunks, oldest first.
 * Only the head and tail chunks are read in the common case, and no value grows past `chunkBytes`.
 * Every operation holds the queue lock, so tabs sharing one storage do not lose each other's writes.
 */
export function createPersistentQueue({ storage, lock, prefix, maxQueue, chunkEvents = 100, chunkBytes = 256 * 1024 }: PersistentQueueOptions): PersistentQueue {
  const manifestKey = `${prefix}:queue`;
  const lockName = `${prefix}:queue`;
  const chunkKey = (id: number) => `${prefix}:chunk:${id}`;

  const readManifest = async (): Promise<Manifest> => {
    const value = (await storage.get(manifestKey)) as Manifest | undefined;
    // Anything unreadable (another version, a hand edit) starts a new queue rather than throwing forever.
    if (!value || !Array.isArray(value.chunks) || typeof value.next !== 'number') return { chunks: [], next: 0, dropped: 0 };
    return { chunks: value.chunks, next: value.next, dropped: value.dropped || 0 };
  };
  const readChunk = async (id: number): Promise<Chunk> => {
    const value = (await storage.get(chunkKey(id))) as Chunk | undefined;
    return value && Array.isArray(value.events) && Array.isArray(value.sizes) ? value : { events: [], sizes: [] };
  };
  const total = (m: Manifest) => m.chunks.reduce((n, c) => n + c.count, 0);

  return {
    append: (events, droppedBefore = 0) =>
      lock(lockName, async () => {
        const m = await readManifest();
        const tooLarge: WireEvent[] = [];
        const written = new Map<number, Chunk>();
        let tail = m.chunks[m.chunks.length - 1];
        for (const event of events) {
          const size = utf8Length(JSON.stringify(event));
          if (size > limits.maxEventBytes) {
            tooLarge.push(event);
            continue;
          }
          if (!tail || tail.count >= chunkEvents || tail.bytes + size > chunkBytes) {
            tail = { id: m.next++, count: 0, bytes: 0 };
            m.chunks.push(tail);
            written.set(tail.id, { events: [], sizes: [] });
          }
          let chunk = written.get(tail.id);
          if (!chunk) {
            const stored = await readChunk(tail.id);
            chunk = { events: stored.events.slice(), sizes: stored.sizes.slice() };
            written.set(tail.id, chunk);
          }
          chunk.events.push(event);
          chunk.sizes.push(size);
          tail.count++;
          tail.bytes += size;
        }

        // The cap: the oldest events go, whole chunks first.
        let excess = total(m) - maxQueue;
        const removed: number[] = [];
        let capped = 0;
        while (excess > 0 && m.chunks.length > 0) {
          const head = m.chunks[0]!;
          if (head.count <= excess) {
            m.chunks.shift();
            removed.push(head.id);
            written.delete(head.id);
            excess -= head.count;
            capped += head.count;
            continue;
          }
          const chunk = written.get(head.id) ?? (await readChunk(head.id));
          const kept = { events: chunk.events.slice(excess), sizes: chunk.sizes.slice(excess) };
          written.set(head.id, kept);
          head.count = kept.events.length;
          head.bytes = kept.sizes.reduce((a, b) => a + b, 0);
          capped += excess;
          excess = 0;
        }
        m.dropped += droppedBefore + capped + tooLarge.length;

        // Chunks before the manifest that names them; removed chunks after it no longer does.
        for (const [id, chunk] of written) await storage.set(chunkKey(id), chunk);
        await storage.set(manifestKey, m);
        for (const id of removed) await storage.del(chunkKey(id));
        return { queued: total(m), dropped: capped, tooLarge };
      }),

    peek: (maxEvents, maxBytes) =>
      lock(lockName, async () => {
        const m = await readManifest();
        const events: WireEvent[] = [];
        let bytes = batchOverheadBytes;
        outer: for (const info of m.chunks) {
          const chunk = await readChunk(info.id);
          for (let i = 0; i < chunk.events.length; i++) {
            const size = (chunk.sizes[i] ?? 0) + 1;
            // Always at least one event, or an event near the limit would block the queue.
            if (events.length >= maxEvents || (events.length > 0 && bytes + size > maxBytes)) break outer;
            events.push(chunk.events[i]!);
            bytes += size;
          }
        }
        return { events, dropped: m.dropped };
      }),

    ack: (uuids, droppedSent) =>
      lock(lockName, async () => {
        const m = await readManifest();
        const pending = new Set(uuids);
        const removed: number[] = [];
        for (const info of m.chunks) {
          if (pending.size === 0) break;
          const chunk = await readChunk(info.id);
          const kept: Chunk = { events: [], sizes: [] };
          chunk.events.forEach((event, i) => {
            if (pending.delete(event.uuid)) return;
            kept.events.push(event);
            kept.sizes.push(chunk.sizes[i] ?? 0);
          });
          if (kept.events.length === chunk.events.length) continue;
          info.count = kept.events.length;
          info.bytes = kept.sizes.reduce((a, b) => a + b, 0);
          if (info.count === 0) removed.push(info.id);
          else await storage.set(chunkKey(info.id), kept);
        }
        m.chunks = m.chunks.filter((c) => c.count > 0);
        m.dropped = Math.max(0, m.dropped - droppedSent);
        await storage.set(manifestKey, m);
        for (const id of removed) await storage.del(chunkKey(id));
      }),

    count: () => lock(lockName, async () => total(await readManifest())),

    clear: () =>
      lock(lockName, async () => {
        const m = await readManifest();
        await storage.del(manifestKey);
        for (const info of m.chunks) await storage.del(chunkKey(info.id));
      }),
  };
}
