import type { EventContext, Identities, Properties, WireEvent } from '@eventline/protocol';
import { limits } from '@eventline/protocol/limits';
import type { Answer, AnswerListener } from './answer';
import { backoffDelay } from './backoff-delay';
import { buildEvent, type TrackOptions, type TrackProperties } from './build-event';
import { classifyResult, type Outcome } from './classify-result';
import { createIdGenerator } from './create-id-generator';
import { createMutex } from './create-mutex';
import { InvalidEventError } from './errors/invalid-event-error';
import { createFallbackStorage } from './fallback-storage';
import { batchOverheadBytes, createPersistentQueue, type PersistentQueue } from './persistent-queue';
import type { LogLevel, Platform, SendResult } from './platform';
import { toPropertyValue } from './to-property-value';
import { resolveOptions, type ResolvedOptions, type TrackerOptions } from './tracker-options';
import { readTrackerState, type TrackerState } from './tracker-state';
import { utf8Length } from './utf8-length';

export interface Tracker {
  /** Starts the tracker; calls made before are kept and run, in order, once it is ready. */
  init(options: TrackerOptions): void;
  /** Queues an event; returns at once and never throws. */
  track(event: string, properties?: TrackProperties | null, options?: TrackOptions | null): void;
  /** Identities (external_id, mobile, email, …) put on every later event; new ones are sent at once as an `identify` event. */
  identify(identities: Identities): void;
  /** Properties put on every later event; `null` as a value removes one. */
  register(properties: TrackProperties): void;
  /** Sends what is queued now, even after a refused request or during a backoff (not before a Retry-After). */
  flush(): Promise<void>;
  /** A new anonymous id; identities and registered properties are forgotten. Queued events stay. */
  reset(): void;
  /** Stops tracking on this device, across visits, and discards what is queued. */
  optOut(): void;
  optIn(): void;
  /** Listens to the collector's answers; returns the unsubscribe function. */
  onAnswer(listener: AnswerListener): () => void;
  /** The anonymous id once the stored state is loaded. */
  getAnonymousId(): string | undefined;
  /** Resolves when the stored state is loaded and calls made before init have run. */
  ready(): Promise<void>;
  /** Writes what is in memory and stops timers and lifecycle listeners. */
  shutdown(): Promise<void>;
}

/** Wait this long after a track before writing to storage, so a burst is one write. */
const persistDelayMs = 50;
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

  /** Tracked, not yet in storage. */
  let pending: WireEvent[] = [];
  let pendingDropped = 0;
  /** Events in storage as of the last time we looked (every tab's). */
  let queued = 0;
  let persisting: Promise<void> = Promise.resolve();
  let flushing: Promise<void> | undefined;
  let nextFlush: Promise<void> | undefined;

  let attempts = 0;
  let backoffUntil = 0;
  let retryAfterUntil = 0;
  /** A 4xx for the whole request: nothing more is sent until flush() or init() is called again. */
  let refused = false;
  let maxEvents: number = limits.maxEventsPerBatch;
  const logged = new Set<string>();

  let persistTimer: unknown;
  let tickTimer: unknown;
  let retryTimer: unknown;
  let unsubscribe: (() => void) | undefined;

  const log = (level: LogLevel, message: string, detail?: unknown) => {
    if (!options?.debug) return;
    try {
      if (platform.log) platform.log(level, `[eventline] ${message}`, detail);
      else console[level](`[eventline] ${message}`, detail ?? '');
    } catch {
      // A broken logger must not break tracking.
    }
  };
  const logOnce = (key: string, level: LogLevel, message: string, detail?: unknown) => {
    if (logged.has(key)) return;
    logged.add(key);
    log(level, message, detail);
  };
  const emit = (answer: Answer) => {
    for (const listener of listeners) {
      try {
        listener(answer);
      } catch (error) {
        log('error', 'an onAnswer listener threw', error);
      }
    }
  };
  const saveState = () => {
    if (state) storage.set(`${options!.prefix}:state`, state).catch((error) => log('warn', 'could not save state', error));
  };
  /** Runs `fn` now when ready, else once the stored state is loaded. */
  const whenReady = (fn: () => void) => {
    if (isReady) fn();
    else early.push(fn);
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
        queued = result.queued;
        if (result.dropped > 0) log('warn', `queue full (maxQueue ${options!.maxQueue}): dropped the ${result.dropped} oldest events`);
        for (const e of result.tooLarge) log('warn', `event ${e.uuid} (${e.event}) is over ${limits.maxEventBytes} bytes: dropped`, e);
        if (queued >= options!.batchSize) void flush();
      } catch (error) {
        log('error', 'could not write the queue; events stay in memory', error);
      }
    }));

  const enqueue = (event: string, properties: TrackProperties | null | undefined, trackOptions: TrackOptions | null | undefined, uuid: string, at: number, context: EventContext | undefined) => {
    if (!state || state.optedOut) return;
    const built = buildEvent(event, properties, trackOptions, {
      uuid,
      now: at,
      anonymousId: state.anonymousId,
      identities: state.identities,
      superProperties: state.properties,
      context,
    });
    if (built.problems) for (const p of built.problems) log('warn', `track(${JSON.stringify(event)}): ${p.message}`, p);
    if (!built.event) return;
    pending.push(built.event);
    if (pending.length > (options?.maxQueue ?? Infinity)) {
      pending.shift();
      pendingDropped++;
    }
    schedulePersist();
  };

  // ---- sending --------------------------------------------------------------------------------

  const blocked = () => refused || now() < Math.max(backoffUntil, retryAfterUntil);

  /** Starts the request synchronously (see Platform.send), then classifies what came back. */
  const send = (events: WireEvent[], dropped: number, urgent: boolean): Promise<Outcome> => {
    const body = JSON.stringify(dropped > 0 ? { sentAt: now(), dropped, events } : { sentAt: now(), events });
    let request: Promise<SendResult>;
    try {
      request = platform.send({ url: options!.url, writeKey: options!.writeKey, body, urgent });
    } catch (failed) {
      request = Promise.reject(failed);
    }
    return request.then(
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
      const sent = new Set(events);
      pending = pending.filter((e) => !sent.has(e));
      attempts = 0;
      backoffUntil = 0;
      const rejected = outcome.response.rejected.map((r) => ({ ...r, event: events[r.index] }));
      for (const r of rejected) log('warn', `event ${r.uuid} (${r.event?.event}) rejected: ${r.code} at ${r.path}: ${r.message}`, r);
      emit({ ok: true, status: outcome.status, events, accepted: outcome.response.accepted, duplicates: outcome.response.duplicates, rejected });
      return true;
    }
    if (outcome.kind === 'too_large' && events.length > 1) {
      // A collector with a lower body limit than ours: smaller batches get through.
      maxEvents = Math.max(1, Math.floor(events.length / 2));
      log('warn', `413 for ${events.length} events: sending at most ${maxEvents} per request`);
      return false;
    }
    let retryInMs: number | undefined;
    if (outcome.kind === 'retry') {
      attempts++;
      const wait = Math.max(backoffDelay(attempts), outcome.waitMs ?? 0);
      if (outcome.waitMs !== undefined) retryAfterUntil = now() + outcome.waitMs;
      backoffUntil = now() + wait;
      retryInMs = wait;
      if (retryTimer !== undefined) clearTimer(retryTimer);
      retryTimer = setTimer(() => {
        retryTimer = undefined;
        void flush();
      }, wait);
      logOnce(`retry:${outcome.error.name}:${outcome.status}`, 'warn', `${outcome.error.message}; retrying with backoff (next in ${wait} ms)`, outcome.error);
    } else {
      refused = true;
      logOnce(`refused:${outcome.status}:${outcome.error.code}`, 'error', `the collector refused the request (${outcome.status} ${outcome.error.code}: ${outcome.error.message}); events are kept until flush(), init() or the next visit`, outcome.error);
    }
    emit({ ok: false, status: outcome.status, events, error: outcome.error, retryInMs });
    return false;
  };

  /** Sends the stored queue, one request at a time, until it is empty or a request fails. */
  const drain = async (urgent: boolean) => {
    await persist();
    for (;;) {
      if (blocked() || !queue || state?.optedOut) return;
      const size = maxEvents;
      const { events, dropped } = await queue.peek(size, maxBatchBytes);
      if (events.length === 0 && dropped === 0) {
        queued = 0;
        return;
      }
      const outcome = await send(events, dropped, urgent);
      const done = await settle(events, dropped, outcome);
      if (!done && !(outcome.kind === 'too_large' && maxEvents < size)) return;
    }
  };

  const flush = (urgent = false): Promise<void> => {
    if (!isReady || !options || state?.optedOut) return Promise.resolve();
    if (flushing) {
      // One drain at a time per tab; a flush asked during one runs right after it.
      return (nextFlush ??= flushing.then(() => {
        nextFlush = undefined;
        return flush(urgent);
      }));
    }
    const prefix = options.prefix;
    flushing = lock(`${prefix}:flush`, () => drain(urgent))
      .catch((error: unknown) => log('error', 'flush failed', error))
      .finally(() => {
        flushing = undefined;
      });
    return flushing;
  };

  /**
   * The page is going away. What is only in memory goes out now in one keepalive request, started
   * before any await (the page may not see the next tick); it is also written to storage, so the
   * next visit sends it if that request is lost. Then the stored queue is flushed.
   */
  const hide = () => {
    if (!isReady || !options || state?.optedOut) return;
    if (persistTimer !== undefined) {
      clearTimer(persistTimer);
      persistTimer = undefined;
    }
    let sending: Promise<unknown> = Promise.resolve();
    if (pending.length > 0 && !blocked()) {
      const events: WireEvent[] = [];
      let bytes = batchOverheadBytes;
      for (const e of pending) {
        const size = utf8Length(JSON.stringify(e)) + 1;
        if (events.length >= maxEvents || bytes + size > maxBatchBytes) break;
        events.push(e);
        bytes += size;
      }
      if (events.length > 0) {
        const outcome = send(events, 0, true);
        void persist();
        sending = outcome.then((o) => persisting.then(() => settle(events, 0, o)));
      }
    }
    void persist();
    void sending.catch(() => undefined).then(() => flush(true));
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
    queue = createPersistentQueue({ storage, lock, prefix: opts.prefix, maxQueue: opts.maxQueue });
    let stored: TrackerState | undefined;
    try {
      stored = await readTrackerState(storage, `${opts.prefix}:state`);
    } catch (error) {
      log('warn', 'could not read the stored state', error);
    }
    state = stored ?? { anonymousId: newId(), identities: undefined, properties: undefined, optedOut: false };
    if (!stored) saveState();
    isReady = true;
    for (const fn of early.splice(0)) fn();
    if (state.optedOut) {
      pending = [];
      pendingDropped = 0;
    }
    schedulePersist();
    tickTimer = setTimer(tick, opts.flushInterval);
    try {
      unsubscribe = platform.lifecycle?.({ hide, online });
    } catch (error) {
      log('warn', 'could not listen to the page lifecycle', error);
    }
    resolveReady();
    // Events left by an earlier visit go out now rather than at the first tick.
    void flush();
  };

  const tracker: Tracker = {
    init(input) {
      const resolved = resolveOptions(input);
      if ('problems' in resolved) {
        console.warn(`[eventline] init: ${resolved.problems.join('; ')}`);
        return;
      }
      const first = !options;
      // The storage prefix and cap are fixed by the first init: the queue is already built on them.
      options = first ? resolved.options : { ...resolved.options, prefix: options!.prefix, maxQueue: options!.maxQueue };
      if (input.onAnswer) listeners.add(input.onAnswer);
      refused = false;
      if (first) readyPromise = load(options).catch((error: unknown) => console.warn('[eventline] could not start', error));
    },

    track(event, properties, trackOptions) {
      try {
        // uuid and time are taken now, even when the stored state is not loaded yet.
        const uuid = newId();
        const at = now();
        const context = platform.context?.();
        whenReady(() => enqueue(event, properties, trackOptions, uuid, at, context));
      } catch (error) {
        log('error', 'track failed', error);
      }
    },

    identify(identities) {
      whenReady(() => {
        if (!state || typeof identities !== 'object' || identities === null) return;
        const next: Identities = { ...state.identities };
        for (const type in identities) {
          const value = identities[type];
          if (typeof value === 'string' && value !== '' && value.length <= limits.maxIdentityLength) next[type] = value;
          else log('warn', `identify: ${type} must be a non-empty string`, new InvalidEventError('invalid_identity', `identity ${type} is not a string`, `identities.${type}`));
        }
        const changed = Object.keys(next).some((type) => next[type] !== state!.identities?.[type]);
        state = { ...state, identities: next };
        saveState();
        // The collector links identities through the system event `identify`; calling identify
        // again with what it already knows (on every page load) sends nothing.
        if (changed) enqueue('identify', undefined, undefined, newId(), now(), platform.context?.());
      });
    },

    register(properties) {
      whenReady(() => {
        if (!state || typeof properties !== 'object' || properties === null) return;
        const next: Properties = { ...state.properties };
        for (const key in properties) {
          const value = toPropertyValue(properties[key]);
          if (value === null) delete next[key];
          else if (value !== undefined) next[key] = value;
          else log('warn', `register: ${key} is not a string, finite number, boolean or Date`);
        }
        state = { ...state, properties: next };
        saveState();
      });
    },

    flush() {
      refused = false;
      backoffUntil = 0;
      return (readyPromise ?? Promise.resolve()).then(() => flush());
    },

    reset() {
      whenReady(() => {
        if (!state) return;
        state = { anonymousId: newId(), identities: undefined, properties: undefined, optedOut: state.optedOut };
        saveState();
      });
    },

    optOut() {
      whenReady(() => {
        if (!state) return;
        state = { ...state, optedOut: true };
        pending = [];
        pendingDropped = 0;
        saveState();
        queue?.clear().catch((error: unknown) => log('warn', 'could not clear the queue', error));
      });
    },

    optIn() {
      whenReady(() => {
        if (!state) return;
        state = { ...state, optedOut: false };
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
      for (const t of [persistTimer, tickTimer, retryTimer]) if (t !== undefined) clearTimer(t);
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
