import { v7 as uuidv7 } from 'uuid';
import type { SeedSummary } from './seed-database';

/**
 * Makes request bodies for POST /v1/events: `size` valid events with fresh UUIDv7s, each batch from one
 * customer as an SDK sends it, or (`spread`) every event from a different customer, the worst case for the indexes.
 */
export function batchBodies(seed: SeedSummary, size: number, spread: boolean): () => string {
  let sequence = 0;
  let requestNumber = 0;
  return () => {
    const now = Date.now();
    const r = requestNumber++;
    const events = [];
    for (let i = 0; i < size; i++) {
      const n = sequence++;
      const customer = ((spread ? n : r) * 7919) % seed.anonymousIds.length;
      events.push({
        uuid: uuidv7(),
        event: seed.eventIds[n % seed.eventIds.length],
        time: now,
        anonymousId: seed.anonymousIds[customer],
        properties: { cl_amount: n % 1000, cl_sku: `sku-${n % 100}`, cl_count: n % 64, channel: 'web' },
        ...(n % 10 === 0 ? { tags: ['summer-sale'] } : {}),
      });
    }
    return JSON.stringify({ sentAt: now, events });
  };
}
