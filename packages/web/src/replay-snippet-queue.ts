import type { WebTracker } from './create-tracker';

/**
 * Runs the calls the snippet stub queued, in the order they were made, on the real tracker. A call to
 * an unknown method, or one that fails, is skipped: an old snippet or a typo must not break the page.
 */
export function replaySnippetQueue(queue: unknown, tracker: WebTracker): void {
  if (!Array.isArray(queue)) return;
  for (const [method, ...args] of queue as Array<[string, ...unknown[]]>) {
    try {
      (tracker as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...args);
    } catch {
      // Never throw into the host page.
    }
  }
}
