import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema';
import type { SegmentRecord, SegmentStore } from '../segment-store';

const toSegment = (r: Selectable<Database['segments']>): SegmentRecord => ({
  id: r.id,
  name: r.name,
  condition: JSON.parse(r.condition) as unknown,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export function segmentQueries(db: Kysely<Database>): SegmentStore {
  const get = async (id: string) => {
    const row = await db.selectFrom('segments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSegment(row);
  };
  return {
    async create(s) {
      await db
        .insertInto('segments')
        .values({ id: s.id, name: s.name, condition: JSON.stringify(s.condition), created_at: s.createdAt, updated_at: s.updatedAt })
        .execute();
    },

    async list() {
      return (await db.selectFrom('segments').selectAll().orderBy('created_at').orderBy('id').execute()).map(toSegment);
    },

    get,

    async update(id, change) {
      const result = await db
        .updateTable('segments')
        .set({
          updated_at: change.updatedAt,
          ...(change.name !== undefined && { name: change.name }),
          ...(change.condition !== undefined && { condition: JSON.stringify(change.condition) }),
        })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows === 0n ? undefined : get(id);
    },

    async delete(id) {
      const result = await db.deleteFrom('segments').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async identitiesOf(customerIds) {
      const byCustomer = new Map<string, Record<string, string[]>>(customerIds.map((id) => [id, {}]));
      if (customerIds.length === 0) return byCustomer;
      const rows = await db
        .selectFrom('identities')
        .select(['customer_id', 'type', 'value'])
        .where('customer_id', 'in', [...customerIds])
        .orderBy('created_at')
        .orderBy('type')
        .orderBy('value')
        .execute();
      for (const r of rows) (byCustomer.get(r.customer_id)![r.type] ??= []).push(r.value);
      return byCustomer;
    },
  };
}
