import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema';
import type { MaterialRecord, MaterialStore, MaterialType } from '../material-store';

const toRecord = (row: Selectable<Database['materials']>): MaterialRecord => ({
  id: row.id,
  name: row.name,
  type: row.type as MaterialType,
  tags: JSON.parse(row.tags) as string[],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function materialQueries(db: Kysely<Database>): MaterialStore {
  const get = async (id: string) => {
    const row = await db.selectFrom('materials').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  };
  return {
    async list(filter = {}) {
      let q = db.selectFrom('materials').selectAll().orderBy('id');
      if (filter.type) q = q.where('type', '=', filter.type);
      return (await q.execute()).map(toRecord);
    },
    get,
    async create({ id, name, type, tags }) {
      const now = Date.now();
      const result = await db
        .insertInto('materials')
        .values({ id, name, type, tags: JSON.stringify(tags), created_at: now, updated_at: now })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async update(id, { name, type, tags }) {
      const result = await db
        .updateTable('materials')
        .set({
          ...(name !== undefined ? { name } : {}),
          ...(type !== undefined ? { type } : {}),
          ...(tags !== undefined ? { tags: JSON.stringify(tags) } : {}),
          updated_at: Date.now(),
        })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0 ? get(id) : undefined;
    },
    async delete(id) {
      const result = await db.deleteFrom('materials').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
