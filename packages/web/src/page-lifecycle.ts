import type { LifecycleHandlers } from '@eventline/core';

/**
 * Hidden is the last moment a page is sure to run (mobile browsers kill hidden tabs without unload),
 * so `visibilitychange` to hidden and `pagehide` both flush; `online` ends a network backoff.
 */
export function listenToPageLifecycle({ hide, online }: LifecycleHandlers): () => void {
  const controller = new AbortController();
  const options = { signal: controller.signal };
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && hide(), options);
  addEventListener('pagehide', hide, options);
  addEventListener('online', online, options);
  return () => controller.abort();
}
