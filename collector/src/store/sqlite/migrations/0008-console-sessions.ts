import type { Kysely, Migration } from 'kysely';

export const consoleSessions: Migration = {
  async up(db: Kysely<unknown>) {
    // Console logins in the store, not in one process's memory: any collector on the database knows them.
    await db.schema
      .createTable('console_sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('key_hash', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('csrf', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'integer', (c) => c.notNull())
      .addColumn('flash', 'text')
      .execute();
    await db.schema.createIndex('console_sessions_expires_at').on('console_sessions').column('expires_at').execute();
  },
};
