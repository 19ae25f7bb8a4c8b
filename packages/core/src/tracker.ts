import type { Identities } from '@eventline/protocol';
import type { AnswerListener } from './answer';
import type { TrackOptions, TrackProperties } from './build-event';
import type { TrackerOptions } from './tracker-options';

/** Any event id with any properties: what `track` accepts unless told the events (see docs/devloop.md). */
export type AnyEvents = Record<string, TrackProperties>;

/** The arguments after the event id: the properties may be left out only when none is required. */
export type TrackArgs<P> = {} extends P ? [properties?: P | null, options?: TrackOptions | null] : [properties: P, options?: TrackOptions | null];

/**
 * `Events` maps each event id to its properties (the `EventlineEvents` type that `eventline types` writes);
 * it only narrows what compiles: the tracker behaves the same whatever it is.
 */
export interface Tracker<Events extends AnyEvents = AnyEvents> {
  /** Starts the tracker; calls made before are kept and run, in order, once it is ready. */
  init(options: TrackerOptions): void;
  /** Queues an event; returns at once and never throws. */
  track<E extends keyof Events & string>(event: E, ...args: TrackArgs<Events[E]>): void;
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
