import { bootstrapKeys, type NewKeys } from './auth/bootstrap-keys';
import { KeyResolver } from './auth/key-resolver';
import type { Config } from './config';
import { DefinitionCache } from './definitions/definition-cache';
import { systemDefinitions } from './definitions/system-definitions';
import { EventValidator } from './ingest/event-validator';
import { createLogger } from './logger';
import type { Services } from './services';
import { openSqliteStore } from './store/sqlite/sqlite-store';

/** Opens the store, seeds the system events, loads the definitions and makes sure keys exist. */
export async function createServices(config: Config): Promise<{ services: Services; keys: NewKeys }> {
  const store = await openSqliteStore({ path: config.dbPath, synchronous: config.synchronous, strongIdentityTypes: config.strongIdentityTypes });
  await store.definitions.seedSystem([...systemDefinitions]);
  const definitions = new DefinitionCache(store.definitions);
  await definitions.load();
  const keys = await bootstrapKeys(store.keys, config);
  return {
    services: {
      config,
      store,
      definitions,
      validator: new EventValidator(definitions, config),
      keys: new KeyResolver(store.keys),
      log: createLogger(config.log),
    },
    keys,
  };
}
