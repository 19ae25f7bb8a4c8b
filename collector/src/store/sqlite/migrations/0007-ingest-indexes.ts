import type { Kysely, Migration } from 'kysely';

export const ingestIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    // events_event_time_customer (0005) starts with the same columns, so it serves every query this
    // one did (by-event export sorts only ties on seq); dropping it made each insert ~25-60% cheaper
    // on a million-event file (the raw writer, interleaved runs).
    await db.schema.dropIndex('events_event_time').execute();
  },
};
