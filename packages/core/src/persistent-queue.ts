import type { WireEvent } from '@eventline/protocol';
import { limits } from '@eventline/protocol/limits';
import { fitBatch } from './fit-batch';
import type { KeyValueStorage } from './platform';
import { utf8Length } from './utf8-length';

export interface PersistentQueueOptions {
  storage: KeyValueStorage;
  /** Exclusive lock shared by every tab; every read-modify-write of the queue runs under it. */
  lock: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  /** Key prefix: the manifest is `{prefix}:queue`, chunks `{prefix}:chunk:{n}`. */
  prefix: string;
  maxQueue: number;
  /**
   * Events per chunk. A mini-program refuses more than 1 MB under one key; events over 32 KB are
   * refused at append, so 25 events stay under 800 KB without measuring chunks.
   */
  chunkEvents?: number;
  /**
   * Largest chunk in UTF-8 bytes of its JSON, for a store that keeps less than 25 events of 32 KB
   * under one key (Alipay: 200 KB). A chunk always takes its first event, whatever its size.
   * Absent (the web), chunks are closed by count only.
   */
  chunkBytes?: number | undefined;
}

interface ChunkInfo {
  id: number;
  count: number;
  /**
   * The chunk's JSON bytes as appended, from its `[`; an ack or the cap leaves it high, which only
   * closes the chunk early. Missing from a manifest written before it: that chunk fills by count.
   */
  bytes: number;
}

interface Manifest {
  chunks: ChunkInfo[];
  next: number;
  /** Events dropped by the cap and not yet reported to the collector. */
  dropped: number;
}

export interface AppendResult {
  /** Events in the queue after the append (every tab's). */
  queued: number;
  /** Events the cap pushed out now. */
  dropped: number;
  /** Events over the protocol's per-event limit: not kept, counted as dropped. */
  tooLarge: WireEvent[];
}

export interface PersistentQueue {
  append(events: readonly WireEvent[], droppedBefore?: number): Promise<AppendResult>;
  /** The oldest events that fit in one request (see fitBatch), and the dropped count to send with them. */
  peek(maxEvents: number, maxBytes: number): Promise<{ events: WireEvent[]; dropped: number }>;
  /**
   * Removes answered events, and the dropped count that went with them. A negative count adds to it:
   * events given up on (one the collector fails on, alone) are counted as dropped, never lost silently.
   */
  ack(uuids: readonly string[], droppedSent: number): Promise<void>;
  clear(): Promise<void>;
}

/**
 * The queue as the storage holds it: a small manifest and the events in chunks, oldest first.
 * Only the head and tail chunks are read in the common case, and no value grows past `chunkEvents`
 * or `chunkBytes`.
 * Every operation holds the queue lock, so tabs sharing one storage do not lose each other's writes.
 */
export function createPersistentQueue({ storage, lock, prefix, maxQueue, chunkEvents = 25, chunkBytes }: PersistentQueueOptions): PersistentQueue {
  const manifestKey = `${prefix}:queue`;
  const chunkKey = (id: number) => `${prefix}:chunk:${id}`;
  const locked = <T>(fn: (m: Manifest) => Promise<T>) =>
    lock(manifestKey, async () => {
      const value = (await storage.get(manifestKey)) as Manifest | undefined;
      // Anything unreadable (another version, a hand edit) starts a new queue rather than failing forever.
      return fn(value && Array.isArray(value.chunks) && value.next >= 0 ? { ...value, dropped: value.dropped || 0 } : { chunks: [], next: 0, dropped: 0 });
    });
  const readChunk = async (id: number): Promise<WireEvent[]> => {
    const value = await storage.get(chunkKey(id));
    return Array.isArray(value) ? (value as WireEvent[]) : [];
  };
  /** Writes changed chunks first and the manifest that names them after; removed chunks go last. */
  const save = async (m: Manifest, written: Map<number, WireEvent[]>) => {
    const removed: number[] = [];
    for (const [id, events] of written) {
      if (events.length > 0) await storage.set(chunkKey(id), events);
      else removed.push(id);
    }
    m.chunks = m.chunks.filter((c) => !removed.includes(c.id));
    await storage.set(manifestKey, m);
    for (const id of removed) await storage.del(chunkKey(id));
  };
  const total = (m: Manifest) => m.chunks.reduce((n, c) => n + c.count, 0);

  return {
    append: (events, droppedBefore = 0) =>
      locked(async (m) => {
        const tooLarge: WireEvent[] = [];
        const written = new Map<number, WireEvent[]>();
        let tail = m.chunks[m.chunks.length - 1];
        for (const event of events) {
          const bytes = utf8Length(JSON.stringify(event));
          if (bytes > limits.maxEventBytes) {
            tooLarge.push(event);
            continue;
          }
          // Without chunkBytes, `>= undefined` is false: only the count closes a chunk (no default: bundle bytes).
          if (!tail || tail.count >= chunkEvents || tail.bytes + bytes >= chunkBytes!) {
            tail = { id: m.next++, count: 0, bytes: 1 };
            m.chunks.push(tail);
            written.set(tail.id, []);
          }
          let chunk = written.get(tail.id);
          if (!chunk) written.set(tail.id, (chunk = (await readChunk(tail.id)).slice()));
          chunk.push(event);
          tail.count++;
          // Its comma, or for the first event the closing bracket.
          tail.bytes += bytes + 1;
        }
        // The cap: the oldest events go.
        let excess = total(m) - maxQueue;
        const capped = Math.max(0, excess);
        for (const head of m.chunks) {
          if (excess <= 0) break;
          const chunk = (written.get(head.id) ?? (await readChunk(head.id))).slice(Math.min(excess, head.count));
          excess -= head.count - chunk.length;
          written.set(head.id, chunk);
          head.count = chunk.length;
        }
        m.dropped += droppedBefore + capped + tooLarge.length;
        await save(m, written);
        return { queued: total(m), dropped: capped, tooLarge };
      }),

    peek: (maxEvents, maxBytes) =>
      locked(async (m) => {
        const events: WireEvent[] = [];
        for (const info of m.chunks) {
          if (events.length >= maxEvents) break;
          events.push(...(await readChunk(info.id)));
        }
        return { events: fitBatch(events, maxEvents, maxBytes), dropped: m.dropped };
      }),

    ack: (uuids, droppedSent) =>
      locked(async (m) => {
        const pending = new Set(uuids);
        const written = new Map<number, WireEvent[]>();
        for (const info of m.chunks) {
          if (pending.size === 0) break;
          const chunk = await readChunk(info.id);
          const kept = chunk.filter((e) => !pending.delete(e.uuid));
          if (kept.length === chunk.length) continue;
          written.set(info.id, kept);
          info.count = kept.length;
        }
        m.dropped = Math.max(0, m.dropped - droppedSent);
        await save(m, written);
      }),

    clear: () =>
      locked(async (m) => {
        await storage.del(manifestKey);
        for (const info of m.chunks) await storage.del(chunkKey(info.id));
      }),
  };
}
