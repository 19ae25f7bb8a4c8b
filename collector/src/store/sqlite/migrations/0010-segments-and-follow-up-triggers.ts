import type { Kysely, Migration } from 'kysely';

export const segmentsAndFollowUpTriggers: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('segments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('condition', 'text', (c) => c.notNull())
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull())
      .execute();
    for (const [column, type] of [['unless_event', 'text'], ['unless_where', 'text'], ['within_ms', 'integer'], ['segment_id', 'text']] as const) {
      await db.schema.alterTable('triggers').addColumn(column, type).execute();
    }
    // One timer per (trigger, event): an event stored once sets one timer, whatever the retries.
    await db.schema
      .createTable('timers')
      .addColumn('trigger_id', 'text', (c) => c.notNull())
      .addColumn('event_uuid', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('event_time', 'integer', (c) => c.notNull())
      .addColumn('due_at', 'integer', (c) => c.notNull())
      .addColumn('next_check_at', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('timers_pkey', ['trigger_id', 'event_uuid'])
      .execute();
    await db.schema.createIndex('timers_next_check_at').on('timers').column('next_check_at').execute();
  },
};
