import type { RejectionCode } from '@eventline/protocol';
import type { LiveDebugger, Recorded } from '../recorder/create-recorder';

/** One event as it reached an ingest route (/v1/events, the Segment routes, a WeChat push), with what became of it. */
export interface DebugArrival {
  receivedAt: number;
  result: 'accepted' | 'duplicate' | 'rejected';
  /** Set when rejected: why, and where in the event. */
  rejection?: { code: RejectionCode; path: string; message: string };
  event: string | null;
  anonymousId: string | null;
  uuid: string | null;
  /** The id of the key it came with (never the key itself; none for a WeChat push) and the page's origin, if any. */
  keyId: string | null;
  origin: string | null;
  /** The event as sent; a Segment message as Eventline records it. Only admin readers get it. */
  raw?: unknown;
}

export interface DebugFilter {
  event?: string | undefined;
  anonymousId?: string | undefined;
}

/**
 * What a reader may see: the event as sent may hold anything a client put in it (personal data, a
 * rejected event the quarantine shows only to admins), so only an admin key's reader gets it.
 */
export interface DebugAccess {
  raw: boolean;
}

interface Reader {
  filter: DebugFilter;
  access: DebugAccess;
  controller: ReadableStreamDefaultController<Uint8Array>;
}

const encoder = new TextEncoder();
const text = (value: unknown) => (typeof value === 'string' ? value : null);
const matches = (filter: DebugFilter, arrival: DebugArrival) =>
  (filter.event === undefined || filter.event === arrival.event) && (filter.anonymousId === undefined || filter.anonymousId === arrival.anonymousId);

/** Bytes a reader may have waiting before it counts as too slow and is cut off. */
export const defaultReaderBuffer = 1024 * 1024;
/** A comment this often keeps proxies from closing a quiet stream. */
const heartbeatMs = 15_000;

/**
 * The live debugger's fan-out: ingest publishes each batch's outcome, every attached reader gets the
 * events its filter matches as Server-Sent Events. Ingest never waits for a reader: each has a bounded
 * buffer, and a reader whose buffer is full is told so and cut off (EventSource then reconnects).
 */
export class DebugBus implements LiveDebugger {
  private readers = new Set<Reader>();
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  get readerCount(): number {
    return this.readers.size;
  }

  /** A text/event-stream body of what arrives from now on. */
  subscribe(filter: DebugFilter, access: DebugAccess, bufferSize = defaultReaderBuffer): ReadableStream<Uint8Array> {
    let reader: Reader;
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          reader = { filter, access, controller };
          this.readers.add(reader);
          this.heartbeat ??= setInterval(() => this.send(encoder.encode(': heartbeat\n\n')), heartbeatMs).unref();
          controller.enqueue(encoder.encode(': connected\n\n'));
        },
        cancel: () => this.detach(reader),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: bufferSize }),
    );
  }

  /** Called by the recorder once a batch is stored; with no reader attached it returns at once. */
  publish(events: readonly unknown[], result: Recorded, meta: { receivedAt: number; keyId: string | null; origin: string | null }): void {
    if (this.readers.size === 0) return;
    const rejected = new Map(result.rejected.map((r) => [r.index, r]));
    const stored = result.outcomes;
    let next = 0;
    const arrivals = events.map((raw, index): DebugArrival => {
      const rejection = rejected.get(index);
      const fields = (raw ?? {}) as Record<string, unknown>;
      return {
        receivedAt: meta.receivedAt,
        result: rejection ? 'rejected' : stored[next++] === 'duplicate' ? 'duplicate' : 'accepted',
        ...(rejection && { rejection: { code: rejection.code, path: rejection.path, message: rejection.message } }),
        event: text(fields.event),
        anonymousId: text(fields.anonymousId),
        uuid: text(fields.uuid),
        keyId: meta.keyId,
        origin: meta.origin,
        raw,
      };
    });
    // One chunk per batch and filter, shared by the readers with that filter: a socket write per
    // event and reader would cost ingest more than the JSON does.
    const messages: string[] = [];
    const withoutRaw: string[] = [];
    const message = (i: number, raw: boolean) =>
      raw ? (messages[i] ??= `data: ${JSON.stringify(arrivals[i])}\n\n`) : (withoutRaw[i] ??= `data: ${JSON.stringify({ ...arrivals[i], raw: undefined })}\n\n`);
    const chunks = new Map<string, Uint8Array | null>();
    for (const reader of this.readers) {
      const filterKey = `${reader.access.raw ? 'raw' : ''}\0${reader.filter.event ?? ''}\0${reader.filter.anonymousId ?? ''}`;
      let chunk = chunks.get(filterKey);
      if (chunk === undefined) {
        const body = arrivals.flatMap((a, i) => (matches(reader.filter, a) ? [message(i, reader.access.raw)] : [])).join('');
        chunk = body ? encoder.encode(body) : null;
        chunks.set(filterKey, chunk);
      }
      if (chunk) this.deliver(reader, chunk);
    }
  }

  /** Ends every stream (the collector is stopping). */
  close(): void {
    for (const reader of this.readers) {
      this.detach(reader);
      reader.controller.close();
    }
  }

  private send(chunk: Uint8Array): void {
    for (const reader of this.readers) this.deliver(reader, chunk);
  }

  private deliver(reader: Reader, chunk: Uint8Array): void {
    if ((reader.controller.desiredSize ?? 0) > 0) {
      reader.controller.enqueue(chunk);
      return;
    }
    // The reader's buffer is full: it gets what is buffered, then this, then the end of the stream.
    this.detach(reader);
    reader.controller.enqueue(encoder.encode(`event: overflow\ndata: ${JSON.stringify({ message: 'too slow: events arrived faster than this reader took them; reconnect to go on' })}\n\n`));
    reader.controller.close();
  }

  private detach(reader: Reader): void {
    this.readers.delete(reader);
    if (this.readers.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }
}
