import type { MessagePort } from 'node:worker_threads';
import type { ReadCall } from '../read-methods';

/** What a reader thread posts back for one call: the result, or the error's name, message and driver code. */
export type ReadAnswer = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string; code?: unknown } };

/**
 * Answers each call posted to `port` from `target`'s sub-stores, one at a time as the pool sends them,
 * after a first `{ ready: true }`.
 * An error crosses as its fields: a structured clone keeps no `code`, and the main thread needs it to
 * tell SQLITE_BUSY (storage unavailable) from a failed query.
 */
export function answerReads(port: MessagePort, target: Record<string, unknown>): void {
  port.on('message', async ({ sub, method, args }: ReadCall) => {
    let answer: ReadAnswer;
    try {
      const value = await (target[sub] as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args);
      answer = { ok: true, value };
    } catch (e) {
      const error = e as { name?: unknown; message?: unknown; code?: unknown };
      answer = { ok: false, error: { name: String(error?.name ?? 'Error'), message: String(error?.message ?? e), code: error?.code } };
    }
    port.postMessage(answer);
  });
  // The pool starts a call's clock only once the thread listens: loading the thread's modules is not the query's time.
  port.postMessage({ ready: true });
}
