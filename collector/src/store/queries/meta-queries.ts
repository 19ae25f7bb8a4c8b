import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { MetaStore } from '../store';

export function metaQueries(db: Kysely<Database>): MetaStore {
  return {
    async getOrInsert(key, value) {
      // Two collectors starting at once on one database must end up with the same value.
      await db.insertInto('meta').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
      const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirstOrThrow();
      return row.value;
    },
  };
}
