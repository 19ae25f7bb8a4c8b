import type { EventType } from '@eventline/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { CustomerRecord, CustomerStore } from '../customer-store';
import type { EventSource } from '../event-store';
import { customerRecord, type CustomerRow } from './customer-record';
import { eventTags } from './event-tags';
import { identityRows } from './identity-rows';


/**
 * Cursors are `<number>_<rest>`: the sort key of the last item answered, so a page starts strictly after
 * it whatever was written meanwhile. The routes check the shape before a cursor gets here.
 */
const splitCursor = (cursor: string): [number, string] => {
  const at = cursor.indexOf('_');
  return [Number(cursor.slice(0, at)), cursor.slice(at + 1)];
};

export function customerQueries(db: Kysely<Database>): CustomerStore {
  async function withIdentities(rows: CustomerRow[]): Promise<CustomerRecord[]> {
    const identities = await identityRows(db, rows.map((r) => r.id));
    return rows.map((row) => customerRecord(row, identities));
  }

  return {
    async get(id) {
      const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
      return row && (await withIdentities([row]))[0];
    },

    async findByIdentity(type, value) {
      const row = await db
        .selectFrom('identities')
        .innerJoin('customers', 'customers.id', 'identities.customer_id')
        .selectAll('customers')
        .where('identities.type', '=', type)
        .where('identities.value', '=', value)
        .executeTakeFirst();
      return row && (await withIdentities([row]))[0];
    },

    async listByActiveness({ min, max }, { limit, cursor }) {
      let q = db
        .selectFrom('customers')
        .selectAll()
        .where('merged_into', 'is', null)
        .orderBy('activeness', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (min !== null) q = q.where('activeness', '>=', min);
      if (max !== null) q = q.where('activeness', '<', max);
      if (cursor) {
        const [activeness, id] = splitCursor(cursor);
        q = q.where((eb) => eb(eb.refTuple('activeness', 'id'), '<', eb.tuple(activeness, id)));
      }
      const rows = await q.execute();
      const items = await withIdentities(rows.slice(0, limit));
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? `${last.activeness}_${last.id}` : null };
    },

    async timeline(customerId, { limit, cursor }) {
      let q = db
        .selectFrom('events as e')
        .leftJoin('definitions as d', 'd.id', 'e.event')
        .select(['e.seq', 'e.uuid', 'e.event', 'd.name', 'e.type', 'e.time', 'e.received_at', 'e.score', 'e.properties', 'e.source'])
        .where('e.customer_id', '=', customerId)
        .orderBy('e.time', 'desc')
        .orderBy('e.seq', 'desc')
        .limit(limit + 1);
      if (cursor) {
        const [time, seq] = splitCursor(cursor);
        q = q.where((eb) => eb(eb.refTuple('e.time', 'e.seq'), '<', eb.tuple(time, Number(seq))));
      }
      const rows = await q.execute();
      const page = rows.slice(0, limit);
      const tags = await eventTags(db, page.map((r) => r.uuid));
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({
          uuid: r.uuid,
          event: r.event,
          name: r.name,
          type: r.type as EventType,
          time: r.time,
          receivedAt: r.received_at,
          score: r.score,
          properties: JSON.parse(r.properties) as Record<string, unknown>,
          tags: tags.get(r.uuid) ?? [],
          source: r.source as EventSource,
        })),
        nextCursor: rows.length > limit && last ? `${last.time}_${last.seq}` : null,
      };
    },

    async tagCounts(customerId, limit) {
      const rows = await db
        .selectFrom('event_tags')
        .select((eb) => ['tag', eb.fn.countAll<number>().as('count')])
        .where('customer_id', '=', customerId)
        .groupBy('tag')
        .orderBy('count', 'desc')
        .orderBy('tag')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ tag: r.tag, count: Number(r.count) }));
    },
  };
}
