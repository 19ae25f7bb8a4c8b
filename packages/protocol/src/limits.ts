/**
 * Limits of protocol v1. Kept free of zod so that the SDKs can import them as values: the browser
 * bundle must never pull in a schema library.
 */
export const limits = {
  /** Events in one request; more is 413 payload_too_large. */
  maxEventsPerBatch: 500,
  /** Request body after decompression; more is 413 payload_too_large. */
  maxBodyBytes: 1024 * 1024,
  /** One event, serialised; more is the per-event code event_too_large. */
  maxEventBytes: 32 * 1024,
  maxTags: 20,
  maxTagLength: 64,
  /** An event time further in the future than this, after clock correction, is invalid_time. */
  maxFutureMs: 24 * 60 * 60 * 1000,
  /** Event ids and property ids are short identifiers. */
  maxIdLength: 64,
  maxIdentityLength: 256,
  /** Arrays and objects nested deeper than this make the whole request invalid_json. */
  maxJsonDepth: 32,
  /** What a browser may send with keepalive fetch or sendBeacon in one request. */
  keepaliveBytes: 64 * 1024,
} as const;
