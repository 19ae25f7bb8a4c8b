import type { Kysely, Migration } from 'kysely';

export const keysAndExport: Migration = {
  async up(db: Kysely<unknown>) {
    // Per-key ingest rate limit in events per second; null falls back to EVENTLINE_RATE_LIMIT.
    // Export pages over (time, seq): SQLite's events_time index already ends in the rowid (seq).
    await db.schema.alterTable('keys').addColumn('rate_limit', 'integer').execute();
  },
};
