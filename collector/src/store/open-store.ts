import type { Config } from '../config';
import { openPostgresStore } from './postgres/postgres-store';
import { openSqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

/** The store the configuration names: PostgreSQL when EVENTLINE_DATABASE_URL is set, else the SQLite file. */
export function openStore(config: Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dbPath' | 'synchronous' | 'strongIdentityTypes' | 'reads' | 'pgPools'>): Promise<Store> {
  if (config.databaseUrl) {
    return openPostgresStore({
      url: config.databaseUrl,
      schema: config.databaseSchema,
      strongIdentityTypes: config.strongIdentityTypes,
      pools: config.pgPools,
      queryTimeoutMs: config.reads.timeoutMs,
    });
  }
  return openSqliteStore({ path: config.dbPath, synchronous: config.synchronous, strongIdentityTypes: config.strongIdentityTypes, reads: config.reads });
}
