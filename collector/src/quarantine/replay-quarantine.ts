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

export interface ReplayOptions {
  /** Only these quarantine ids (those not pending are left alone); every pending event when absent. */
  ids?: readonly number[];
  pageSize?: number;
}

/**
 * Re-checks every pending quarantined event (or the chosen ones) against today's definitions, with the
 * clock and key it originally came with, and records those that now pass through the recorder, setting
 * off their triggers as ingest would. Works in pages so memory stays flat.
 */
export async function replayQuarantine(
  store: Pick<Store, 'quarantine'>,
  { recorder }: { recorder: Pick<Recorder, 'recordEach'> },
  { ids, pageSize = 500 }: ReplayOptions = {},
): Promise<ReplayResult> {
  const result: ReplayResult = { replayed: 0, duplicates: 0, stillRejected: 0 };
  const chosen = ids && new Set(ids);
  // Pending pages come in id order: only the ids from the lowest chosen to the highest need reading.
  const lastId = chosen ? Math.max(0, ...chosen) : Infinity;
  let afterId = chosen?.size ? Math.min(...chosen) - 1 : 0;
  for (;;) {
    if (chosen?.size === 0 || afterId >= lastId) return result;
    const page = await store.quarantine.pending(pageSize, afterId);
    if (page.length === 0) return result;
    afterId = page[page.length - 1]!.id;
    const records = chosen ? page.filter((record) => chosen.has(record.id)) : page;
    if (records.length === 0) continue;
    const recorded = await recorder.recordEach(
      records.map((record) => ({
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
