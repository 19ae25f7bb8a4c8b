import type { EventType } from '@eventline/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema';
import type { EventSource, EventStore, IdentityRef, StoredConflict, StoredEvent } from '../event-store';

/** An events row as the API shows it; `tags` come from event_tags, read by the caller. */
export function toStoredEvent(row: Selectable<Database['events']>, tags: string[]): StoredEvent {
  return {
    uuid: row.uuid,
    event: row.event,
    type: row.type as EventType,
    customerId: row.customer_id,
    time: row.time,
    clientTime: row.client_time,
    receivedAt: row.received_at,
    score: row.score,
    properties: JSON.parse(row.properties) as Record<string, unknown>,
    context: row.context == null ? null : (JSON.parse(row.context) as Record<string, unknown>),
    anonymousId: row.anonymous_id,
    tags,
    source: row.source as EventSource,
  };
}

export function eventQueries(db: Kysely<Database>): Pick<EventStore, 'get' | 'conflicts'> {
  return {
    async get(uuid) {
      const row = await db.selectFrom('events').selectAll().where('uuid', '=', uuid).executeTakeFirst();
      if (!row) return undefined;
      const tags = await db.selectFrom('event_tags').select('tag').where('event_uuid', '=', uuid).orderBy('tag').execute();
      return toStoredEvent(row, tags.map((t) => t.tag));
    },
    async conflicts(uuid) {
      const rows = await db.selectFrom('identity_conflicts').selectAll().where('event_uuid', '=', uuid).orderBy('id').execute();
      return rows.map((r) => ({
        eventUuid: r.event_uuid,
        customerId: r.customer_id,
        otherCustomerId: r.other_customer_id,
        identities: JSON.parse(r.identities) as IdentityRef[],
        reason: r.reason as StoredConflict['reason'],
        createdAt: Number(r.created_at),
      }));
    },
  };
}
