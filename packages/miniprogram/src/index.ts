export { createTracker, type MiniProgramTracker, type MiniProgramTrackerOptions, type PageConfig } from './create-tracker';
export { createMiniProgramPlatform } from './create-mini-program-platform';
export { detectHost } from './detect-host';
export type { AlipayApi, AlipayFailure, AppEvents, LaunchOptions, MiniProgramHost, SystemInfo, WxApi } from './mini-program-api';
export type { PageInstance } from './current-page';
export {
  CollectorError,
  createMemoryStorage,
  EventlineError,
  InvalidEventError,
  NetworkError,
  StorageError,
  type Answer,
  type AnswerListener,
  type AnyEvents,
  type KeyValueStorage,
  type RejectedEvent,
  type Tracker,
  type TrackArgs,
  type TrackerOptions,
  type TrackOptions,
  type TrackProperties,
} from '@eventline/core';
