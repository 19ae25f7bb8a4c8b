import type { WireEvent } from '@eventline/protocol';
import { classifyResult, type Outcome } from './classify-result';
import type { Platform, SendResult } from './platform';

/**
 * One request with `events` and the `dropped` count, classified. The request starts synchronously (see
 * Platform.send): a page going away may not see the next tick.
 */
export function sendBatch(platform: Platform, url: string, writeKey: string, events: WireEvent[], dropped: number, urgent: boolean, now: () => number): Promise<Outcome> {
  // JSON leaves `dropped` out when it is undefined.
  const body = JSON.stringify({ sentAt: now(), dropped: dropped || undefined, events });
  // The executor runs now, so the request starts synchronously, and a throw becomes a rejection.
  return new Promise<SendResult>((resolve) => resolve(platform.send({ url, writeKey, body, urgent }))).then(
    (result) => classifyResult(result, now()),
    (failed: unknown) => classifyResult({ failed }, now()),
  );
}
