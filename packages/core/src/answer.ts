import type { Rejection, WireEvent } from '@eventline/protocol';
import type { CollectorError } from './errors/collector-error';
import type { NetworkError } from './errors/network-error';

export interface RejectedEvent extends Rejection {
  /** The event as it was sent. */
  event: WireEvent | undefined;
}

/**
 * The collector's answer to one request, given to `onAnswer` hooks. On `ok` every event of the
 * batch has left the queue, including the rejected ones (kept in the collector's quarantine).
 */
export type Answer =
  | { ok: true; status: number; events: WireEvent[]; accepted: number; duplicates: number; rejected: RejectedEvent[] }
  | {
      ok: false;
      /** 0 when no answer came (network error, beacon). */
      status: number;
      events: WireEvent[];
      error: CollectorError | NetworkError;
      /** When the tracker tries again on its own; undefined while it waits for `flush()`, `init()` or the next visit. */
      retryInMs: number | undefined;
    };

export type AnswerListener = (answer: Answer) => void;
