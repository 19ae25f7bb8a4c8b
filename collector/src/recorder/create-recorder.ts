import type { IngestResponse, Rejection } from '@eventline/protocol';
import type { EventSource, EventStore, NewEvent, QuarantineEntry, QuarantineRecord, WriteOutcome } from '../store/store';
import type { EventValidator, IngestContext } from './event-validator';
import { suppressedAsRejected } from './suppressed-as-rejected';

/**
 * A step between validation and trigger matching that adds what the collector knows about a valid
 * event (material tags). `raw` is the event as sent, already known to be a well-formed object.
 */
export type Enricher = (event: NewEvent, raw: Record<string, unknown>) => NewEvent;

/** What the live debugger is told of each recorded batch; devloop/debug-bus.ts implements it. */
export interface LiveDebugger {
  publish(events: readonly unknown[], recorded: Recorded, meta: { receivedAt: number; keyId: string | null; origin: string | null }): void;
}

/** What became of a batch: its rejections by index, and the store's outcome of each valid event in order. */
export interface Recorded {
  rejected: readonly Rejection[];
  outcomes: readonly WriteOutcome[];
}

/** One event to record and the request it came with; replays give each its own, the original. */
export interface Arrival {
  raw: unknown;
  context: IngestContext;
  /**
   * The quarantine row a replayed event comes from: resolved when the event now passes, kept with its
   * current reason when it does not. A new rejection is quarantined instead.
   */
  from?: QuarantineRecord;
}

export interface RecordOptions {
  /** Events the SDK dropped before sending (its queue was full), counted against the key. */
  dropped?: { count: number; anonymousId: string | null };
  /**
   * Set for events arriving over the wire now: the live debugger shows them as from this origin.
   * Manual adds and replays leave it out, as the debugger shows what reached the ingest routes.
   */
  live?: { origin: string | null };
}

export interface RecorderDeps {
  validator: EventValidator;
  enrichers: readonly Enricher[];
  /** Every event recorded passes the live triggers, so a flow fires whatever the source. */
  triggers: { match(event: NewEvent): string[] };
  events: Pick<EventStore, 'write'>;
  debug?: LiveDebugger | undefined;
  /** Told what became of each recorded batch (the metrics), after its commit. */
  observe?: ((source: EventSource, response: IngestResponse) => void) | undefined;
}

/** The one path by which an event is stored: validate → enrich → match triggers → write → publish. */
export interface Recorder {
  /** A batch from one request, every event with the same context. */
  record(events: readonly unknown[], context: IngestContext, options?: RecordOptions): Promise<IngestResponse>;
  /** Events each with its own context (quarantine replays); `dropped` is counted against the first one's key. */
  recordEach(arrivals: readonly Arrival[], options?: RecordOptions): Promise<IngestResponse>;
}

/**
 * Validates every event on its own, then records the valid ones and quarantines the rest in one
 * transaction. Resolves only after the commit: what it answers as accepted is stored. A rejected event
 * costs only itself, never the batch.
 */
export function createRecorder(deps: RecorderDeps): Recorder {
  const recordEach = async (arrivals: readonly Arrival[], options: RecordOptions = {}): Promise<IngestResponse> => {
    const accepted: NewEvent[] = [];
    /** Position in `arrivals` of each accepted event. */
    const acceptedAt: number[] = [];
    const quarantine: QuarantineEntry[] = [];
    const resolvedQuarantine: number[] = [];
    const rejected: Rejection[] = [];
    arrivals.forEach(({ raw, context, from }, index) => {
      const result = deps.validator.validate(raw, index, context);
      if (result.ok) {
        // A public key's event is anyone's: what it may claim is limited (store/resolve-customer.ts).
        let event: NewEvent = { ...result.event, trusted: context.scope !== 'ingest' };
        for (const enrich of deps.enrichers) event = enrich(event, raw as Record<string, unknown>);
        const triggers = deps.triggers.match(event);
        accepted.push(triggers.length > 0 ? { ...event, triggers } : event);
        acceptedAt.push(index);
        if (from) resolvedQuarantine.push(from.id);
        return;
      }
      rejected.push(result.rejection);
      const { code, message, path } = result.rejection;
      if (from) {
        // Keeps the row's reason current, so the list says why it still fails. A row without a uuid
        // cannot be matched for an update and stays as it is.
        if (from.uuid !== null) quarantine.push({ ...from, code, message, path });
        return;
      }
      quarantine.push({
        uuid: code === 'invalid_uuid' ? null : result.rejection.uuid?.toLowerCase() ?? null,
        event: result.eventId,
        code,
        message,
        path,
        raw: result.raw,
        receivedAt: context.receivedAt,
        sentAt: context.sentAt,
        keyId: context.keyId,
        scope: context.scope,
      });
    });
    const keyId = arrivals[0]?.context.keyId ?? null;
    const dropped = options.dropped && options.dropped.count > 0 ? { ...options.dropped, keyId } : undefined;
    const outcomes = await deps.events.write({
      events: accepted,
      quarantine,
      ...(resolvedQuarantine.length > 0 ? { resolvedQuarantine } : {}),
      ...(dropped ? { dropped } : {}),
    });
    const written = suppressedAsRejected(outcomes, accepted, acceptedAt, rejected);
    const duplicates = written.outcomes.filter((o) => o === 'duplicate').length;
    const response = { accepted: written.outcomes.length - duplicates, duplicates, rejected: written.rejected };
    if (arrivals.length > 0) deps.observe?.(arrivals[0]!.context.source, response);
    if (options.live && arrivals.length > 0) {
      // Returns at once when no one is watching.
      deps.debug?.publish(
        arrivals.map((a) => a.raw),
        written,
        { receivedAt: arrivals[0]!.context.receivedAt, keyId, origin: options.live.origin },
      );
    }
    return response;
  };

  return {
    record: (events, context, options) => recordEach(events.map((raw) => ({ raw, context })), options),
    recordEach,
  };
}
