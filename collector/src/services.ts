import type { KeyResolver } from './auth/key-resolver';
import type { RateLimiter } from './auth/rate-limiter';
import type { SharedCaches } from './cluster/shared-caches';
import type { Config } from './config';
import type { DefinitionCache } from './definitions/definition-cache';
import type { DebugBus } from './devloop/debug-bus';
import type { DeliveryWorker } from './triggers/delivery-worker';
import type { TimerWorker } from './triggers/timer-worker';
import type { TriggerCache } from './triggers/trigger-cache';
import type { Logger } from './logger';
import type { MaterialCache } from './materials/material-cache';
import type { CollectorMetrics } from './metrics/collector-metrics';
import type { RetentionWorker } from './retention/retention-worker';
import type { Recorder } from './recorder/create-recorder';
import type { Store } from './store/store';
import type { SecretBox } from './wechat/secret-box';

/** What the route modules share: built once by createServices, handed to createApp. */
export interface Services {
  config: Config;
  store: Store;
  definitions: DefinitionCache;
  /** The one path by which events are stored: every route that records calls it. */
  recorder: Recorder;
  keys: KeyResolver;
  /** Each key's events per second on the ingest routes. */
  rateLimiter: RateLimiter;
  log: Logger;
  /** The live event triggers; the recorder matches each event against them. */
  triggers: TriggerCache;
  /** Sends the trigger outbox; started by server.ts, by hand in tests. */
  deliveries: DeliveryWorker;
  /** Settles follow-up (and segment) trigger timers into the outbox; started by server.ts, by hand in tests. */
  timers: TimerWorker;
  /** Prometheus metrics (GET /metrics, or EVENTLINE_METRICS_PORT). */
  metrics: CollectorMetrics;
  /** Removes events past EVENTLINE_RETENTION_DAYS; undefined when events are kept for ever. Started by server.ts. */
  retention?: RetentionWorker | undefined;
  /** Material tags by id; the recorder adds them to events. */
  materials: MaterialCache;
  /** Reloads the caches above after a change, here and (through the store) in every other collector. */
  caches: SharedCaches;
  /** Seals what is stored for others (WeChat tokens) with the collector secret. */
  secrets: SecretBox;
  /** The live debugger's readers (GET /v1/debug/stream); the recorder publishes to it. */
  debug?: DebugBus;
}
