import type { EventContext } from '@eventline/protocol';

/**
 * An async key-value store. Values are plain JSON-able data. A mini-program store refuses values over
 * 1 MB per key (Alipay: 200 KB), which is why the queue is kept in chunks (see `Platform.maxValueBytes`).
 */
export interface KeyValueStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

/** One POST of a batch to the collector, built by core; the platform only moves the bytes. */
export interface SendRequest {
  /** `{endpoint}/v1/events`, without the key. */
  url: string;
  writeKey: string;
  /** The JSON text of an EventBatch. */
  body: string;
  /** The page or app is going away: use keepalive fetch / sendBeacon, the body is under `maxBatchBytes`. */
  urgent: boolean;
}

/** What came back. A network failure is a rejected promise (or status 0: sent, but no answer seen). */
export interface SendResult {
  status: number;
  /** The response body: parsed JSON or its text; core parses text itself. */
  body?: unknown;
  /** The Retry-After header as received: seconds or an HTTP date. */
  retryAfter?: string | number | null | undefined;
}

/**
 * The part of the Web Storage API (`localStorage`) core uses for what a page must keep as it goes away:
 * it is written synchronously, so the write is done before the page is. As with `localStorage`,
 * `Object.keys` of it gives the keys it holds.
 */
export interface SyncStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What the platform tells core about the app's life. */
export interface LifecycleHandlers {
  /** The page or app is being hidden or closed: core sends what it can right now. */
  hide(): void;
  /** The network is back: core retries at once instead of waiting out its backoff. */
  online(): void;
}

export type LogLevel = 'info' | 'warn' | 'error';

/**
 * Everything core needs from the world. Core itself touches no window, document, navigator or wx:
 * a browser, a mini-program or Node provide this object.
 */
export interface Platform {
  storage: KeyValueStorage;
  /**
   * Sends one batch. Must start the request before returning (synchronously), because on `hide`
   * the page may be gone before any await resumes.
   */
  send(request: SendRequest): Promise<SendResult>;
  /** Cryptographically random bytes, for UUIDv7 event and anonymous ids. */
  randomBytes(length: number): Uint8Array;
  /** Runs `fn` while holding an exclusive lock shared by every instance (tabs); in-process when absent. */
  lock?: (<T>(name: string, fn: () => Promise<T>) => Promise<T>) | undefined;
  /**
   * Where `hide` saves the events still only in memory, under `{prefix}:unsent:{id}`; the next start
   * takes them into the queue. For a page that may be gone right after `hide`: an async storage write
   * started then is lost (Chromium aborts the uncommitted IndexedDB writes of a page being unloaded),
   * and so may be the urgent send. A getter, because merely reading `localStorage` can throw.
   */
  syncStorage?: (() => SyncStorage) | undefined;
  /** Subscribes core to hide/online; returns the unsubscribe function. */
  lifecycle?: ((handlers: LifecycleHandlers) => () => void) | undefined;
  /** Context put on every event (library, page, user agent…). Called per event: keep it cheap. */
  context?: (() => EventContext) | undefined;
  /** Largest request body in bytes (UTF-8). The web sets 64 KB for keepalive; default 512 KB. */
  maxBatchBytes?: number | undefined;
  /**
   * Largest value `storage` keeps under one key, in UTF-8 bytes of its JSON: queue chunks are closed
   * before they pass it. Without it a chunk holds up to 25 events of at most 32 KB (800 KB). Keep it
   * over 32 KB: a chunk always takes one event, whatever its size.
   */
  maxValueBytes?: number | undefined;
  /** Defaults to Date.now, setTimeout and clearTimeout of the host. */
  now?: (() => number) | undefined;
  setTimeout?: ((fn: () => void, ms: number) => unknown) | undefined;
  clearTimeout?: ((handle: unknown) => void) | undefined;
  /** Where debug lines go; defaults to the host console. */
  log?: ((level: LogLevel, message: string, detail?: unknown) => void) | undefined;
}
