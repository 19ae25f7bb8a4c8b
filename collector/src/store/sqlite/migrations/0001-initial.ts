import { sql, type Kysely, type Migration } from 'kysely';

export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('allowed_origins', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('revoked_at', 'integer')
      .execute();

    await db.schema
      .createTable('definition_groups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('definitions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('score', 'integer')
      .addColumn('stage', 'text')
      .addColumn('group_id', 'text')
      .addColumn('properties', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('system', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('default_score', 'integer')
      .addColumn('default_stage', 'text')
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull())
      .addColumn('deleted_at', 'integer')
      .execute();

    await db.schema
      .createTable('customers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('first_seen', 'integer', (c) => c.notNull())
      .addColumn('last_seen', 'integer', (c) => c.notNull())
      .addColumn('activeness', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('stage', 'text')
      .addColumn('stage_rank', 'integer', (c) => c.notNull().defaultTo(-1))
      .addColumn('merged_into', 'text')
      .execute();

    await db.schema
      .createTable('identities')
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('identities_pk', ['type', 'value'])
      .modifyEnd(sql`without rowid`)
      .execute();
    await db.schema.createIndex('identities_customer').on('identities').column('customer_id').execute();

    await db.schema
      .createTable('events')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('uuid', 'text', (c) => c.notNull().unique())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('time', 'integer', (c) => c.notNull())
      .addColumn('client_time', 'integer', (c) => c.notNull())
      .addColumn('received_at', 'integer', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('properties', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('context', 'text')
      .addColumn('anonymous_id', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text')
      .execute();
    // The timeline reads a customer's events newest first; analysis scans one event id over a time range.
    await db.schema.createIndex('events_customer_time').on('events').columns(['customer_id', 'time']).execute();
    await db.schema.createIndex('events_event_time').on('events').columns(['event', 'time']).execute();
    await db.schema.createIndex('events_time').on('events').column('time').execute();

    await db.schema
      .createTable('event_tags')
      .addColumn('event_uuid', 'text', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('time', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('event_tags_pk', ['event_uuid', 'tag'])
      .modifyEnd(sql`without rowid`)
      .execute();
    await db.schema.createIndex('event_tags_tag_time').on('event_tags').columns(['tag', 'time']).execute();
    await db.schema.createIndex('event_tags_customer').on('event_tags').columns(['customer_id', 'tag']).execute();

    await db.schema
      .createTable('quarantine')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('uuid', 'text')
      .addColumn('event', 'text')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('received_at', 'integer', (c) => c.notNull())
      .addColumn('sent_at', 'integer')
      .addColumn('key_id', 'text')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
      .addColumn('resolved_at', 'integer')
      .execute();
    // A resent rejected event is counted on its first quarantine row, not stored again.
    await db.schema.createIndex('quarantine_uuid').on('quarantine').column('uuid').unique().where(sql.ref('uuid'), 'is not', null).execute();
    await db.schema.createIndex('quarantine_status').on('quarantine').columns(['status', 'id']).execute();

    await db.schema
      .createTable('client_drops')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('received_at', 'integer', (c) => c.notNull())
      .addColumn('key_id', 'text')
      .addColumn('anonymous_id', 'text')
      .addColumn('count', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
};
