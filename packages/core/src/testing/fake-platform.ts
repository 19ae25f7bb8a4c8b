import type { EventBatch } from '@eventline/protocol';
import { createMemoryStorage } from '../memory-storage';
import { createMutex } from '../create-mutex';
import type { KeyValueStorage, LifecycleHandlers, Platform, SendRequest, SendResult } from '../platform';

export interface SentRequest extends SendRequest {
  batch: EventBatch;
}

/**
 * A platform for core's tests: memory storage, a shared in-process lock, and a collector stand-in
 * that records every request and answers with what the test queues (200 accepting everything by default).
 */
export function createFakePlatform(overrides: { storage?: KeyValueStorage; lock?: Platform['lock']; maxBatchBytes?: number } = {}) {
  const sent: SentRequest[] = [];
  const answers: Array<SendResult | Error | ((request: SentRequest) => SendResult)> = [];
  let handlers: LifecycleHandlers | undefined;
  const platform: Platform = {
    storage: overrides.storage ?? createMemoryStorage(),
    lock: overrides.lock ?? createMutex(),
    maxBatchBytes: overrides.maxBatchBytes,
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
    send(request) {
      const recorded = { ...request, batch: JSON.parse(request.body) as EventBatch };
      sent.push(recorded);
      const next = answers.shift();
      if (next instanceof Error) return Promise.reject(next);
      if (typeof next === 'function') return Promise.resolve(next(recorded));
      return Promise.resolve(next ?? { status: 200, body: { accepted: recorded.batch.events.length, duplicates: 0, rejected: [] } });
    },
    lifecycle(h) {
      handlers = h;
      return () => (handlers = undefined);
    },
    log: () => {},
  };
  return {
    platform,
    sent,
    /** Every event sent, in order, across requests. */
    sentEvents: () => sent.flatMap((r) => r.batch.events),
    answer: (...next: Array<SendResult | Error | ((request: SentRequest) => SendResult)>) => answers.push(...next),
    hide: () => handlers?.hide(),
    online: () => handlers?.online(),
  };
}
