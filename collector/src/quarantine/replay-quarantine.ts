import type { IngestDeps } from '../ingest/ingest-events';
import type { NewEvent, QuarantineEntry, Store } from '../store/store';

export interface ReplayResult {
  /** Now recorded. */
  replayed: number;
  /** Passed, but already stored (the client resent them after a fix). */
  duplicates: number;
  /** Still rejected, with their current reason. */
  stillRejected: number;
}

/**
 * Re-checks every pending quarantined event against today's definitions, with the clock and key it
 * originally came with, and records those that now pass, setting off their triggers as ingest would.
 * Works in pages so memory stays flat.
 */
export async function replayQuarantine(
  store: Store,
  { validator, triggers }: Pick<IngestDeps, 'validator' | 'triggers'>,
  pageSize = 500,
): Promise<ReplayResult> {
  const result: ReplayResult = { replayed: 0, duplicates: 0, stillRejected: 0 };
  let afterId = 0;
  for (;;) {
    const page = await store.quarantine.pending(pageSize, afterId);
    if (page.length === 0) return result;
    afterId = page[page.length - 1]!.id;
    const events: NewEvent[] = [];
    const resolved: number[] = [];
    const quarantine: QuarantineEntry[] = [];
    for (const record of page) {
      const check = validator.validate(JSON.parse(record.raw), 0, {
        receivedAt: record.receivedAt,
        sentAt: record.sentAt,
        scope: record.scope,
        keyId: record.keyId,
        source: 'replay',
      });
      if (check.ok) {
        const matched = triggers.match(check.event);
        events.push(matched.length > 0 ? { ...check.event, triggers: matched } : check.event);
        resolved.push(record.id);
      } else if (record.uuid !== null) {
        // Keeps the row's reason current, so the list says why it still fails.
        quarantine.push({ ...record, code: check.rejection.code, message: check.rejection.message, path: check.rejection.path });
        result.stillRejected++;
      } else {
        result.stillRejected++;
      }
    }
    const outcomes = await store.events.write({ events, quarantine, resolvedQuarantine: resolved });
    for (const o of outcomes) result[o === 'accepted' ? 'replayed' : 'duplicates']++;
  }
}
