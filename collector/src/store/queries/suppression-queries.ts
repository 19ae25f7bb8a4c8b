import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { SuppressionStore } from '../suppression-store';

/** Cursors are `<created_at>_<type>:<value>` of the last item answered. */
export function suppressionQueries(db: Kysely<Database>): SuppressionStore {
  return {
    async list({ limit, cursor }) {
      let q = db.selectFrom('suppressions').selectAll().orderBy('created_at', 'desc').orderBy('type').orderBy('value').limit(limit + 1);
      if (cursor) {
        const at = cursor.indexOf('_');
        const time = Number(cursor.slice(0, at));
        const key = cursor.slice(at + 1);
        const colon = key.indexOf(':');
        const [type, value] = [key.slice(0, colon), key.slice(colon + 1)];
        q = q.where((eb) =>
          eb.or([
            eb('created_at', '<', time),
            eb.and([eb('created_at', '=', time), eb.or([eb('type', '>', type), eb.and([eb('type', '=', type), eb('value', '>', value)])])]),
          ]),
        );
      }
      const rows = await q.execute();
      const items = rows.slice(0, limit).map((r) => ({ type: r.type, value: r.value, createdAt: r.created_at }));
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? `${last.createdAt}_${last.type}:${last.value}` : null };
    },
    async add({ type, value }, at) {
      const result = await db.insertInto('suppressions').values({ type, value, created_at: at }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async lift({ type, value }) {
      const result = await db.deleteFrom('suppressions').where('type', '=', type).where('value', '=', value).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
