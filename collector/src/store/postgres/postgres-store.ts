import type { Store } from '../store';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Schema to keep every table in (created when missing); default: public. Tests use one each. */
  schema?: string;
  /** Identity types whose different values mark two people, never merged (config EVENTLINE_STRONG_IDENTITY_TYPES). */
  strongIdentityTypes?: readonly string[];
  /** Connections in the pool; default 10. */
  poolSize?: number;
}

/** Opens the PostgreSQL store and brings its schema up to date. */
export async function openPostgresStore(_options: PostgresStoreOptions): Promise<Store> {
  throw new Error('not built yet');
}
