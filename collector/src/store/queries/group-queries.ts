import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { DefinitionGroupRecord, DefinitionGroupStore } from '../definition-group-store';

export function groupQueries(db: Kysely<Database>): DefinitionGroupStore {
  const select = () =>
    db
      .selectFrom('definition_groups as g')
      .select((eb) => [
        'g.id',
        'g.name',
        'g.created_at',
        eb
          .selectFrom('definitions as d')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('d.group_id', '=', 'g.id')
          .where('d.deleted_at', 'is', null)
          .as('event_count'),
      ]);
  const toRecord = (row: { id: string; name: string; created_at: number; event_count: number | null }): DefinitionGroupRecord => ({
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    eventCount: Number(row.event_count ?? 0),
  });

  return {
    async list() {
      return (await select().orderBy('g.name').execute()).map(toRecord);
    },
    async get(id) {
      const row = await select().where('g.id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },
    async findByName(name) {
      const row = await select().where('g.name', '=', name).executeTakeFirst();
      return row && toRecord(row);
    },
    async create({ id, name }) {
      await db.insertInto('definition_groups').values({ id, name, created_at: Date.now() }).execute();
    },
    async rename(id, name) {
      await db.updateTable('definition_groups').set({ name }).where('id', '=', id).execute();
    },
    async delete(id) {
      // Ungroup first: if the second statement fails, the events are in no group and the group is still
      // there to delete again, rather than events pointing at a group that is gone.
      await db.updateTable('definitions').set({ group_id: null, updated_at: Date.now() }).where('group_id', '=', id).execute();
      const result = await db.deleteFrom('definition_groups').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
