import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema';
import type { ConsoleSessionRecord, ConsoleSessionStore } from '../console-session-store';
import type { Scope } from '../key-store';

const toRecord = (r: Selectable<Database['console_sessions']>): ConsoleSessionRecord => ({
  idHash: r.id_hash,
  keyHash: r.key_hash,
  scope: r.scope as Scope,
  csrf: r.csrf,
  expiresAt: r.expires_at,
  flash: r.flash === null ? null : (JSON.parse(r.flash) as ConsoleSessionRecord['flash']),
});

export function consoleSessionQueries(db: Kysely<Database>): ConsoleSessionStore {
  return {
    async create(s) {
      await db
        .insertInto('console_sessions')
        .values({ id_hash: s.idHash, key_hash: s.keyHash, scope: s.scope, csrf: s.csrf, expires_at: s.expiresAt, flash: s.flash && JSON.stringify(s.flash) })
        .execute();
    },
    async get(idHash) {
      const row = await db.selectFrom('console_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      return row && toRecord(row);
    },
    async update(idHash, changes) {
      await db
        .updateTable('console_sessions')
        .set({
          ...(changes.expiresAt !== undefined && { expires_at: changes.expiresAt }),
          ...(changes.flash !== undefined && { flash: changes.flash && JSON.stringify(changes.flash) }),
        })
        .where('id_hash', '=', idHash)
        .execute();
    },
    async delete(idHash) {
      await db.deleteFrom('console_sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteExpired(now) {
      const result = await db.deleteFrom('console_sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
