import type { EventContext, Identities, Properties, WireEvent } from '@eventline/protocol';
import type { Tracker } from './tracker';
import { limits } from '@eventline/protocol/limits';
import type { Answer, AnswerListener } from './answer';
import { backoffDelay } from './backoff-delay';
import { buildEvent, type TrackOptions, type TrackProperties } from './build-event';
import { classifyResult, type Outcome } from './classify-result';
import { createIdGenerator } from './create-id-generator';
import { createMutex } from './create-mutex';
import { InvalidEventError } from './errors/invalid-event-error';
import { createFallbackStorage } from './fallback-storage';
import { fitBatch } from './fit-batch';
import { createPersistentQueue, type PersistentQueue } from './persistent-queue';
import type { LogLevel, Platform, SendResult, SyncStorage } from './platform';
import { toPropertyValue } from './to-property-value';
import { resolveOptions, type ResolvedOptions, type TrackerOptions } from './tracker-options';
import { readTrackerState, type TrackerState } from './tracker-state';

export type { AnyEvents, TrackArgs, Tracker } from './tracker';

/** Wait this long after a track before writing to storage, so a burst is one write. */
const persistDelayMs = 50;
/** A lone event the collector answers 500 for this many times is dropped (about 15 s of backoff). */
const loneAttempts = 5;
/** The default request body limit when the platform gives none. */
const defaultMaxBatchBytes = 512 * 1024;

/**
 * The tracker over a platform. Everything about queueing, batching, retrying and capping lives here,
 * so a platform package adds only adapters (storage, send, lifecycle).
 */
export function createTracker(platform: Platform, initOptions?: TrackerOptions): Tracker {
  const now = platform.now ?? (() => Date.now());
  const setTimer = platform.setTimeout ?? ((fn: () => void, ms: number): unknown => setTimeout(fn, ms));
  const clearTimer = platform.clearTimeout ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const lock = platform.lock ?? createMutex();
  const maxBatchBytes = Math.min(platform.maxBatchBytes ?? defaultMaxBatchBytes, limits.maxBodyBytes);
  const newId = createIdGenerator((n) => platform.randomBytes(n), now);
  const listeners = new Set<AnswerListener>();

  let options: ResolvedOptions | undefined;
  let queue: PersistentQueue | undefined;
  let storage = platform.storage;
  let state: TrackerState | undefined;
  let isReady = false;
  let readyPromise: Promise<void> | undefined;
  let resolveReady: () => void = () => {};
  const waitReady = new Promise<void>((resolve) => (resolveReady = resolve));
  /** Calls made before the stored state is loaded: run in order once it is. */
  const early: Array<() => void> = [];
  /** The `track` calls among them, as data: a page gone before the load saves them in the sync storage. */
  const earlyTracks: unknown[][] = [];

  /** Tracked, not yet in storage. */
  let pending: WireEvent[] = [];
  let pendingDropped = 0;
  let persisting: Promise<void> = Promise.resolve();
  /** Where `hide` saves `pending` in the sync storage; one key per tracker, so tabs never overwrite each other's. */
  let unsentKey: string;
  let flushing: Promise<void> | undefined;
  /** Events hide has sent from memory already. */
  const sentOnHide = new WeakSet<WireEvent>();

  let attempts = 0;
  /** Most events per request while a failing event is being isolated; 0 when none is. */
  let isolating = 0;
  /** The batch (head uuid and length) that failed last with a 500, and how often in a row. */
  let failedKey = '';
  let failures = 0;
  let backoffUntil = 0;
  let retryAfterUntil = 0;
  /** A 4xx for the whole request: nothing more is sent until flush() or init() is called again. */
  let refused = false;
  const logged = new Set<string>();

  let persistTimer: unknown;
  let tickTimer: unknown;
  let retryTimer: unknown;
  let unsubscribe: (() => void) | undefined;

  /** Debug lines; with `once`, a line is written the first time only (a refused key is not news twice). */
  const log = (level: LogLevel, message: string, detail?: unknown, once?: string) => {
    if (!options?.debug || logged.has(once!)) return;
    if (once) logged.add(once);
    (platform.log ?? ((l: LogLevel, m: string, d: unknown) => console[l](m, d)))(level, `[eventline] ${message}`, detail);
  };
  // A listener that throws is logged by flush's catch; the batch has left the queue by then.
  const emit = (answer: Answer) => listeners.forEach((listener) => listener(answer));
  // After load, `storage` is the fallback storage: it does not reject.
  const saveState = () => void storage.set(`${options!.prefix}:state`, state);
  /** Runs `fn` now when ready, else once the stored state is loaded. */
  const whenReady = (fn: () => void) => {
    if (isReady) fn();
    else early.push(fn);
  };

  /** Runs `fn` on the platform's sync storage. None, or one that fails (quota, blocked storage), only loses that backup. */
  const withSync = (fn: (s: SyncStorage) => void) => {
    try {
      fn(platform.syncStorage!());
    } catch {
      // The async queue is still written; only a page gone before that write loses these events.
    }
  };

  // ---- queueing -------------------------------------------------------------------------------

  const schedulePersist = () => {
    if (persistTimer !== undefined || !isReady) return;
    persistTimer = setTimer(() => {
      persistTimer = undefined;
      void persist();
    }, persistDelayMs);
  };

  const persist = (): Promise<void> =>
    (persisting = persisting.then(async () => {
      if (!queue || (pending.length === 0 && pendingDropped === 0)) return;
      const batch = pending.slice();
      const dropped = pendingDropped;
      try {
        const result = await queue.append(batch, dropped);
        const written = new Set(batch);
        pending = pending.filter((e) => !written.has(e));
        pendingDropped -= dropped;
        if (result.dropped > 0) log('warn', 'queue full: dropped', result.dropped);
        for (const e of result.tooLarge) log('warn', 'too large: dropped', e);
        if (result.queued >= options!.batchSize) void flush();
      } catch (error) {
        log('error', 'queue not written', error);
      }
    }));

  const enqueue = (event: string, properties: TrackProperties | null | undefined, trackOptions: TrackOptions | null | undefined, uuid: string, at: number, context: EventContext | undefined) => {
    if (!state || state.optedOut) return;
    const built = buildEvent(
      event,
      properties,
      trackOptions,
      { uuid, now: at, anonymousId: state.anonymousId, identities: state.identities, superProperties: state.properties, context },
      (problem) => log('warn', `${event}: ${problem.message}`, problem),
    );
    if (!built) return;
    pending.push(built);
    if (pending.length > options!.maxQueue) {
      pending.shift();
      pendingDropped++;
    }
    schedulePersist();
  };

  // ---- sending --------------------------------------------------------------------------------

  /** Not started, or opted out: nothing is sent. */
  const off = () => !isReady || state!.optedOut;
  const blocked = () => refused || now() < Math.max(backoffUntil, retryAfterUntil);

  /** Starts the request synchronously (see Platform.send), then classifies what came back. */
  const send = (events: WireEvent[], dropped: number, urgent: boolean): Promise<Outcome> => {
    // JSON leaves `dropped` out when it is undefined.
    const body = JSON.stringify({ sentAt: now(), dropped: dropped || undefined, events });
    // The executor runs now, so the request starts synchronously, and a throw becomes a rejection.
    return new Promise<SendResult>((resolve) => resolve(platform.send({ url: options!.url, writeKey: options!.writeKey, body, urgent }))).then(
      (result) => classifyResult(result, now()),
      (failed: unknown) => classifyResult({ failed }, now()),
    );
  };

  /** Applies an outcome; true when the batch left the queue. */
  const settle = async (events: WireEvent[], dropped: number, outcome: Outcome): Promise<boolean> => {
    if (outcome.kind === 'answered') {
      await queue!.ack(
        events.map((e) => e.uuid),
        dropped,
      );
      attempts = 0;
      backoffUntil = 0;
      const rejected = outcome.response.rejected.map((r) => ({ ...r, event: events[r.index] }));
      for (const r of rejected) log('warn', `rejected: ${r.code} at ${r.path}`, r);
      emit({ ok: true, status: outcome.status, events, ...outcome.response, rejected });
      return true;
    }
    let retryInMs: number | undefined;
    if (outcome.kind === 'retry') {
      attempts++;
      const wait = Math.max(backoffDelay(attempts), outcome.waitMs ?? 0);
      if (outcome.waitMs !== undefined) retryAfterUntil = now() + outcome.waitMs;
      backoffUntil = now() + wait;
      retryInMs = wait;
      clearTimer(retryTimer);
      retryTimer = setTimer(() => {
        retryTimer = undefined;
        void flush();
      }, wait);
      log('warn', `retry in ${wait} ms`, outcome.error, `${outcome.status}`);
    } else {
      refused = true;
      log('error', 'refused until flush()', outcome.error, `${outcome.status}`);
    }
    emit({ ok: false, status: outcome.status, events, error: outcome.error, retryInMs });
    return false;
  };

  /** Sends the stored queue, one request at a time, until it is empty or a request fails. */
  const drain = async (urgent: boolean) => {
    await persist();
    for (;;) {
      if (blocked() || off()) return;
      const peeked = await queue!.peek(limits.maxEventsPerBatch, maxBatchBytes);
      const events = peeked.events.slice(0, isolating || undefined);
      const { dropped } = peeked;
      if (events.length === 0 && dropped === 0) return void (isolating = 0);
      const outcome = await send(events, dropped, urgent);
      if (await settle(events, dropped, outcome)) continue;
      // A 500 (not 502–504: the collector or its proxy down or busy) twice for the same batch: one of
      // its events may be what fails. Halve the batch until that event is alone, so the others go;
      // alone, it is retried with backoff `loneAttempts` times, then dropped and counted in `dropped`.
      if (outcome.status !== 500) return;
      const key = events[0]!.uuid + events.length;
      failures = key === failedKey ? failures + 1 : 1;
      failedKey = key;
      if (failures < (events.length > 1 ? 2 : loneAttempts)) return;
      if (events.length > 1) isolating = Math.ceil(events.length / 2);
      else {
        // A negative count sent: the queue counts it as dropped, reported with the next batch.
        await queue!.ack([events[0]!.uuid], -1);
        log('warn', 'failed alone: dropped', events[0]);
        isolating = 0;
      }
      failures = attempts = backoffUntil = 0;
      clearTimer(retryTimer);
    }
  };

  const flush = (urgent = false): Promise<void> => {
    if (off()) return Promise.resolve();
    // One drain at a time per tab; a flush asked during one runs right after it.
    if (flushing) return flushing.then(() => flush(urgent));
    flushing = lock(`${options!.prefix}:flush`, () => drain(urgent))
      .catch((error: unknown) => log('error', 'flush', error))
      .finally(() => {
        flushing = undefined;
      });
    return flushing;
  };

  /**
   * The page is going away. What is only in memory goes out now in one keepalive request, started
   * before any await (the page may not see the next tick). It is also saved, before returning, in the
   * sync storage, since the page may be gone before the async write to storage below completes and
   * that request may be lost; the sync copy is removed once the write is done. Then the stored queue
   * is flushed.
   */
  const hide = () => {
    // Before the load, the calls are saved (an array per call); after it, the events (an object each).
    if (!isReady && earlyTracks.length) withSync((s) => s.setItem(unsentKey, JSON.stringify(earlyTracks)));
    if (off()) return;
    clearTimer(persistTimer);
    persistTimer = undefined;
    // `pagehide` and `visibilitychange` both call hide, a few ms apart, while the write that clears
    // `pending` never finishes on a closing page: an event goes out from memory once per page life.
    const events = blocked() ? [] : fitBatch(pending.filter((e) => !sentOnHide.has(e)), limits.maxEventsPerBatch, maxBatchBytes);
    events.forEach((e) => sentOnHide.add(e));
    const outcome = events.length > 0 && send(events, 0, true);
    if (pending.length > 0) withSync((s) => s.setItem(unsentKey, JSON.stringify(pending)));
    void persist().then(() => {
      // Still pending after the write (it failed, or more was tracked): the saved copy may be all there is.
      if (!pending.length) withSync((s) => s.removeItem(unsentKey));
    });
    // Settled in the write chain, after the write: the ack removes from storage what the write just put
    // there, and a later hide's drain cannot send these again while their answer is on its way.
    persisting = persisting
      .then(async () => {
        if (outcome) await settle(events, 0, await outcome);
      })
      .catch(() => undefined);
    void persisting.then(() => flush(true));
  };

  const online = () => {
    attempts = 0;
    backoffUntil = 0;
    void flush();
  };

  const tick = () => {
    tickTimer = setTimer(tick, options!.flushInterval);
    if (!blocked()) void flush();
  };

  // ---- start ----------------------------------------------------------------------------------

  const load = async (opts: ResolvedOptions) => {
    storage = createFallbackStorage(platform.storage, (error) => log('warn', error.message, error.cause));
    queue = createPersistentQueue({ storage, lock, prefix: opts.prefix, maxQueue: opts.maxQueue, chunkBytes: platform.maxValueBytes });
    const stored = await readTrackerState(storage, `${opts.prefix}:state`);
    state = stored ?? { anonymousId: newId(), optedOut: false };
    if (!stored) saveState();
    // What pages (this tab's earlier ones, or other tabs) saved as they went away joins the queue with the next write.
    // Calls made before an earlier page's load come with their uuid and time.
    let hiddenEarly = false;
    withSync((s) => {
      for (const key of Object.keys(s)) {
        if (!key.startsWith(`${opts.prefix}:unsent:`)) continue;
        // This page's own calls, saved by a hide before the load: the copy stays until hide below replaces
        // it, since a closing page may be gone before these calls, now in memory, reach storage.
        if (key === unsentKey) {
          hiddenEarly = true;
          continue;
        }
        const saved = s.getItem(key)!;
        s.removeItem(key);
        for (const item of JSON.parse(saved) as Array<WireEvent | Parameters<typeof enqueue>>) Array.isArray(item) ? enqueue(...item) : pending.push(item);
      }
    });
    isReady = true;

    for (const fn of early.splice(0)) fn();
    if (state.optedOut) {
      pending = [];
      pendingDropped = 0;
    }
    // The hide that came before the load could send nothing: do now what it could not.
    if (hiddenEarly) hide();
    schedulePersist();
    tickTimer = setTimer(tick, opts.flushInterval);
    resolveReady();
    // Events left by an earlier visit go out now rather than at the first tick.
    void flush();
  };

  const tracker: Tracker = {
    init(input) {
      const resolved = resolveOptions(input);
      if (!resolved) return;
      if (input.onAnswer) listeners.add(input.onAnswer);
      refused = false;
      // The storage prefix and cap are fixed by the first init: the queue is already built on them.
      if (options) options = { ...resolved, prefix: options.prefix, maxQueue: options.maxQueue };
      else {
        unsentKey = `${resolved.prefix}:unsent:${newId()}`;
        // Listening from init, not from the load: a page may go before the stored state is read.
        unsubscribe = platform.lifecycle?.({ hide, online });
        readyPromise = load((options = resolved));
      }
    },

    track(event, properties, trackOptions) {
      try {
        // uuid and time are taken now, even when the stored state is not loaded yet.
        const uuid = newId();
        const at = now();
        const context = platform.context?.();
        if (!isReady) earlyTracks.push([event, properties, trackOptions, uuid, at, context]);
        whenReady(() => enqueue(event, properties, trackOptions, uuid, at, context));
      } catch (error) {
        log('error', 'track', error);
      }
    },

    identify(identities) {
      whenReady(() => {
        if (typeof identities !== 'object' || !identities) return;
        const next: Identities = { ...state!.identities };
        for (const type in identities) {
          const value = identities[type];
          if (typeof value === 'string' && value) next[type] = value;
          else log('warn', 'identify', new InvalidEventError('invalid_identity', `identities.${type}`));
        }
        const changed = JSON.stringify(next) !== JSON.stringify(state!.identities);
        state = { ...state!, identities: next };
        saveState();
        // The collector links identities through the system event `identify`; calling identify
        // again with what it already knows (on every page load) sends nothing.
        if (changed) enqueue('identify', undefined, undefined, newId(), now(), platform.context?.());
      });
    },

    register(properties) {
      whenReady(() => {
        if (typeof properties !== 'object' || !properties) return;
        const next: Properties = { ...state!.properties };
        for (const key in properties) {
          const value = toPropertyValue(properties[key]);
          if (value === null) delete next[key];
          else if (value !== undefined) next[key] = value;
          else log('warn', 'register', new InvalidEventError('invalid_property', key));
        }
        state = { ...state!, properties: next };
        saveState();
      });
    },

    flush() {
      refused = false;
      backoffUntil = 0;
      return Promise.resolve(readyPromise).then(() => flush());
    },

    reset() {
      whenReady(() => {
        state = { anonymousId: newId(), optedOut: state!.optedOut };
        saveState();
      });
    },

    optOut() {
      whenReady(() => {
        state = { ...state!, optedOut: true };
        pending = [];
        pendingDropped = 0;
        saveState();
        void queue!.clear();
      });
    },

    optIn() {
      whenReady(() => {
        state = { ...state!, optedOut: false };
        saveState();
      });
    },

    onAnswer(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    getAnonymousId: () => state?.anonymousId,

    ready: () => waitReady,

    async shutdown() {
      for (const t of [persistTimer, tickTimer, retryTimer]) clearTimer(t);
      persistTimer = tickTimer = retryTimer = undefined;
      unsubscribe?.();
      unsubscribe = undefined;
      await persist();
      await flushing;
      isReady = false;
    },
  };

  if (initOptions) tracker.init(initOptions);
  return tracker;
}
