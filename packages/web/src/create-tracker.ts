import { createTracker as createCoreTracker, type KeyValueStorage, type Tracker, type TrackerOptions, type TrackProperties } from '@eventline/core';
import { createWebPlatform } from './create-web-platform';
import { pageProperties } from './page-properties';

export interface WebTracker extends Tracker {
  /** A `page_view` with url, title, referrer and utm_* of the current page; `properties` add or override. */
  page(properties?: TrackProperties | null): void;
}

/**
 * A browser tracker: IndexedDB queue, keepalive sends, flush on hide and online, one sender across tabs.
 * Pass options now or call `init` later; calls made before are kept.
 */
export function createTracker(options?: TrackerOptions, platform: { storage?: KeyValueStorage } = {}): WebTracker {
  const tracker = createCoreTracker(createWebPlatform(platform), options);
  return {
    ...tracker,
    page: (properties) => tracker.track('page_view', { ...pageProperties(), ...properties }),
  };
}
