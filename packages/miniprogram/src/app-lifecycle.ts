import type { LifecycleHandlers } from '@eventline/core';
import type { AppEvents } from './mini-program-api';

/**
 * onAppHide is the last moment the app surely runs (the host may end it in the background without
 * telling), so it flushes. Coming back to the foreground or to the network both end a backoff:
 * timers barely run in the background, and the network is the usual reason a send failed.
 */
export function listenToAppLifecycle(api: AppEvents, { hide, online }: LifecycleHandlers): () => void {
  const onShow = () => online();
  const onNetwork = (result: { isConnected: boolean }) => {
    if (result.isConnected) online();
  };
  api.onAppHide?.(hide);
  api.onAppShow?.(onShow);
  api.onNetworkStatusChange?.(onNetwork);
  return () => {
    api.offAppHide?.(hide);
    api.offAppShow?.(onShow);
    api.offNetworkStatusChange?.(onNetwork);
  };
}
