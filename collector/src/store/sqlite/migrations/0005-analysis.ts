import { sql, type Kysely, type Migration } from 'kysely';

export const analysis: Migration = {
  async up(db: Kysely<unknown>) {
    // has-event and each funnel step seek one customer's one event over a time range.
    await db.schema.createIndex('events_customer_event_time').on('events').columns(['customer_id', 'event', 'time']).execute();
    // The filter and the funnel's first step read who did an event in a range from the index alone.
    await db.schema.createIndex('events_event_time_customer').on('events').columns(['event', 'time', 'customer_id']).execute();

    await db.schema
      .createTable('triggers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('where', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('deleted_at', 'integer')
      .execute();

    // The outbox: a row is written in the same transaction as the event it is for.
    await db.schema
      .createTable('deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('trigger_id', 'text', (c) => c.notNull())
      .addColumn('event_uuid', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('delivered_at', 'integer')
      .addColumn('last_error', 'text')
      .execute();
    await db.schema.createIndex('deliveries_due').on('deliveries').column('next_attempt_at').where(sql.ref('status'), '=', 'pending').execute();
    await db.schema.createIndex('deliveries_trigger').on('deliveries').columns(['trigger_id', 'id']).execute();

    await db.schema
      .createTable('delivery_attempts')
      .addColumn('delivery_id', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('at', 'integer', (c) => c.notNull())
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('status', 'integer')
      .addColumn('error', 'text')
      .addPrimaryKeyConstraint('delivery_attempts_pk', ['delivery_id', 'attempt'])
      .modifyEnd(sql`without rowid`)
      .execute();
  },
};
