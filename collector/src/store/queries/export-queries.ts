import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { EventStore } from '../event-store';
import { eventTags } from './event-tags';
import { toStoredEvent } from './event-queries';

/**
 * Export reads events in (time, seq) order and continues after the last row it gave (keyset paging):
 * each page costs the same however deep into the data it is, and a row compare uses the time indexes.
 */
export function exportQueries(db: Kysely<Database>): Pick<EventStore, 'page'> {
  return {
    async page({ from, to, event, customerId, tag, after, limit }) {
      let q = db.selectFrom('events').selectAll();
      if (from !== undefined) q = q.where('time', '>=', from);
      if (to !== undefined) q = q.where('time', '<', to);
      if (event !== undefined) q = q.where('event', '=', event);
      if (customerId !== undefined) {
        q = q.where('customer_id', 'in', (eb) =>
          eb.selectFrom('customers').select('id').where((w) => w.or([w('id', '=', customerId), w('merged_into', '=', customerId)])),
        );
      }
      if (tag !== undefined) {
        q = q.where(({ exists, selectFrom }) =>
          exists(selectFrom('event_tags').select('event_tags.tag').whereRef('event_tags.event_uuid', '=', 'events.uuid').where('event_tags.tag', '=', tag)),
        );
      }
      if (after) q = q.where((eb) => eb(eb.refTuple('time', 'seq'), '>', eb.tuple(after.time, after.seq)));
      const rows = await q.orderBy('time').orderBy('seq').limit(limit + 1).execute();
      const page = rows.slice(0, limit);
      const tags = await eventTags(db, page.map((r) => r.uuid));
      const last = page[page.length - 1];
      return {
        items: page.map((row) => toStoredEvent(row, tags.get(row.uuid) ?? [])),
        next: rows.length > limit && last ? { time: last.time, seq: last.seq } : null,
      };
    },
  };
}
