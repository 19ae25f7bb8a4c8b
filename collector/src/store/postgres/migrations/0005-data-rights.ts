import type { Kysely, Migration } from 'kysely';
import { text } from './collated-text';

export const dataRights: Migration = {
  async up(db: Kysely<unknown>) {
    // Identities erased on request whose events are refused (checked inside the write transaction).
    await db.schema
      .createTable('suppressions')
      .addColumn('type', text, (c) => c.notNull())
      .addColumn('value', text, (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('suppressions_pk', ['type', 'value'])
      .execute();
    // Who exported, erased or suppressed what: targets and counts, never event data.
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('key_id', text)
      .addColumn('action', text, (c) => c.notNull())
      .addColumn('target', text, (c) => c.notNull())
      .addColumn('counts', text, (c) => c.notNull())
      .execute();
  },
};
