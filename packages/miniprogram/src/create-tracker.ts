import { createTracker as createCoreTracker, type AnyEvents, type Tracker, type TrackerOptions, type TrackProperties } from '@eventline/core';
import { createMiniProgramPlatform } from './create-mini-program-platform';
import { currentPage, pageRoute, type PageInstance } from './current-page';
import { detectHost } from './detect-host';
import { launchProperties } from './launch-properties';
import type { LaunchOptions, MiniProgramHost } from './mini-program-api';

export interface MiniProgramTrackerOptions extends TrackerOptions {
  /** The host object; found among the globals `my`, `tt`, `wx` when absent. */
  platform?: MiniProgramHost | undefined;
  /** Send `mp_launch` (scene, path, query) when the tracker is created. Default true. */
  trackLaunch?: boolean | undefined;
}

/** A page config for `Page()`: only the handlers the tracker wraps are named. */
export interface PageConfig {
  onShow?: (this: PageInstance) => void;
  onShareAppMessage?: (this: PageInstance, ...args: unknown[]) => unknown;
  onShareTimeline?: (this: PageInstance, ...args: unknown[]) => unknown;
  [key: string]: unknown;
}

/** `createTracker<EventlineEvents>()` checks each `track` against the events `eventline types` wrote (docs/devloop.md). */
export interface MiniProgramTracker<Events extends AnyEvents = AnyEvents> extends Tracker<Events> {
  /** A `page_view` of the page on top of the stack; `properties` add or override (pass `title`: no host API reads it). */
  page(properties?: TrackProperties | null): void;
  /** A `page_view` of this page instance (call it in the page's `onShow` with `this`). */
  trackPage(page: PageInstance, properties?: TrackProperties | null): void;
  /** An `mp_share` of `path` (default: the current page) to `target` (`friend`, `timeline`, …). */
  share(target: string, path?: string): void;
  /**
   * The page config with page views and shares tracked: `Page(tracker.trackedPage({ … }, { title }))`.
   * Only share handlers the page already has are wrapped: adding one would turn on the share menu.
   */
  trackedPage<C extends PageConfig>(config: C, properties?: TrackProperties | null): C;
}

const sharedPath = (result: unknown, page: PageInstance) => {
  const path = (result as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : pageRoute(page);
};

/**
 * A mini-program tracker over the host's storage, request and app events (WeChat `wx`, Alipay `my`,
 * ByteDance `tt`). Pass options now or call `init` later; calls made before are kept.
 */
export function createTracker<Events extends AnyEvents = AnyEvents>(options?: MiniProgramTrackerOptions): MiniProgramTracker<Events> {
  const host = options?.platform ?? detectHost();
  if (!host) throw new Error('[eventline] no mini-program host (wx, my or tt) found: pass `platform`');
  const tracker = createCoreTracker(createMiniProgramPlatform(host), options);

  if (options?.trackLaunch !== false) {
    let launch: LaunchOptions | undefined;
    try {
      launch = host.api.getLaunchOptionsSync?.();
    } catch {
      // Hosts without it answer the launch through the first onAppShow below.
    }
    if (launch) tracker.track('mp_launch', launchProperties(launch));
    else {
      const onFirstShow = (show: LaunchOptions) => {
        host.api.offAppShow?.(onFirstShow);
        tracker.track('mp_launch', launchProperties(show));
      };
      host.api.onAppShow?.(onFirstShow);
    }
  }

  const trackPage = (page: PageInstance | undefined, properties?: TrackProperties | null) => {
    tracker.track('page_view', { url: pageRoute(page), ...properties });
  };
  const share = (target: string, path?: string) => {
    tracker.track('mp_share', { path: path ?? pageRoute(currentPage()), share_target: target });
  };
  const wrapShare = (handler: NonNullable<PageConfig['onShareAppMessage']>, target: string) =>
    function (this: PageInstance, ...args: unknown[]) {
      const result = handler.apply(this, args);
      share(target, sharedPath(result, this));
      return result;
    };

  return {
    ...tracker,
    page: (properties) => trackPage(currentPage(), properties),
    trackPage,
    share,
    trackedPage(config, properties) {
      const { onShow, onShareAppMessage, onShareTimeline } = config;
      const wrapped: PageConfig = {
        ...config,
        onShow(this: PageInstance) {
          trackPage(this, properties);
          onShow?.call(this);
        },
      };
      if (onShareAppMessage) wrapped.onShareAppMessage = wrapShare(onShareAppMessage, 'friend');
      if (onShareTimeline) wrapped.onShareTimeline = wrapShare(onShareTimeline, 'timeline');
      return wrapped as typeof config;
    },
  } as MiniProgramTracker<Events>;
}
