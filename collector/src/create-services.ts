import { randomBytes } from 'node:crypto';
import { bootstrapKeys, type NewKeys } from './auth/bootstrap-keys';
import { KeyResolver } from './auth/key-resolver';
import { RateLimiter } from './auth/rate-limiter';
import type { Config } from './config';
import { SharedCaches } from './cluster/shared-caches';
import { DefinitionCache } from './definitions/definition-cache';
import { DebugBus } from './devloop/debug-bus';
import { systemDefinitions } from './definitions/system-definitions';
import { DeliveryWorker, defaultDeliveryOptions } from './triggers/delivery-worker';
import { defaultRetryPolicy } from './triggers/retry-delay';
import { segmentMembership } from './segments/segment-membership';
import { defaultTimerOptions, TimerWorker } from './triggers/timer-worker';
import { TriggerCache } from './triggers/trigger-cache';
import { TriggerTargetPolicy } from './triggers/trigger-target-policy';
import { createLogger } from './logger';
import { MaterialCache } from './materials/material-cache';
import { materialTagging } from './materials/material-tagging';
import { CollectorMetrics } from './metrics/collector-metrics';
import { RetentionWorker } from './retention/retention-worker';
import { createRecorder } from './recorder/create-recorder';
import { EventValidator } from './recorder/event-validator';
import type { Services } from './services';
import { openStore } from './store/open-store';
import { SecretBox } from './wechat/secret-box';

/** Opens the store, seeds the system events, loads the definitions and makes sure keys exist. */
export async function createServices(config: Config): Promise<{ services: Services; keys: NewKeys }> {
  const store = await openStore(config);
  await store.definitions.seedSystem([...systemDefinitions]);
  const definitions = new DefinitionCache(store.definitions);
  await definitions.load();
  const keys = await bootstrapKeys(store.keys, config);
  const triggers = new TriggerCache(store.triggers);
  await triggers.load();
  const log = createLogger(config.log);
  const materials = new MaterialCache(store.materials);
  await materials.load();
  // Without EVENTLINE_SECRET the key sits in the database beside what it seals: fine for a trial, not for production.
  const secret = config.secret ?? (await store.meta.getOrInsert('collector_secret', randomBytes(32).toString('base64url')));
  const keyResolver = new KeyResolver(store.keys);
  const secrets = new SecretBox(secret);
  const caches = new SharedCaches(
    store.meta,
    { definitions: () => definitions.load(), triggers: () => triggers.load(), materials: () => materials.load(), keys: () => keyResolver.forget() },
    (error) => log.error('shared cache poll failed', { error: String(error) }),
  );
  const debug = new DebugBus();
  const deliveries = new DeliveryWorker(store, log, {
    ...defaultDeliveryOptions,
    intervalMs: config.deliveryIntervalMs,
    timeoutMs: config.deliveryTimeoutMs,
    concurrency: config.deliveryConcurrency,
    policy: { ...defaultRetryPolicy, baseMs: config.deliveryRetryMs },
    activenessLevels: config.activenessLevels,
  }, { secrets, targets: new TriggerTargetPolicy(config.triggerAllowedHosts) });
  const timers = new TimerWorker(store, log, { ...defaultTimerOptions, intervalMs: config.deliveryIntervalMs }, segmentMembership(store, config.activenessLevels));
  const metrics = new CollectorMetrics({
    quarantineSize: () => store.quarantine.countPending(),
    outbox: async () => {
      const now = Date.now();
      const { due, oldestDueAt } = await store.triggers.outboxStats(now);
      return { due, oldestDueMs: oldestDueAt === null ? 0 : now - oldestDueAt };
    },
    deliveryFailures: () => deliveries.failures,
    debuggerReaders: () => debug.readerCount,
    writerQueueDepth: () => store.events.queue.queued,
    reads: () => store.reads,
  });
  store.events.queue.onCommit((batches) => metrics.committed(batches));
  const recorder = createRecorder({
    validator: new EventValidator(definitions, config),
    enrichers: [materialTagging(materials)],
    triggers,
    events: store.events,
    debug,
    observe: (source, response) => metrics.recorded(source, response.accepted, response.duplicates, response.rejected),
  });
  return {
    services: {
      config,
      store,
      definitions,
      recorder,
      keys: keyResolver,
      rateLimiter: new RateLimiter(config),
      log,
      triggers,
      deliveries,
      timers,
      metrics,
      retention: config.retentionDays === undefined ? undefined : new RetentionWorker(store.retention, log, { days: config.retentionDays, batchSize: 1000, intervalMs: 3_600_000 }),
      materials,
      caches,
      secrets,
      debug,
    },
    keys,
  };
}
