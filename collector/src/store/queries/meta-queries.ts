import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import type { MetaStore } from '../meta-store';

const versionPrefix = 'version:';

export function metaQueries(db: Kysely<Database>): MetaStore {
  return {
    async getOrInsert(key, value) {
      // Two collectors starting at once on one database must end up with the same value.
      await db.insertInto('meta').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
      const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirstOrThrow();
      return row.value;
    },
    async bumpVersion(name) {
      const row = await db
        .insertInto('meta')
        .values({ key: `${versionPrefix}${name}`, value: '1' })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql<string>`cast(cast(meta.value as integer) + 1 as text)` }))
        .returning('value')
        .executeTakeFirstOrThrow();
      return Number(row.value);
    },
    async versions() {
      const rows = await db.selectFrom('meta').select(['key', 'value']).where('key', 'like', `${versionPrefix}%`).execute();
      return Object.fromEntries(rows.map((r) => [r.key.slice(versionPrefix.length), Number(r.value)]));
    },
  };
}
