import type { KeyResolver } from './auth/key-resolver';
import type { RateLimiter } from './auth/rate-limiter';
import type { SharedCaches } from './cluster/shared-caches';
import type { Config } from './config';
import type { DefinitionCache } from './definitions/definition-cache';
import type { DebugBus } from './devloop/debug-bus';
import type { DeliveryWorker } from './triggers/delivery-worker';
import type { TriggerCache } from './triggers/trigger-cache';
import type { EventValidator } from './ingest/event-validator';
import type { Logger } from './logger';
import type { MaterialCache } from './materials/material-cache';
import type { Store } from './store/store';
import type { SecretBox } from './wechat/secret-box';

/** What the route modules share: built once by createServices, handed to createApp. */
export interface Services {
  config: Config;
  store: Store;
  definitions: DefinitionCache;
  validator: EventValidator;
  keys: KeyResolver;
  /** Each key's events per second on the ingest routes. */
  rateLimiter: RateLimiter;
  log: Logger;
  /** The live event triggers, matched against each event at ingest. */
  triggers: TriggerCache;
  /** Sends the trigger outbox; started by server.ts, by hand in tests. */
  deliveries: DeliveryWorker;
  /** Material tags by id, for ingest. */
  materials: MaterialCache;
  /** Reloads the caches above after a change, here and (through the store) in every other collector. */
  caches: SharedCaches;
  /** Seals what is stored for others (WeChat tokens) with the collector secret. */
  secrets: SecretBox;
  /** The live debugger's readers (GET /v1/debug/stream); ingest publishes to it. */
  debug?: DebugBus;
}
