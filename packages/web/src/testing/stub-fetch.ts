import type { EventBatch } from '@eventline/protocol';
import { vi } from 'vitest';

/** Replaces `fetch` with a collector that accepts every batch; returns the batches it received. */
export function stubAcceptingFetch(): EventBatch[] {
  const batches: EventBatch[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      const batch = JSON.parse(init.body as string) as EventBatch;
      batches.push(batch);
      return new Response(JSON.stringify({ accepted: batch.events.length, duplicates: 0, rejected: [] }), { status: 200 });
    }),
  );
  return batches;
}
