import type { MessagePort } from 'node:worker_threads';
import type { ReadCall } from '../read-methods';
import { toWireError, type WireError } from './wire-error';

/** What a reader thread posts back for one call: the result, or the error with its driver code. */
export type ReadAnswer = { ok: true; value: unknown } | { ok: false; error: WireError };

/**
 * Answers each call posted to `port` from `target`'s sub-stores, one at a time as the pool sends them,
 * after a first `{ ready: true }`.
 * An error crosses as a WireError, so the main thread still tells SQLITE_BUSY (storage unavailable)
 * from a failed query.
 */
export function answerReads(port: MessagePort, target: Record<string, unknown>): void {
  port.on('message', async ({ sub, method, args }: ReadCall) => {
    let answer: ReadAnswer;
    try {
      const value = await (target[sub] as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args);
      answer = { ok: true, value };
    } catch (error) {
      answer = { ok: false, error: toWireError(error) };
    }
    port.postMessage(answer);
  });
  // The pool starts a call's clock only once the thread listens: loading the thread's modules is not the query's time.
  port.postMessage({ ready: true });
}
