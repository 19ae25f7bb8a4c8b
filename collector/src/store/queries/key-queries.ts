import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema';
import type { KeyRecord, KeyStore, Scope } from '../key-store';

const toRecord = (row: Selectable<Database['keys']>): KeyRecord => ({
  id: row.id,
  name: row.name,
  scope: row.scope as Scope,
  allowedOrigins: JSON.parse(row.allowed_origins) as string[],
  createdAt: row.created_at,
  rateLimit: row.rate_limit,
});

/** Keys are looked up by the hash of what the client sent; the key itself is never stored. */
export function keyQueries(db: Kysely<Database>): KeyStore {
  return {
    async findByHash(hash) {
      const row = await db.selectFrom('keys').selectAll().where('hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
      return row && toRecord(row);
    },
    async create(key) {
      await db
        .insertInto('keys')
        .values({
          id: key.id,
          name: key.name,
          hash: key.hash,
          scope: key.scope,
          allowed_origins: JSON.stringify(key.allowedOrigins),
          created_at: key.createdAt,
          revoked_at: null,
          rate_limit: key.rateLimit ?? null,
        })
        // Collectors starting together on one database all make sure EVENTLINE_ADMIN_KEY exists: the first wins.
        .onConflict((oc) => oc.column('hash').doNothing())
        .execute();
    },
    async list() {
      const rows = await db.selectFrom('keys').selectAll().where('revoked_at', 'is', null).orderBy('created_at').execute();
      return rows.map(toRecord);
    },
    async countByScope(scope) {
      const row = await db
        .selectFrom('keys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('scope', '=', scope)
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async revoke(id, at) {
      const result = await db.updateTable('keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
