import { sql, type Kysely, type Migration } from 'kysely';
import { text } from './collated-text';

export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('keys')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('hash', text, (c) => c.notNull().unique())
      .addColumn('scope', text, (c) => c.notNull())
      .addColumn('allowed_origins', text, (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .addColumn('rate_limit', 'integer')
      .execute();

    await db.schema
      .createTable('definition_groups')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('name', text, (c) => c.notNull().unique())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('definitions')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('type', text, (c) => c.notNull())
      .addColumn('score', 'integer')
      .addColumn('stage', text)
      .addColumn('group_id', text)
      .addColumn('properties', text, (c) => c.notNull().defaultTo('[]'))
      .addColumn('system', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('default_score', 'integer')
      .addColumn('default_stage', text)
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint')
      .execute();

    // Several collectors take customer ids from one sequence: "c" + base 36 of it, short in every index entry.
    await sql`create sequence customer_ids`.execute(db);
    await db.schema
      .createTable('customers')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('first_seen', 'bigint', (c) => c.notNull())
      .addColumn('last_seen', 'bigint', (c) => c.notNull())
      .addColumn('activeness', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('event_count', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('stage', text)
      .addColumn('stage_rank', 'integer', (c) => c.notNull().defaultTo(-1))
      .addColumn('merged_into', text)
      .execute();
    await db.schema.createIndex('customers_merged_into').on('customers').column('merged_into').where(sql.ref('merged_into'), 'is not', null).execute();
    await db.schema.createIndex('customers_activeness').on('customers').columns(['activeness', 'id']).where(sql.ref('merged_into'), 'is', null).execute();

    await db.schema
      .createTable('identities')
      .addColumn('type', text, (c) => c.notNull())
      .addColumn('value', text, (c) => c.notNull())
      .addColumn('customer_id', text, (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('identities_pk', ['type', 'value'])
      .execute();
    await db.schema.createIndex('identities_customer').on('identities').column('customer_id').execute();

    // Partitioned by month of `time` (partitions made on demand by the writer): old months can be
    // dropped whole, and time-bounded analysis reads only its months. A unique uuid cannot span the
    // partitions (the partition key is not in it): event_ids holds it, and dedupes across collectors.
    await db.schema
      .createTable('events')
      .addColumn('seq', 'bigserial', (c) => c.notNull())
      .addColumn('uuid', text, (c) => c.notNull())
      .addColumn('event', text, (c) => c.notNull())
      .addColumn('type', text, (c) => c.notNull())
      .addColumn('customer_id', text, (c) => c.notNull())
      .addColumn('time', 'bigint', (c) => c.notNull())
      .addColumn('client_time', 'bigint', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
      // jsonb: analysis reads a property without parsing the text of every row it scans.
      .addColumn('properties', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('context', 'jsonb')
      .addColumn('anonymous_id', text)
      .addColumn('source', text, (c) => c.notNull())
      .addColumn('key_id', text)
      .modifyEnd(sql`partition by range (time)`)
      .execute();
    await db.schema.createIndex('events_uuid').on('events').column('uuid').execute();
    // Export pages in (time, seq) order; the timeline reads a customer's events newest first.
    await db.schema.createIndex('events_time_seq').on('events').columns(['time', 'seq']).execute();
    await db.schema.createIndex('events_customer_time').on('events').columns(['customer_id', 'time', 'seq']).execute();
    // has-event and each funnel step seek one customer's one event over a time range.
    await db.schema.createIndex('events_customer_event_time').on('events').columns(['customer_id', 'event', 'time']).execute();
    // The filter, distribution and the funnel's first step read who did an event in a range from the index.
    await db.schema.createIndex('events_event_time_customer').on('events').columns(['event', 'time', 'customer_id']).execute();

    await db.schema
      .createTable('event_ids')
      .addColumn('uuid', text, (c) => c.primaryKey())
      .addColumn('time', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('event_tags')
      .addColumn('event_uuid', text, (c) => c.notNull())
      .addColumn('tag', text, (c) => c.notNull())
      .addColumn('customer_id', text, (c) => c.notNull())
      .addColumn('time', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('event_tags_pk', ['event_uuid', 'tag'])
      .execute();
    await db.schema.createIndex('event_tags_tag_time').on('event_tags').columns(['tag', 'time']).execute();
    await db.schema.createIndex('event_tags_customer').on('event_tags').columns(['customer_id', 'tag']).execute();

    await db.schema
      .createTable('triggers')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('event', text, (c) => c.notNull())
      .addColumn('where', text, (c) => c.notNull().defaultTo('[]'))
      .addColumn('url', text, (c) => c.notNull())
      .addColumn('secret', text, (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint')
      .execute();

    await db.schema
      .createTable('deliveries')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('trigger_id', text, (c) => c.notNull())
      .addColumn('event_uuid', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull().defaultTo('pending'))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('delivered_at', 'bigint')
      .addColumn('last_error', text)
      .execute();
    await db.schema.createIndex('deliveries_due').on('deliveries').column('next_attempt_at').where(sql.ref('status'), '=', 'pending').execute();
    await db.schema.createIndex('deliveries_trigger').on('deliveries').columns(['trigger_id', 'id']).execute();

    await db.schema
      .createTable('delivery_attempts')
      .addColumn('delivery_id', text, (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('status', 'integer')
      .addColumn('error', text)
      .addPrimaryKeyConstraint('delivery_attempts_pk', ['delivery_id', 'attempt'])
      .execute();

    await db.schema
      .createTable('quarantine')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      .addColumn('uuid', text)
      .addColumn('event', text)
      .addColumn('code', text, (c) => c.notNull())
      .addColumn('message', text, (c) => c.notNull())
      .addColumn('path', text, (c) => c.notNull())
      .addColumn('raw', text, (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_at', 'bigint')
      .addColumn('key_id', text)
      .addColumn('scope', text, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('status', text, (c) => c.notNull().defaultTo('pending'))
      .addColumn('resolved_at', 'bigint')
      .execute();
    await db.schema.createIndex('quarantine_uuid').on('quarantine').column('uuid').unique().where(sql.ref('uuid'), 'is not', null).execute();
    await db.schema.createIndex('quarantine_status').on('quarantine').columns(['status', 'id']).execute();

    await db.schema
      .createTable('client_drops')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('key_id', text)
      .addColumn('anonymous_id', text)
      .addColumn('count', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('materials')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('type', text, (c) => c.notNull())
      .addColumn('tags', text, (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('wechat_accounts')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('app_id', text, (c) => c.notNull().unique())
      .addColumn('token', text, (c) => c.notNull())
      .addColumn('encoding_aes_key', text)
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('meta')
      .addColumn('key', text, (c) => c.primaryKey())
      .addColumn('value', text, (c) => c.notNull())
      .execute();
  },
};
