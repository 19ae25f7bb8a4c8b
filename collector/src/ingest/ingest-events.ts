import type { IngestResponse, Rejection } from '@eventline/protocol';
import type { EventStore, NewEvent, QuarantineEntry, WriteOutcome } from '../store/store';
import type { EventValidator, IngestContext } from './event-validator';

export interface IngestInput {
  events: readonly unknown[];
  context: IngestContext;
  dropped?: { count: number; anonymousId: string | null };
}

/**
 * What the store said of each valid event, in batch order (the rejected ones skipped), for the live
 * debugger. A symbol key, so the JSON answer leaves it out.
 */
export const writeOutcomes = Symbol('writeOutcomes');

export interface IngestDeps {
  validator: EventValidator;
  events: EventStore;
  /** Every path that records events passes the live triggers, so a flow fires whatever the source. */
  triggers: { match(event: NewEvent): string[] };
}

export interface IngestResult extends IngestResponse {
  [writeOutcomes]?: WriteOutcome[];
}

/**
 * Validates every event of a batch on its own, then records the valid ones and quarantines the rest in
 * one transaction. Resolves only after the commit: what it answers as accepted is stored.
 */
export async function ingestEvents(
  input: IngestInput,
  deps: IngestDeps,
): Promise<IngestResult> {
  const accepted: NewEvent[] = [];
  const quarantine: QuarantineEntry[] = [];
  const rejected: Rejection[] = [];
  const { context } = input;
  input.events.forEach((raw, index) => {
    const result = deps.validator.validate(raw, index, context);
    if (result.ok) {
      const triggers = deps.triggers.match(result.event);
      accepted.push(triggers.length > 0 ? { ...result.event, triggers } : result.event);
      return;
    }
    rejected.push(result.rejection);
    quarantine.push({
      uuid: result.rejection.code === 'invalid_uuid' ? null : result.rejection.uuid?.toLowerCase() ?? null,
      event: result.eventId,
      code: result.rejection.code,
      message: result.rejection.message,
      path: result.rejection.path,
      raw: result.raw,
      receivedAt: context.receivedAt,
      sentAt: context.sentAt,
      keyId: context.keyId,
      scope: context.scope,
    });
  });
  const dropped = input.dropped && input.dropped.count > 0 ? { ...input.dropped, keyId: context.keyId } : undefined;
  const outcomes = await deps.events.write({ events: accepted, quarantine, ...(dropped ? { dropped } : {}) });
  const duplicates = outcomes.filter((o) => o === 'duplicate').length;
  return { accepted: outcomes.length - duplicates, duplicates, rejected, [writeOutcomes]: outcomes };
}
