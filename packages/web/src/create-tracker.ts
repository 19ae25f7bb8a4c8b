import { createTracker as createCoreTracker, type AnyEvents, type KeyValueStorage, type Tracker, type TrackerOptions, type TrackProperties } from '@eventline/core';
import { createWebPlatform } from './create-web-platform';
import { pageProperties } from './page-properties';

/** `createTracker<EventlineEvents>()` checks each `track` against the events `eventline types` wrote (docs/devloop.md). */
export interface WebTracker<Events extends AnyEvents = AnyEvents> extends Tracker<Events> {
  /** A `page_view` with url, title, referrer and utm_* of the current page; `properties` add or override. */
  page(properties?: TrackProperties | null): void;
}

/**
 * A browser tracker: IndexedDB queue, keepalive sends, flush on hide and online, one sender across tabs.
 * Pass options now or call `init` later; calls made before are kept.
 */
export function createTracker<Events extends AnyEvents = AnyEvents>(options?: TrackerOptions, platform: { storage?: KeyValueStorage } = {}): WebTracker<Events> {
  const tracker = createCoreTracker(createWebPlatform(platform), options);
  return {
    ...tracker,
    page: (properties) => tracker.track('page_view', { ...pageProperties(), ...properties }),
  } as WebTracker<Events>;
}
