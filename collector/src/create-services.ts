import { randomBytes } from 'node:crypto';
import { bootstrapKeys, type NewKeys } from './auth/bootstrap-keys';
import { KeyResolver } from './auth/key-resolver';
import { RateLimiter } from './auth/rate-limiter';
import type { Config } from './config';
import { SharedCaches } from './cluster/shared-caches';
import { DefinitionCache } from './definitions/definition-cache';
import { DebugBus } from './devloop/debug-bus';
import { systemDefinitions } from './definitions/system-definitions';
import { DeliveryWorker, defaultDeliveryOptions } from './flows/delivery-worker';
import { defaultRetryPolicy } from './flows/retry-delay';
import { TriggerCache } from './flows/trigger-cache';
import { TriggerTargetPolicy } from './flows/trigger-target-policy';
import { createLogger } from './logger';
import { MaterialCache } from './materials/material-cache';
import { MaterialTaggingValidator } from './materials/material-tagging-validator';
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
  return {
    services: {
      config,
      store,
      definitions,
      validator: new MaterialTaggingValidator(definitions, config, materials),
      keys: keyResolver,
      rateLimiter: new RateLimiter(config),
      log,
      triggers,
      deliveries: new DeliveryWorker(store, log, {
        ...defaultDeliveryOptions,
        intervalMs: config.deliveryIntervalMs,
        timeoutMs: config.deliveryTimeoutMs,
        policy: { ...defaultRetryPolicy, baseMs: config.deliveryRetryMs },
      }, { secrets, targets: new TriggerTargetPolicy(config.triggerAllowedHosts) }),
      materials,
      caches,
      secrets,
      debug: new DebugBus(),
    },
    keys,
  };
}
