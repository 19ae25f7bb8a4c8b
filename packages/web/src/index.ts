export { createTracker, type WebTracker } from './create-tracker';
export { createWebPlatform } from './create-web-platform';
export { createIdbStorage } from './idb-storage';
export { snippet, snippetMethods } from './snippet';
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
