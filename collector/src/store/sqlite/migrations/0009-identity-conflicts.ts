import type { Kysely, Migration } from 'kysely';

export const identityConflicts: Migration = {
  async up(db: Kysely<unknown>) {
    // Merges an event asked for and did not get (two people's strong ids, or a public key naming two
    // known customers): written with the event, so an operator can see who tried to join whom.
    await db.schema
      .createTable('identity_conflicts')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('event_uuid', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('other_customer_id', 'text', (c) => c.notNull())
      .addColumn('identities', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('identity_conflicts_event').on('identity_conflicts').column('event_uuid').execute();
  },
};
