// @vitest-environment happy-dom
import { expect, it, vi } from 'vitest';
import { listenToPageLifecycle } from './page-lifecycle';

const setVisibility = (state: 'hidden' | 'visible') => {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
};

it('calls hide when the page is hidden or left, online when the network is back, until unsubscribed', () => {
  const hide = vi.fn();
  const online = vi.fn();
  const stop = listenToPageLifecycle({ hide, online });
  setVisibility('visible');
  expect(hide).not.toHaveBeenCalled();
  setVisibility('hidden');
  dispatchEvent(new Event('pagehide'));
  dispatchEvent(new Event('online'));
  expect(hide).toHaveBeenCalledTimes(2);
  expect(online).toHaveBeenCalledTimes(1);
  stop();
  setVisibility('hidden');
  dispatchEvent(new Event('pagehide'));
  dispatchEvent(new Event('online'));
  expect(hide).toHaveBeenCalledTimes(2);
  expect(online).toHaveBeenCalledTimes(1);
});
