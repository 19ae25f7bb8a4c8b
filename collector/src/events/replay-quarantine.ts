import type { Recorder } from '../recorder/create-recorder';
import type { Store } from '../store/store';

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
 * originally came with, and records those that now pass through the recorder, setting off their
 * triggers as ingest would. Works in pages so memory stays flat.
 */
export async function replayQuarantine(
  store: Pick<Store, 'quarantine'>,
  { recorder }: { recorder: Pick<Recorder, 'recordEach'> },
  pageSize = 500,
): Promise<ReplayResult> {
  const result: ReplayResult = { replayed: 0, duplicates: 0, stillRejected: 0 };
  let afterId = 0;
  for (;;) {
    const page = await store.quarantine.pending(pageSize, afterId);
    if (page.length === 0) return result;
    afterId = page[page.length - 1]!.id;
    const recorded = await recorder.recordEach(
      page.map((record) => ({
        raw: JSON.parse(record.raw) as unknown,
        context: { receivedAt: record.receivedAt, sentAt: record.sentAt, scope: record.scope, keyId: record.keyId, source: 'replay' },
        from: record,
      })),
    );
    result.replayed += recorded.accepted;
    result.duplicates += recorded.duplicates;
    result.stillRejected += recorded.rejected.length;
  }
}
